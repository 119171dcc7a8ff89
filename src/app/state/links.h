// A playground link's hash: the experiment's query string (core Config) plus
// a few keys that belong to the page, not the experiment:
//   run=1          start training at once
//   compare=a,b    extra runs on the same task and seed, each one of
//                  rnn_tanh, rnn_relu, lstm, gru (another cell), seq2seq
//                  (encoder-decoder, no attention), bahdanau, luong
//                  (encoder-decoder with that attention), transformer
//   lesson=<id>, step=<n>, lang=<pt|en>   (lessons, handled by the lesson panel)
//   workers=<n>    how many runs train at once (1-16; default: the page's
//                  cores minus one), e.g. workers=2 on a two-core machine
//   hide=, panels=, zoom=   focus links (app/state/focus.h)
//   w=<base64url>  a trained model: the main run starts from these weights
//                  at their step (io/weights_link.h; at most
//                  WeightsLinkLimits::kMaxChars characters)
// The page keys are split off here; everything else goes to Config::parse.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/config/compare.h"
#include "core/config/config.h"
#include "app/state/focus.h"

namespace unroll::app {

struct Link {
  Config config;
  std::vector<ConfigError> errors;  // experiment and page keys together
  bool run = false;
  std::vector<std::string> compare;  // cells of the extra runs
  std::string lesson, lang;
  int lesson_step = 0;
  int workers = 0;  // 0 = not given
  Focus focus;
  std::string weights;  // w=, still compressed (the page decompresses it)
};

Link parse_link(std::string_view hash);

// The hash the page shows for this state ("v=1&...", page keys last).
std::string make_link(const Config& cfg, const std::vector<std::string>& compare,
                      const std::string& lesson = "", int lesson_step = 0,
                      const std::string& lang = "", int workers = 0, const Focus& focus = {},
                      const std::string& weights = "");

// compare= tokens and what they change (core/config/compare.h).
using unroll::apply_compare_token;
using unroll::compare_tokens;
using unroll::kMaxCompareRuns;

// "LSTM", "Enc-dec GRU + Bahdanau", "Transformer" ... for a run's config.
std::string run_label(const Config& cfg);

}  // namespace unroll::app
