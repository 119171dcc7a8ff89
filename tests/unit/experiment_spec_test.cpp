// The config read once (train/experiment_spec.h) and the one model
// interface (models/net.h) behind Experiment.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "core/train/experiment.h"
#include "core/train/experiment_weights.h"

namespace unroll {
namespace {

Config config_of(const std::string& q) {
  std::vector<ConfigError> errors;
  Config c = Config::parse(q, &errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  return c;
}

// Every enum key's choices map to distinct typed values: none can fall
// back silently onto another (or onto a default).
TEST(ExperimentSpec, EveryChoiceOfEveryEnumKeyResolvesToItsOwnValue) {
  const std::map<std::string, std::function<int(const ExperimentSpec&)>> read = {
      {"model", [](const ExperimentSpec& s) { return int(s.net.kind); }},
      {"arch", [](const ExperimentSpec& s) { return int(s.net.cell); }},
      {"init", [](const ExperimentSpec& s) { return int(s.net.init.kind); }},
      {"attn", [](const ExperimentSpec& s) { return int(s.net.attn); }},
      {"pos", [](const ExperimentSpec& s) { return int(s.net.pos); }},
      {"task", [](const ExperimentSpec& s) { return int(s.task.kind); }},
      {"parity_at", [](const ExperimentSpec& s) { return int(s.task.parity_every); }},
      {"corpus", [](const ExperimentSpec& s) { return int(s.task.user_corpus); }},
      {"optim", [](const ExperimentSpec& s) { return int(s.optim.kind); }},
      {"clip", [](const ExperimentSpec& s) { return int(s.clip); }},
      {"tbptt_update", [](const ExperimentSpec& s) { return int(s.net.update_per_chunk); }},
  };
  int keys = 0;
  for (const KeyDef& k : key_table()) {
    if (k.type != KeyType::Enum) continue;
    ++keys;
    ASSERT_TRUE(read.count(k.name)) << "enum key " << k.name << " is not resolved by this test";
    std::set<int> seen;
    for (const std::string& choice : k.choices) {
      Config c;
      ConfigError e;
      ASSERT_TRUE(c.set(k.name, choice, &e)) << e.message;
      seen.insert(read.at(k.name)(resolve_spec(c)));
    }
    EXPECT_EQ(seen.size(), k.choices.size()) << k.name << ": two choices resolve to one value";
  }
  EXPECT_EQ(keys, int(read.size()));
}

TEST(ExperimentSpec, NamesRoundTrip) {
  for (const char* m : {"rnn", "seq2seq", "transformer"})
    EXPECT_STREQ(model_kind_name(resolve_spec(config_of(std::string("model=") + m)).net.kind), m);
  for (const char* a : {"rnn_tanh", "rnn_relu", "lstm", "gru"})
    EXPECT_STREQ(cell_name(resolve_spec(config_of(std::string("arch=") + a)).net.cell), a);
  for (const std::string& t : find_key("task")->choices) {
    std::string error;
    // task=series reads the user's CSV: a ramp of 20 rows is enough for T=10.
    std::string csv;
    for (int r = 0; r < 20 && t == "series"; ++r) csv += std::to_string(r) + "\n";
    auto task = make_task(config_of("task=" + t + (t == "addition" ? "&T=3" : "&T=10")), csv, &error);
    ASSERT_TRUE(task) << error;
    EXPECT_EQ(task->info().name, t);
  }
}

TEST(ExperimentSpec, LiveKeysComeFromTheTable) {
  EXPECT_EQ(live_keys(), (std::vector<std::string>{"lr", "momentum", "wd", "clip", "clip_at"}));
}

std::unique_ptr<Experiment> make(const std::string& q) {
  std::string error;
  auto e = Experiment::create(config_of(q), "", &error);
  EXPECT_TRUE(e) << error;
  return e;
}

// A live edit changes the live keys only; the optimizer's kind waits for a
// new experiment (before, an edit of optim switched the running update rule).
TEST(ExperimentSpec, LiveEditsTouchOnlyLiveKeys) {
  auto e = make("arch=gru&T=10&hidden=8&optim=adam");
  Config c = e->config();
  ConfigError err;
  ASSERT_TRUE(c.set("optim", "sgd", &err) && c.set("lr", "0.5", &err) && c.set("clip", "off", &err));
  e->apply_live(c);
  EXPECT_EQ(e->spec().optim.kind, OptimKind::Adam);
  EXPECT_EQ(e->spec().optim.lr, 0.5);
  EXPECT_EQ(e->spec().clip, ClipKind::Off);
  EXPECT_EQ(e->config().s("optim"), "adam");
  EXPECT_EQ(e->config().s("lr"), "0.5");
}

// Every model kind through the same interface: parameters, a step, a
// probe, weights out (and back in where the format allows).
TEST(Net, EveryKindRunsThroughOneInterface) {
  struct Case { const char* query; ModelKind kind; bool pairs; size_t dh_layers; };
  const Case cases[] = {
      {"arch=lstm&layers=2&task=adding&T=6&hidden=8&batch=4", ModelKind::Recurrent, false, 2},
      {"model=seq2seq&arch=gru&attn=luong&task=reverse&T=3&hidden=8&batch=4", ModelKind::EncoderDecoder, true, 1},
      {"model=transformer&task=sort&T=3&d_model=16&heads=2&ff=16&batch=4", ModelKind::Transformer, true, 0},
      {"model=transformer&task=adding&T=6&d_model=16&heads=2&ff=16&batch=4", ModelKind::Transformer, false, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    auto e = make(c.query);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->kind(), c.kind);
    EXPECT_EQ(e->net().kind(), c.kind);
    EXPECT_EQ(e->net().reads_pairs(), c.pairs);
    EXPECT_EQ(e->param_count(), param_count(e->params()));
    ASSERT_TRUE(e->step());
    EXPECT_EQ(e->last().param_grad_norm.size(), e->params().size());
    EXPECT_EQ(e->last().dh_norm.size(), c.dh_layers);
    const ProbeSnapshot p = e->probe();
    EXPECT_EQ(p.B, 4);
    EXPECT_EQ(p.out.cols(), p.T * p.B);
    EXPECT_EQ(p.rendered.size(), 4u);
    // Pair models name the source tokens of probe sequence 0 (the attention axes).
    if (c.pairs) {
      ASSERT_EQ(p.attn.source_tokens.size(), 3u);
      for (const std::string& t : p.attn.source_tokens) EXPECT_EQ(t.size(), 1u);
    } else {
      EXPECT_TRUE(p.attn.source_tokens.empty());
    }
    const EvalResult r = e->evaluate(4, 8);
    EXPECT_EQ(r.error.empty(), c.pairs) << r.error;
    const std::string w = experiment_weights_json(*e);
    std::string error;
    // Every kind reads its own file back (weights_roundtrip_test.cpp: exactly).
    EXPECT_TRUE(load_experiment_weights(*e, w, &error)) << error;
  }
}

TEST(Net, LoadValuesNamesTheFirstMismatch) {
  auto a = make("arch=gru&T=5&hidden=8");
  auto b = make("arch=gru&T=5&hidden=6");
  std::string error;
  EXPECT_FALSE(b->net().load_values(a->params(), &error));
  EXPECT_NE(error.find("rnn.weight_ih_l0 [24, 2] in the file but rnn.weight_ih_l0 [18, 2]"), std::string::npos)
      << error;
  EXPECT_TRUE(a->net().load_values(a->params(), &error)) << error;
}

}  // namespace
}  // namespace unroll

namespace unroll {
namespace {

// An evaluation in slices (sequences first..first+n-1 of one fixed stream)
// adds up to the whole evaluation: the page measures in bounded slices.
TEST(Net, EvaluationSlicesAddUpToTheWholeEvaluation) {
  for (const char* q : {"model=seq2seq&arch=gru&attn=bahdanau&task=reverse&T=4&hidden=16&batch=8",
                        "model=transformer&task=sort&T=4&d_model=16&heads=2&ff=16&batch=8"}) {
    SCOPED_TRACE(q);
    auto e = make(q);
    for (int k = 0; k < 30; ++k) ASSERT_TRUE(e->step());
    const EvalResult whole = e->evaluate(6, 30);
    ASSERT_TRUE(whole.error.empty()) << whole.error;
    double tok = 0, seq = 0;
    for (Index first = 0; first < 30; first += 10) {
      const EvalResult part = e->evaluate(6, 10, first);
      ASSERT_TRUE(part.error.empty()) << part.error;
      tok += part.token_accuracy * 10;
      seq += part.sequence_accuracy * 10;
    }
    EXPECT_NEAR(tok / 30, whole.token_accuracy, 1e-12);
    EXPECT_NEAR(seq / 30, whole.sequence_accuracy, 1e-12);
  }
}

}  // namespace
}  // namespace unroll
