#include "app/state/links.h"
#include "core/config/split.h"

#include <cstdlib>

#include "core/io/base64url.h"
#include "core/io/weights_link.h"
#include "core/train/experiment_spec.h"

namespace unroll::app {
namespace {

std::string safe(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 64)) out += (c >= 0x20 && c < 0x7f && std::string_view("<>&\"'`").find(c) == std::string_view::npos) ? c : '?';
  return out;
}

}  // namespace

std::string run_label(const Config& cfg) {
  const NetSpec n = resolve_spec(cfg).net;
  const char* cell = n.cell == CellKind::RnnTanh   ? "Elman (tanh)"
                     : n.cell == CellKind::RnnRelu ? "Elman (ReLU)"
                     : n.cell == CellKind::Lstm    ? "LSTM"
                                                   : "GRU";
  switch (n.kind) {
    case ModelKind::Transformer: return "Transformer";
    case ModelKind::EncoderDecoder:
      return std::string("Enc-dec ") + cell +
             (n.attn == AttnKind::None ? "" : n.attn == AttnKind::Bahdanau ? " + Bahdanau" : " + Luong");
    case ModelKind::Recurrent: break;
  }
  return cell;
}

Link parse_link(std::string_view hash) {
  Link link;
  if (!hash.empty() && (hash[0] == '#' || hash[0] == '?')) hash.remove_prefix(1);
  std::string rest;
  for (const std::string& pair : split(hash, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string key = pair.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    auto error = [&](const std::string& msg) {
      link.errors.push_back({key, safe(value), msg});
    };
    if (key == "run") {
      if (value == "1") link.run = true;
      else if (value != "0") error("run=" + safe(value) + " is not allowed: use run=1 (start training at once) or run=0.");
    } else if (key == "compare") {
      link.compare.clear();
      for (const std::string& c : split(value, ',')) {
        Config probe;
        if (!apply_compare_token(c, &probe)) {
          error("compare=" + safe(value) + " has '" + safe(c) +
                "', which cannot be compared: allowed rnn_tanh, rnn_relu, lstm, gru, seq2seq, "
                "bahdanau, luong, transformer, separated by commas.");
          link.compare.clear();
          break;
        }
        if (link.compare.size() == kMaxCompareRuns) {
          error("compare lists more than 3 runs; only the first 3 are compared.");
          break;
        }
        link.compare.push_back(c);
      }
    } else if (key == "lesson") {
      link.lesson = safe(value);
    } else if (key == "step") {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end || n < 1 || n > 99) error("step=" + safe(value) + " is not allowed: a lesson step is a whole number from 1 to 99.");
      else link.lesson_step = int(n);
    } else if (key == "workers") {
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end || n < 1 || n > 16) error("workers=" + safe(value) + " is not allowed: how many runs train at once is a whole number from 1 to 16.");
      else link.workers = int(n);
    } else if (key == "hide" || key == "panels" || key == "zoom") {
      const std::string e = key == "hide"     ? parse_hide(value, &link.focus)
                            : key == "panels" ? parse_panels(value, &link.focus)
                                              : parse_zoom(value, &link.focus);
      if (!e.empty()) error(e);
    } else if (key == "w") {
      // Only the characters and the size here; the bytes are checked once decompressed.
      const size_t bad = base64url_bad_char(value);
      if (value.empty()) error("w= is empty: it holds a trained model's weights (made by Copy link with weights).");
      else if (value.size() > WeightsLinkLimits::kMaxChars)
        error("w= has " + std::to_string(value.size()) + " characters; a link's weights may have at most " +
              std::to_string(WeightsLinkLimits::kMaxChars) + ". The model starts from its usual initial weights.");
      else if (bad != std::string::npos)
        error("w= has '" + safe(value.substr(bad, 1)) + "' at character " + std::to_string(bad + 1) +
              ", which is not base64url (A-Z, a-z, 0-9, - and _): the link was changed. The model starts "
              "from its usual initial weights.");
      else link.weights = value;
    } else if (key == "lang") {
      if (value == "pt" || value == "en") link.lang = value;
      else error("lang=" + safe(value) + " is not a language here: allowed pt (Português) and en (English).");
    } else {
      rest += (rest.empty() ? "" : "&") + pair;
    }
  }
  std::vector<ConfigError> cfg_errors;
  link.config = Config::parse(rest, &cfg_errors);
  link.errors.insert(link.errors.begin(), cfg_errors.begin(), cfg_errors.end());
  return link;
}

std::string make_link(const Config& cfg, const std::vector<std::string>& compare,
                      const std::string& lesson, int lesson_step, const std::string& lang, int workers,
                      const Focus& focus, const std::string& weights) {
  std::string s = cfg.to_query();
  if (!compare.empty()) {
    s += "&compare=";
    for (size_t k = 0; k < compare.size(); ++k) s += (k ? "," : "") + compare[k];
  }
  if (!lesson.empty()) s += "&lesson=" + lesson + "&step=" + std::to_string(lesson_step);
  if (!lang.empty()) s += "&lang=" + lang;
  if (workers > 0) s += "&workers=" + std::to_string(workers);
  s += focus_query(focus);
  if (!weights.empty()) s += "&w=" + weights;  // last: the long part
  return s;
}

}  // namespace unroll::app
