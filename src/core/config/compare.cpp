#include "core/config/compare.h"

#include <algorithm>

namespace unroll {

const std::vector<std::string>& compare_tokens() {
  static const std::vector<std::string> t = {"rnn_tanh", "rnn_relu", "lstm", "gru",
                                             "seq2seq", "bahdanau", "luong", "transformer"};
  return t;
}

bool apply_compare_token(const std::string& token, Config* cfg) {
  ConfigError e;
  const std::vector<std::string>& cells = find_key("arch")->choices;
  if (std::find(cells.begin(), cells.end(), token) != cells.end()) return cfg->set("arch", token, &e);
  if (token == "transformer") return cfg->set("model", "transformer", &e);
  if (token == "seq2seq" || token == "bahdanau" || token == "luong")
    return cfg->set("model", "seq2seq", &e) &&
           cfg->set("attn", token == "seq2seq" ? "none" : token, &e);
  return false;
}

}  // namespace unroll
