// Weights out and back in for every model kind: a file saved at step k and
// loaded into a fresh run continues exactly (the next step's loss is
// bit-identical to the run that went on), and a file for another model is
// refused with a message naming the mismatch.
#include <gtest/gtest.h>

#include "core/io/param_dict.h"
#include "core/train/experiment.h"
#include "core/train/experiment_weights.h"

namespace unroll {
namespace {

// One config of each kind (attention variants, decoder-only and
// encoder-decoder Transformer, learned positions, truncated BPTT).
const char* kKinds[] = {
    "arch=lstm&task=adding&T=12&hidden=8&batch=4",
    "arch=gru&task=text&T=10&hidden=8&batch=4&optim=rmsprop",
    "arch=rnn_tanh&task=copy&T=4&symbols=2&alphabet=3&hidden=8&batch=4&tbptt=3&optim=momentum",
    "model=seq2seq&arch=gru&task=reverse&T=3&hidden=8&batch=4",
    "model=seq2seq&arch=lstm&attn=bahdanau&task=repeat&T=3&hidden=8&batch=4",
    "model=seq2seq&arch=gru&attn=luong&task=sort&T=3&hidden=8&batch=4",
    "model=transformer&task=addition&T=2&d_model=16&heads=2&ff=16&batch=4",
    "model=transformer&task=adding&T=6&d_model=16&heads=2&ff=16&batch=4&pos=learned",
};

std::unique_ptr<Experiment> make(const std::string& q) {
  std::vector<ConfigError> errors;
  const Config cfg = Config::parse("v=1&" + q, &errors);
  EXPECT_TRUE(errors.empty()) << q;
  std::string error;
  auto e = Experiment::create(cfg, "", &error);
  EXPECT_TRUE(e) << q << ": " << error;
  return e;
}

json::Value parse(const std::string& text) {
  json::Value doc;
  json::ParseError pe;
  EXPECT_TRUE(json::parse(text, &doc, &pe)) << pe.to_string();
  return doc;
}

TEST(WeightsRoundTrip, EveryKindContinuesBitIdentically) {
  for (const char* q : kKinds) {
    auto a = make(q);
    for (int s = 0; s < 5; ++s) ASSERT_TRUE(a->step()) << q;
    const std::string file = experiment_weights_json(*a);
    ASSERT_TRUE(a->step()) << q;  // step 6, continuing

    auto b = make(q);
    long step = -1;
    std::string error;
    ASSERT_TRUE(resume_from_weights(*b, parse(file), &step, &error)) << q << ": " << error;
    EXPECT_EQ(step, 5) << q;
    ASSERT_TRUE(b->step()) << q;
    EXPECT_EQ(b->last().step, 6) << q;
    EXPECT_EQ(b->last().loss, a->last().loss) << q;      // bit-identical, not close
    EXPECT_EQ(b->last().metric, a->last().metric) << q;
  }
}

TEST(WeightsRoundTrip, TheFileRecordsConfigStepAndSeed) {
  for (const char* q : kKinds) {
    auto a = make(std::string(q) + "&seed=7");
    for (int s = 0; s < 3; ++s) a->step();
    WeightsMeta meta;
    std::string error;
    ASSERT_TRUE(read_weights_meta(parse(experiment_weights_json(*a)), &meta, &error)) << error;
    EXPECT_TRUE(meta.present);
    EXPECT_EQ(meta.config, a->config().to_query()) << q;
    EXPECT_EQ(meta.step, 3);
    EXPECT_EQ(meta.seed, 7);
  }
}

TEST(WeightsRoundTrip, AFileWithoutAStepStartsAtZero) {
  auto a = make(kKinds[3]);
  json::Value doc = parse(experiment_weights_json(*a));
  json::Object o;
  for (const auto& kv : doc.as_object())
    if (kv.first == "arch" || kv.first == "params") o.emplace_back(kv);
  auto b = make(kKinds[3]);
  long step = -1;
  std::string error;
  ASSERT_TRUE(resume_from_weights(*b, json::Value(o), &step, &error)) << error;
  EXPECT_EQ(step, 0);
}

std::string load_error(const std::string& from, const std::string& into) {
  auto a = make(from);
  auto b = make(into);
  std::string error;
  EXPECT_FALSE(load_experiment_weights(*b, experiment_weights_json(*a), &error)) << from << " -> " << into;
  return error;
}

TEST(WeightsRoundTrip, AnotherArchitectureNamesTheMismatch) {
  // Another attention: the tensor this model needs and the file lacks.
  EXPECT_NE(load_error(kKinds[4], "model=seq2seq&arch=lstm&attn=luong&task=repeat&T=3&hidden=8&batch=4")
                .find("has no tensor attn."), std::string::npos);
  // Another width: which parameter, the shape found and the shape expected.
  const std::string e = load_error(kKinds[6], "model=transformer&task=addition&T=2&d_model=32&heads=2&ff=16");
  EXPECT_NE(e.find("src_embed.weight is [16, 13] in the weights file, but [32, 13] in a Transformer"), std::string::npos) << e;
  // Another model kind, both ways.
  EXPECT_NE(load_error(kKinds[3], kKinds[0]).find("another model's weights (arch \"seq2seq\")"), std::string::npos);
  EXPECT_NE(load_error(kKinds[0], kKinds[7]).find("a model=rnn stack"), std::string::npos);
  // The recurrent stack: the sizes and the first parameter that differs.
  const std::string r = load_error(kKinds[0], "arch=lstm&task=adding&T=12&hidden=6");
  EXPECT_NE(r.find("rnn.weight_ih_l0 is [32, 2] in the file, [24, 2] here"), std::string::npos) << r;
}

TEST(WeightsRoundTrip, AStartedRunCannotJumpToAStep) {
  auto a = make(kKinds[0]);
  a->step();
  std::string error;
  EXPECT_FALSE(a->start_at_step(10, &error));
  EXPECT_NE(error.find("already trained 1 step"), std::string::npos) << error;
}

}  // namespace
}  // namespace unroll
