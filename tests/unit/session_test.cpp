// The playground's state: links, edits, play/step/reset, compare runs and
// the JS API's state report, all without a browser.
#include <gtest/gtest.h>

#include "app/state/session.h"
#include "app/state/step_budget.h"
#include "core/models/recurrent_net.h"

namespace unroll::app {
namespace {

TEST(StepBudget, StopsBeforeOvershootingTheFrame) {
  StepBudget b;
  EXPECT_TRUE(b.another_fits(0, 10)) << "nothing known yet: the first step always runs";
  b.record(6);
  EXPECT_FALSE(b.another_fits(6, 10)) << "6 ms spent + 6 expected > 10";
  EXPECT_TRUE(b.another_fits(3, 10));
  for (int k = 0; k < 20; ++k) b.record(2);
  EXPECT_NEAR(b.expected_ms(), 2, 0.1) << "follows a faster model";
  EXPECT_TRUE(b.another_fits(6, 10));
  EXPECT_FALSE(b.another_fits(8.5, 10));
  b.forget();
  EXPECT_EQ(b.expected_ms(), 0);
  EXPECT_TRUE(b.another_fits(9.9, 10));
}

TEST(Links, PageKeysAreSplitFromTheExperiment) {
  const Link l = parse_link("#v=1&arch=gru&T=20&run=1&compare=lstm,rnn_tanh&lang=pt");
  EXPECT_TRUE(l.errors.empty());
  EXPECT_TRUE(l.run);
  EXPECT_EQ(l.compare, (std::vector<std::string>{"lstm", "rnn_tanh"}));
  EXPECT_EQ(l.lang, "pt");
  EXPECT_EQ(l.config.s("arch"), "gru");
  EXPECT_EQ(l.config.i("T"), 20);
  EXPECT_EQ(make_link(l.config, l.compare), "v=1&arch=gru&T=20&compare=lstm,rnn_tanh");
}

TEST(Links, BadKeysAreNamedAndTheRestApplies) {
  const Link l = parse_link("v=1&hidden=abc&arch=lstm&T=30&bogus=<script>alert(1)</script>&compare=lstm,xx&lang=de");
  ASSERT_EQ(l.errors.size(), 4u);
  std::string all;
  for (const auto& e : l.errors) all += e.key + ": " + e.message + "\n";
  EXPECT_NE(all.find("hidden"), std::string::npos) << all;
  EXPECT_NE(all.find("bogus"), std::string::npos) << all;
  EXPECT_NE(all.find("compare"), std::string::npos) << all;
  EXPECT_NE(all.find("lang"), std::string::npos) << all;
  EXPECT_EQ(all.find('<'), std::string::npos) << "messages must be display-safe";
  EXPECT_EQ(l.config.i("T"), 30);
  EXPECT_EQ(l.config.i("hidden"), 64) << "default fills the gap";
}

TEST(Links, HugeJunkDoesNotBreakParsing) {
  std::string junk(100 * 1024, 'x');
  for (size_t k = 0; k < junk.size(); k += 97) junk[k] = "&=%#<>\"'\x01\xff"[k % 10];
  const Link l = parse_link(junk + "&T=12");
  EXPECT_FALSE(l.errors.empty());
  EXPECT_EQ(l.config.i("T"), 12);
}

TEST(Session, RunFromLinkStartsAndTrains) {
  Session s;
  EXPECT_TRUE(s.open_link("#v=1&arch=lstm&task=adding&T=20&hidden=16&run=1"));
  EXPECT_TRUE(s.running());
  s.tick(5.0);
  EXPECT_GT(s.step_count(), 0);
  s.pause();
  const long n = s.step_count();
  s.tick(5.0);
  EXPECT_EQ(s.step_count(), n) << "paused: tick must not train";
  EXPECT_EQ(s.step(3), 3);
  EXPECT_EQ(s.step_count(), n + 3);
}

TEST(Session, SameLinkGivesIdenticalLosses) {
  Session a, b;
  a.open_link("v=1&arch=gru&task=adding&T=15&hidden=8&seed=7");
  b.open_link("v=1&arch=gru&task=adding&T=15&hidden=8&seed=7");
  a.step(10);
  b.step(10);
  EXPECT_EQ(a.main().history.loss, b.main().history.loss);
}

TEST(Session, LiveEditsApplyAndOthersWaitForReset) {
  Session s;
  s.open_link("v=1&task=adding&T=10&hidden=8");
  Config c = s.config();
  ConfigError e;
  ASSERT_TRUE(c.set("lr", "0.001", &e));
  s.edit(c);
  EXPECT_FALSE(s.needs_reset());
  EXPECT_EQ(s.main().exp->spec().optim.lr, 0.001);
  ASSERT_TRUE(c.set("hidden", "12", &e));
  s.edit(c);
  EXPECT_TRUE(s.needs_reset());
  EXPECT_EQ(s.main().exp->spec().net.hidden, 8) << "hidden applies on reset";
  s.reset();
  EXPECT_FALSE(s.needs_reset());
  EXPECT_EQ(s.main().exp->spec().net.hidden, 12);
}

TEST(Session, CompareRunsShareTaskAndSeed) {
  Session s;
  s.open_link("v=1&arch=lstm&task=adding&T=10&hidden=8&compare=gru,rnn_tanh");
  ASSERT_EQ(s.runs().size(), 3u);
  EXPECT_EQ(s.runs()[1].label, "GRU");
  s.step(2);
  for (const app::Run& r : s.runs()) EXPECT_EQ(r.history.loss.size(), 2u);
  // Same data: the compare runs draw the same batches as the main run.
  auto batch = [&](size_t r) { return static_cast<const RecurrentNet&>(s.runs()[r].exp->net()).batch().x; };
  EXPECT_EQ(batch(1), batch(0));
}

TEST(Session, StateJsonReportsEverything) {
  Session s;
  s.open_link("v=1&task=adding&T=10&hidden=8&wat=1");
  s.step(1);
  const std::string j = s.state_json();
  for (const char* k : {"\"config\"", "\"step\": 1", "\"loss\"", "\"metric\"", "\"stepsPerSecond\"",
                        "\"running\": false", "\"errors\": [\""})
    EXPECT_NE(j.find(k), std::string::npos) << k << " in " << j;
}

TEST(Session, DivergencePausesWithAReason) {
  Session s;
  s.open_link("v=1&arch=rnn_relu&task=adding&T=100&hidden=32&rho=5&clip=off&optim=sgd&lr=10&run=1");
  for (int k = 0; k < 400 && s.running(); ++k) s.step(1);
  EXPECT_FALSE(s.running());
  EXPECT_FALSE(s.diverged_message().empty());
  EXPECT_NE(s.state_json().find("step"), std::string::npos);
}

TEST(Session, BadUserTextIsASetupErrorNotACrash) {
  Session s;
  s.open_link("v=1&task=text&corpus=user&T=10");
  s.set_user_text(std::string("ab\xff", 3));
  EXPECT_FALSE(s.setup_error().empty());
  EXPECT_EQ(s.step(1), 0);
  s.play();
  EXPECT_FALSE(s.running());
}

}  // namespace
}  // namespace unroll::app

