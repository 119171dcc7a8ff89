// The playground's state: links, edits, play/step/reset, compare runs and
// the JS API's state report, all without a browser.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "app/state/i18n.h"
#include "app/state/session.h"
#include "app/state/step_budget.h"
#include "core/models/recurrent_net.h"

namespace unroll::app {
namespace {

// The experiment a local engine runs (the unit tests' sessions train on
// this thread).
const Experiment& exp_of(const Run& r) {
  return *static_cast<const engine::LocalEngine&>(*r.engine).core().experiment();
}

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
  EXPECT_EQ(exp_of(s.main()).spec().optim.lr, 0.001);
  ASSERT_TRUE(c.set("hidden", "12", &e));
  s.edit(c);
  EXPECT_TRUE(s.needs_reset());
  EXPECT_EQ(exp_of(s.main()).spec().net.hidden, 8) << "hidden applies on reset";
  s.reset();
  EXPECT_FALSE(s.needs_reset());
  EXPECT_EQ(exp_of(s.main()).spec().net.hidden, 12);
}

TEST(Session, CompareRunsShareTaskAndSeed) {
  Session s;
  s.open_link("v=1&arch=lstm&task=adding&T=10&hidden=8&compare=gru,rnn_tanh");
  ASSERT_EQ(s.runs().size(), 3u);
  EXPECT_EQ(s.runs()[1].label, "GRU");
  s.step(2);
  for (const app::Run& r : s.runs()) EXPECT_EQ(r.history.loss.size(), 2u);
  // Same data: the compare runs draw the same batches as the main run.
  auto batch = [&](size_t r) { return static_cast<const RecurrentNet&>(exp_of(s.runs()[r]).net()).batch().x; };
  EXPECT_EQ(batch(1), batch(0));
}

TEST(Session, StateJsonReportsEverything) {
  Session s;
  s.open_link("v=1&task=adding&T=10&hidden=8&wat=1");
  s.step(1);
  const std::string j = s.state_json();
  json::Value v;
  json::ParseError pe;
  ASSERT_TRUE(json::parse(j, &v, &pe)) << pe.to_string() << " in " << j;
  ASSERT_TRUE(v.find("config") && v.find("config")->is_string()) << j;
  ASSERT_TRUE(v.find("step") && v.find("step")->is_number()) << j;
  EXPECT_EQ(v.find("step")->as_number(), 1.0) << j;
  for (const char* k : {"loss", "metric", "stepsPerSecond"})
    EXPECT_TRUE(v.find(k) && v.find(k)->is_number()) << k << " in " << j;
  ASSERT_TRUE(v.find("running") && v.find("running")->is_bool()) << j;
  EXPECT_FALSE(v.find("running")->as_bool()) << j;
  ASSERT_TRUE(v.find("errors") && v.find("errors")->is_array()) << j;
  ASSERT_FALSE(v.find("errors")->as_array().empty()) << j;
  EXPECT_TRUE(v.find("errors")->as_array()[0].is_string()) << j;
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
  for (const app::Run& r : s.runs()) ASSERT_TRUE(r.ok()) << r.label;
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

namespace unroll::app {
namespace {

std::string lesson_file(const char* name) {
  std::ifstream in(std::string(UNROLL_SOURCE_DIR) + "/lessons/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One parser and one writer for the whole page link: the lesson, its step
// and the language travel through open_link and come back from link().
TEST(Session, OwnsTheWholePageLink) {
  Session s;
  s.open_link("lesson=bptt&step=2&lang=pt");
  EXPECT_EQ(s.language(), "pt");
  EXPECT_EQ(s.lessons().current(), nullptr);  // the file has not arrived yet
  ASSERT_TRUE(s.lessons().add_file("02-bptt.lesson", lesson_file("02-bptt.lesson")));
  s.tick(0);  // the request resolves in the session's tick, not in drawing code
  ASSERT_NE(s.lessons().current(), nullptr);
  EXPECT_EQ(s.lessons().step_index(), 1);
  EXPECT_TRUE(s.lessons().experiment_matches(s)) << "the step's experiment was set up";
  const std::string link = s.link();
  EXPECT_NE(link.find("&lesson=bptt&step=2&lang=pt"), std::string::npos) << link;
  // The same link opened again gives the same page.
  Session t;
  t.open_link(link);
  ASSERT_TRUE(t.lessons().add_file("02-bptt.lesson", lesson_file("02-bptt.lesson")));
  t.tick(0);
  EXPECT_EQ(t.link(), link);
  set_language("en");
}

// A check is evaluated after every training step of the step's own
// experiment, whoever asked for the step and however fast the steps were
// opened: bptt step 3 (dh_first < 1e-6, holds at its first training step)
// opened right after step 2.
TEST(Session, LessonChecksRunAfterEveryTrainingStep) {
  Session s;
  Lessons& L = s.lessons();
  ASSERT_TRUE(L.add_file("02-bptt.lesson", lesson_file("02-bptt.lesson")));
  ASSERT_TRUE(L.open("bptt", 2));
  L.set_up(s, false);
  ASSERT_TRUE(L.go(+1));
  if (L.has_question()) ASSERT_TRUE(L.answer(0));  // a question skipped: the check counts
  L.set_up(s, false);
  ASSERT_TRUE(L.experiment_matches(s));
  ASSERT_FALSE(L.current_checked());
  ASSERT_EQ(s.step(1), 1);  // no tick, no update(): the step itself checks
  EXPECT_TRUE(L.current_checked()) << L.report();
}

// An open lesson replaced by a shorter one (unroll.addLesson) keeps a
// valid step: the index moves to the new last step (was out of bounds).
TEST(Session, ReplacingTheOpenLessonClampsItsStep) {
  Session s;
  Lessons& L = s.lessons();
  ASSERT_TRUE(L.add_file("02-bptt.lesson", lesson_file("02-bptt.lesson")));
  ASSERT_TRUE(L.open("bptt", 4));
  ASSERT_TRUE(L.add_file("short.lesson",
                         "@lesson bptt\n@title.en Short\n@title.pt Curta\n@step\n@title.en One\n"
                         "@title.pt Uma\n@text.en\nOnly step.\n@text.pt\nSó etapa.\n"));
  EXPECT_EQ(L.step_index(), 0);
  ASSERT_NE(L.current_step(), nullptr);
  EXPECT_EQ(L.current_step()->title.en, "One");
  json::Writer w;
  s.write_state(w);  // reads the current step
  EXPECT_FALSE(w.str().empty());
}

// Non-finite numbers never reach the JSON: the one writer makes them null.
TEST(Session, StateJsonIsValidWithNonFiniteNumbers) {
  json::Writer w;
  w.begin_array();
  w.number(std::numeric_limits<double>::infinity());
  w.number(-std::numeric_limits<double>::infinity());
  w.number(std::nan(""));
  w.number_f32(std::numeric_limits<float>::infinity());
  w.end_array();
  EXPECT_EQ(w.str(), "[null,null,null,null]");
  Session s;
  s.open_link("v=1&arch=rnn_relu&task=adding&T=100&hidden=32&rho=5&clip=off&optim=sgd&lr=10");
  for (int k = 0; k < 400 && !s.main().report.diverged(); ++k) s.step(1);
  ASSERT_TRUE(s.main().report.diverged());
  json::Value v;
  json::ParseError pe;
  EXPECT_TRUE(json::parse(s.state_json(), &v, &pe)) << pe.to_string() << ": " << s.state_json();
  EXPECT_TRUE(json::parse(s.history_json(), &v, &pe)) << pe.to_string();
}

}  // namespace
}  // namespace unroll::app

namespace unroll::app {
namespace {

// The measurements run from the session's tick (no drawing code), in slices.
TEST(Measurements, AccuracyByLengthAndTimingRunInTheSessionsTick) {
  Session s;
  s.open_link("v=1&model=seq2seq&arch=gru&hidden=8&task=reverse&T=3&compare=transformer&d_model=16&heads=2");
  Measurements& m = s.measurements();
  m.length().sequences = 8;
  m.start_length(s);
  ASSERT_TRUE(m.length().running);
  EXPECT_EQ(m.length().total(), 2 * m.length().lengths.size());
  int ticks = 0;
  while (m.length().running && ticks < 1000) s.tick(0), ++ticks;  // budget 0: one item per tick
  EXPECT_FALSE(m.length().running);
  EXPECT_GT(ticks, 1) << "measured in slices";
  ASSERT_EQ(m.length().curves.size(), 2u);
  for (const Curve& c : m.length().curves) {
    EXPECT_TRUE(c.error.empty()) << c.error;
    EXPECT_EQ(c.x.size(), m.length().lengths.size());
    for (double a : c.y) EXPECT_TRUE(a >= 0 && a <= 1) << a;
  }
  m.time().steps = 1;
  m.start_time(s);
  while (m.time().running && ticks < 2000) s.tick(0), ++ticks;
  ASSERT_EQ(m.time().curves.size(), 2u);
  for (const Curve& c : m.time().curves) {
    EXPECT_EQ(c.x.size(), m.time().lengths.size()) << c.error;
    for (double ms : c.y) EXPECT_GT(ms, 0);
  }
  json::Writer w;
  m.write_result(w, 1);
  json::Value v;
  json::ParseError pe;
  ASSERT_TRUE(json::parse(w.str(), &v, &pe)) << pe.to_string();
  EXPECT_EQ(v.find("done")->as_number(), v.find("total")->as_number());
}

}  // namespace
}  // namespace unroll::app

namespace unroll::app {
namespace {

// The page's memory budget covers all runs together: a link whose every
// key is in range but whose runs together need more is refused run by run,
// with a message; the runs that fit still train.
TEST(Session, TheMemoryBudgetCoversAllRunsTogether) {
  Session s;
  // ~0.7 GB each (memory grows with H x T x batch, arithmetic with H^2).
  s.open_link("v=1&arch=rnn_tanh&hidden=64&T=1000&batch=512&compare=rnn_relu,rnn_tanh");
  ASSERT_EQ(s.runs().size(), 3u);
  ASSERT_TRUE(s.main().ok()) << s.setup_error();
  int refused = 0;
  for (const app::Run& r : s.runs()) refused += r.ok() ? 0 : 1;
  EXPECT_GT(refused, 0);
  EXPECT_NE(s.setup_error().find("Compare run"), std::string::npos) << s.setup_error();
  EXPECT_NE(s.setup_error().find("for all runs together"), std::string::npos) << s.setup_error();
  EXPECT_LE(s.estimated_bytes(), Session::kMemoryBudgetBytes);
  // The one that is far over: refused, the page still works.
  s.open_link("v=1&hidden=512&layers=4&T=1000&batch=512");
  EXPECT_FALSE(s.main().ok());
  EXPECT_NE(s.setup_error().find("needs about"), std::string::npos) << s.setup_error();
  EXPECT_EQ(s.step(1), 0);
  s.tick(1);
  json::Value v;
  json::ParseError pe;
  ASSERT_TRUE(json::parse(s.state_json(), &v, &pe));
  EXPECT_FALSE(v.find("errors")->as_array().empty());
}

// unroll.step(n) / postMessage: requested steps run over the following
// frames within each frame's budget, and pause cancels the rest.
TEST(Session, RequestedStepsRunAcrossFramesAndPauseCancelsThem) {
  Session s;
  s.open_link("v=1&arch=lstm&hidden=32&T=50&batch=16");
  s.request_steps(100000);
  EXPECT_EQ(s.pending_steps(), 100000);
  const double t0 = now_ms();
  s.tick(20);
  EXPECT_LT(now_ms() - t0, 1000) << "one frame stays short";
  EXPECT_GT(s.step_count(), 0);
  EXPECT_LT(s.step_count(), 100000);
  EXPECT_EQ(s.pending_steps(), 100000 - s.step_count());
  s.pause();
  EXPECT_EQ(s.pending_steps(), 0);
  const long done = s.step_count();
  s.tick(20);
  EXPECT_EQ(s.step_count(), done) << "paused and nothing requested: no step";
  s.request_steps(3);
  for (int k = 0; k < 10 && s.pending_steps() > 0; ++k) s.tick(20);
  EXPECT_EQ(s.step_count(), done + 3);
}

}  // namespace
}  // namespace unroll::app
