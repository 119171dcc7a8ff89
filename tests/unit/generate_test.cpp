// Text generation: the step-by-step sampler agrees with a whole-sequence
// forward pass, is reproducible, uses the logits, and rejects bad input.
#include <gtest/gtest.h>

#include "core/models/generate.h"
#include "core/rnn/init.h"
#include "core/rnn/bptt.h"

namespace unroll {
namespace {

struct Fixture {
  std::unique_ptr<TextTask> task;
  std::unique_ptr<RnnStack<float>> model;
};

Fixture make(CellKind cell, Index layers = 1) {
  Fixture f;
  std::string error;
  f.task = make_text_task(false, "", 16, &error);
  EXPECT_TRUE(f.task) << error;
  RnnSpec s;
  s.cell = cell;
  s.input = f.task->input_size();
  s.output = f.task->output_size();
  s.hidden = 12;
  s.layers = layers;
  f.model = std::make_unique<RnnStack<float>>(s);
  Rng rng(7);
  initialise(*f.model, InitSpec{}, rng);
  return f;
}

// Argmax of every output column after running `text` through the model at once.
std::vector<int> greedy_next_ids(const Fixture& f, const std::string& text) {
  std::vector<int> ids;
  std::string error;
  EXPECT_TRUE(f.task->encode(text, &ids, &error)) << error;
  const Index V = f.task->input_size(), T = Index(ids.size());
  RnnWorkspace<float> ws;
  ws.resize(f.model->spec(), T, 1);
  Mat<float> x = Mat<float>::Zero(V, T);  // V x T
  for (Index t = 0; t < T; ++t) x(ids[size_t(t)], t) = 1.0f;
  forward<float>(*f.model, x, ws);
  std::vector<int> next;
  for (Index t = 0; t < T; ++t) {
    Index k = 0;
    ws.out.col(t).maxCoeff(&k);
    next.push_back(int(k));
  }
  return next;
}

TEST(Generate, GreedyMatchesAWholeSequenceForwardPass) {
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru, CellKind::RnnTanh}) {
    const Fixture f = make(cell, 2);
    const std::string prime = "the ";
    std::string made, error;
    Rng rng(3);
    ASSERT_TRUE(generate_text(*f.model, *f.task, prime, 20, 0.0, rng, &made, &error)) << error;
    // Feeding prime + generated text at once must predict each generated
    // character from the characters before it.
    const std::vector<int> next = greedy_next_ids(f, prime + made);
    std::vector<int> made_ids;
    ASSERT_TRUE(f.task->encode(made, &made_ids, &error)) << error;
    ASSERT_EQ(made_ids.size(), 20u);
    for (size_t k = 0; k < made_ids.size(); ++k)
      EXPECT_EQ(made_ids[k], next[prime.size() - 1 + k]) << "cell " << int(cell) << " char " << k;
  }
}

TEST(Generate, GreedyDrawsNothingFromTheRng) {
  const Fixture f = make(CellKind::Lstm);
  Rng used(5), untouched(5);
  std::string made, error;
  ASSERT_TRUE(generate_text(*f.model, *f.task, "a", 30, 0.0, used, &made, &error)) << error;
  EXPECT_EQ(used.next_u64(), untouched.next_u64());
}

TEST(Generate, SameSeedSameTextOtherSeedOtherText) {
  const Fixture f = make(CellKind::Gru);
  std::string a, b, c, error;
  Rng r1(11), r2(11), r3(12);
  ASSERT_TRUE(generate_text(*f.model, *f.task, "O ", 200, 1.0, r1, &a, &error)) << error;
  ASSERT_TRUE(generate_text(*f.model, *f.task, "O ", 200, 1.0, r2, &b, &error)) << error;
  ASSERT_TRUE(generate_text(*f.model, *f.task, "O ", 200, 1.0, r3, &c, &error)) << error;
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::vector<int> ids;
  ASSERT_TRUE(f.task->encode(a, &ids, &error)) << error;
  EXPECT_EQ(ids.size(), 200u);  // n code points, every one in the vocabulary
}

TEST(Generate, FollowsTheLogits) {
  Fixture f = make(CellKind::Lstm);
  std::vector<int> z;
  std::string error;
  ASSERT_TRUE(f.task->encode("z", &z, &error)) << error;
  // A head that ignores h and strongly prefers 'z'.
  f.model->head_w().value.setZero();
  f.model->head_b().value.setZero();
  f.model->head_b().value(z[0], 0) = 30.0f;
  for (double temperature : {0.0, 1.0}) {
    std::string made;
    Rng rng(1);
    ASSERT_TRUE(generate_text(*f.model, *f.task, "a", 50, temperature, rng, &made, &error)) << error;
    EXPECT_EQ(made, std::string(50, 'z')) << "temperature " << temperature;
  }
  // A very high temperature flattens the distribution: other characters appear.
  std::string made;
  Rng rng(1);
  ASSERT_TRUE(generate_text(*f.model, *f.task, "a", 200, 1000.0, rng, &made, &error)) << error;
  EXPECT_NE(made, std::string(200, 'z'));
}

TEST(Generate, BadInputGetsAMessage) {
  const Fixture f = make(CellKind::Lstm);
  std::string made, error;
  Rng rng(1);
  EXPECT_FALSE(generate_text(*f.model, *f.task, "", 10, 0.0, rng, &made, &error));
  EXPECT_NE(error.find("seed text is empty"), std::string::npos) << error;
  EXPECT_FALSE(generate_text(*f.model, *f.task, "a\x01", 10, 0.0, rng, &made, &error));
  EXPECT_NE(error.find("not in the vocabulary"), std::string::npos) << error;
  EXPECT_FALSE(generate_text(*f.model, *f.task, "a\xff", 10, 0.0, rng, &made, &error));
  EXPECT_NE(error.find("UTF-8"), std::string::npos) << error;
  EXPECT_FALSE(generate_text(*f.model, *f.task, "a", 0, 0.0, rng, &made, &error));
  EXPECT_NE(error.find("allowed: 1 to 2000"), std::string::npos) << error;
  EXPECT_FALSE(generate_text(*f.model, *f.task, "a", kMaxGenerateChars + 1, 0.0, rng, &made, &error));
  EXPECT_NE(error.find("allowed: 1 to 2000"), std::string::npos) << error;
  EXPECT_FALSE(generate_text(*f.model, *f.task, std::string(kMaxPrimeChars + 1, 'a'), 5, 0.0, rng,
                             &made, &error));
  EXPECT_NE(error.find("at most 1000"), std::string::npos) << error;
  RnnSpec other = f.model->spec();
  other.input = 3;
  EXPECT_FALSE(generate_text(RnnStack<float>(other), *f.task, "a", 5, 0.0, rng, &made, &error));
  EXPECT_NE(error.find("vocabulary has"), std::string::npos) << error;
}

}  // namespace
}  // namespace unroll