namespace unroll::app {
namespace {

TEST(Session, CompareEncoderDecoderAttentionAndTransformer) {
  Session s;
  s.open_link("v=1&model=seq2seq&arch=gru&task=reverse&T=6&hidden=16&d_model=16&heads=2&layers=1"
              "&compare=bahdanau,transformer");
  ASSERT_TRUE(s.errors().empty()) << s.errors()[0].message;
  ASSERT_EQ(s.runs().size(), 3u);
  EXPECT_EQ(s.runs()[0].label, "Enc-dec GRU");
  EXPECT_EQ(s.runs()[1].label, "Enc-dec GRU + Bahdanau");
  EXPECT_EQ(s.runs()[2].label, "Transformer");
  for (const app::Run& r : s.runs()) ASSERT_TRUE(r.exp) << r.label;
  EXPECT_EQ(s.step(2), 2);
  EXPECT_EQ(s.link(), "v=1&model=seq2seq&arch=gru&hidden=16&d_model=16&heads=2&task=reverse&T=6"
                      "&compare=bahdanau,transformer");
}

TEST(Links, UnknownCompareTokenIsNamed) {
  const Link l = parse_link("v=1&compare=gru,rnn_lol");
  ASSERT_EQ(l.errors.size(), 1u);
  EXPECT_NE(l.errors[0].message.find("rnn_lol"), std::string::npos);
  EXPECT_TRUE(l.compare.empty());
}

}  // namespace
}  // namespace unroll::app

namespace unroll::app {
namespace {

TEST(Session, HistoryCsvHasARowPerStepAndRun) {
  Session s;
  s.open_link("v=1&task=adding&T=10&hidden=8&compare=gru");
  s.step(3);
  const std::string csv = s.history_csv();
  size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  EXPECT_EQ(lines, 1u + 2u * 3u);
  EXPECT_EQ(csv.rfind("run,label,step,loss,metric", 0), 0u);
  EXPECT_NE(csv.find("1,\"GRU\",3,"), std::string::npos) << csv;
}

}  // namespace
}  // namespace unroll::app
