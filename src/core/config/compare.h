// Compare runs: the tokens a link's compare= (or a lesson's @compare) names,
// each a change to a copy of the main run's config: another cell
// (rnn_tanh, rnn_relu, lstm, gru), the encoder-decoder without attention
// (seq2seq) or with one (bahdanau, luong), or the Transformer.
#pragma once
#include <string>
#include <vector>

#include "core/config/config.h"

namespace unroll {

constexpr size_t kMaxCompareRuns = 3;  // plus the main run: 4 side by side

// The compare tokens, in UI order.
const std::vector<std::string>& compare_tokens();
// Applies a compare token to a copy of the main run's config; false if the
// token is unknown.
bool apply_compare_token(const std::string& token, Config* cfg);

}  // namespace unroll
