// From context vector to attention to Transformers, measured:
//  - an encoder-decoder WITH attention reverses 10 digits (>= 95% of whole
//    sequences right, greedy decoding);
//  - at 20 digits the same encoder-decoder WITHOUT attention, same size and
//    budget, stays at least 20 points lower: everything must squeeze
//    through one context vector;
//  - a small Transformer sorts and reverses 10 digits (>= 95%).
#include <cstdio>

#include "core/train/length_eval.h"
#include "learning_util.h"

namespace unroll {
namespace {

using testing_util::experiment;

double trained_sequence_accuracy(const std::string& query, long steps, Index T) {
  auto e = experiment(query);
  for (long s = 0; s < steps; ++s) EXPECT_TRUE(e->step()) << e->diverged_reason();
  const EvalResult r = e->evaluate(T, 512);
  EXPECT_TRUE(r.error.empty()) << r.error;
  // the measured numbers, for the record (ctest -V shows them)
  std::printf("  %s: %ld steps, sequence accuracy %.4f (token %.4f, chance %.2g)\n", query.c_str(),
              steps, r.sequence_accuracy, r.token_accuracy, r.chance_sequence);
  return r.sequence_accuracy;
}

const char* kSeq2Seq = "v=1&model=seq2seq&arch=gru&hidden=64&batch=32&lr=0.01&seed=1&task=reverse";

TEST(Attention, EncoderDecoderWithAttentionReversesTenDigits) {
  const double acc = trained_sequence_accuracy(std::string(kSeq2Seq) + "&attn=bahdanau&T=10", 400, 10);
  EXPECT_GE(acc, 0.95);
}

TEST(Attention, WithoutAttentionTheContextVectorIsABottleneckAtTwentyDigits) {
  const long steps = 600;
  const double with = trained_sequence_accuracy(std::string(kSeq2Seq) + "&attn=bahdanau&T=20", steps, 20);
  const double without = trained_sequence_accuracy(std::string(kSeq2Seq) + "&attn=none&T=20", steps, 20);
  EXPECT_GE(with - without, 0.20) << "with attention " << with << ", without " << without;
}

const char* kTransformer =
    "v=1&model=transformer&layers=2&d_model=64&heads=4&ff=128&batch=32&seed=1";

// Budgets chosen so the claim holds across seeds and float rounding, not
// for one lucky trajectory: sort at lr 0.002 / 400 steps swung between 0.69
// and 0.996 over seeds 1-3 (and between builds: native vs wasm products round
// differently); at lr 0.001 / 800 steps seeds 1-3 gave 0.980, 0.998, 0.967.
// Reverse at 600 steps gave 1.000 for seeds 1-3 (0.945-1.000 at 400).
TEST(Attention, TransformerSortsTenDigits) {
  EXPECT_GE(trained_sequence_accuracy(std::string(kTransformer) + "&lr=0.001&task=sort&T=10", 800, 10), 0.95);
}

TEST(Attention, TransformerReversesTenDigits) {
  EXPECT_GE(trained_sequence_accuracy(std::string(kTransformer) + "&lr=0.001&task=reverse&T=10", 600, 10), 0.95);
}

}  // namespace
}  // namespace unroll
