// Text generation from a trained character model: feed a seed text, then
// sample one character at a time and feed it back (the model's own output
// becomes its next input). Used by the playground's task view.
#pragma once
#include <string>

#include "core/rnn/stack.h"
#include "core/tensor/rng.h"
#include "core/tasks/tasks.h"

namespace unroll {

// Limits that keep one generation call short enough for a UI frame.
constexpr int kMaxGenerateChars = 2000;   // n
constexpr size_t kMaxPrimeChars = 1000;   // code points of the seed text

// Writes `n` new characters (not including `prime`) to *text. The model
// reads `prime` (at least one character, all in the task's vocabulary),
// then each step draws the next character from its logits softmaxed at
// `temperature` (<= 0: greedy argmax; see sample_token) and reads it back.
// Returns false with *error naming the problem on: an empty or too long
// prime, a character outside the vocabulary, n outside 1..kMaxGenerateChars,
// or a model whose input/output sizes do not match the task's vocabulary.
// The rng is used once per sampled character (never when greedy).
bool generate_text(const RnnStack<float>& model, const TextTask& task,
                   const std::string& prime, int n, double temperature, Rng& rng,
                   std::string* text, std::string* error);

}  // namespace unroll
