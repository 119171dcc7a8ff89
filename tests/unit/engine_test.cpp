// The engine of a run (src/engine): the protocol's commands and updates,
// and that a run driven through them trains to exactly the numbers of the
// Experiment it wraps (the page's workers and the CLI agree bit for bit).
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/protocol.h"

namespace unroll::engine {
namespace {

Config cfg_of(const std::string& q) {
  std::vector<ConfigError> errors;
  Config c = Config::parse(q, &errors);
  EXPECT_TRUE(errors.empty()) << q;
  return c;
}

// Every field survives encode -> decode (a worker's update reaching the page).
TEST(Protocol, AnUpdateSurvivesTheBytesBitForBit) {
  EngineCore core;
  core.build(7, cfg_of("model=transformer&task=reverse&T=3&d_model=16&heads=2&ff=16&batch=4"), "", {});
  core.request_steps(3);
  core.set_check(5, "step >= 2 and loss < 100");
  core.request_probe();
  core.evaluate(11, 4, 8, 0);
  core.generate(12, "x", 5, 1, 1);  // fails: not a recurrent text model
  while (core.busy()) core.run_for(0);
  const EngineUpdate u = core.take_update();
  std::string error;
  EngineUpdate back;
  ASSERT_TRUE(decode_update(encode_update(u), &back, &error)) << error;
  EXPECT_EQ(back.build_id, 7);
  EXPECT_TRUE(back.has_build && back.built);
  EXPECT_EQ(back.param_count, u.param_count);
  EXPECT_EQ(back.step, 3);
  ASSERT_EQ(back.rows.size(), u.rows.size());
  for (size_t k = 0; k < u.rows.size(); ++k) {
    EXPECT_EQ(back.rows[k].loss, u.rows[k].loss);
    EXPECT_EQ(back.rows[k].clip.norm_before, u.rows[k].clip.norm_before);
  }
  EXPECT_EQ(back.last.loss, u.last.loss);
  EXPECT_EQ(back.last.param_grad_norm, u.last.param_grad_norm);
  ASSERT_TRUE(back.has_probe);
  EXPECT_EQ(back.probe.out, u.probe.out);
  EXPECT_EQ(back.probe.rendered, u.probe.rendered);
  EXPECT_EQ(back.probe.attn.source_tokens, u.probe.attn.source_tokens);
  ASSERT_EQ(back.probe.attn.attention.size(), u.probe.attn.attention.size());
  EXPECT_EQ(back.probe.attn.attention[0][1], u.probe.attn.attention[0][1]);
  EXPECT_EQ(back.probe.batch.target, u.probe.batch.target);
  EXPECT_EQ(back.check_id, 5);
  EXPECT_TRUE(back.check_held);
  EXPECT_EQ(back.check_step, 2);
  ASSERT_EQ(back.results.size(), 2u);
  EXPECT_EQ(back.results[0].eval.token_accuracy, u.results[0].eval.token_accuracy);
  EXPECT_FALSE(back.results[1].error.empty());
  // A truncated or corrupt buffer is refused, never read past its end.
  const std::string bytes = encode_update(u);
  for (size_t cut : {size_t(0), size_t(1), bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(decode_update(bytes.substr(0, cut), &back, &error)) << cut;
  std::string corrupt = bytes;
  corrupt[20] = char(0xff);
  corrupt[21] = char(0x7f);
  decode_update(corrupt, &back, &error);  // must not crash (ASan watches)
}

// The same config trained through commands (as a worker is) and directly.
TEST(Protocol, ARunThroughCommandsTrainsToTheExperimentsNumbers) {
  const std::string q = "arch=gru&task=copy&T=5&hidden=24&seed=9";
  std::string error;
  auto direct = Experiment::create(cfg_of(q), "", &error);
  LocalEngine e;
  e.send(cmd_build(1, cfg_of(q), "", ResourceLimits{}));
  e.send(cmd_step(25));
  std::vector<double> losses;
  History h;
  RunReport r;
  while (e.busy()) {
    e.advance(0);
    EngineUpdate u;
    if (e.poll(&u)) apply(u, &r, &h);
  }
  EngineUpdate u;
  if (e.poll(&u)) apply(u, &r, &h);
  ASSERT_EQ(h.loss.size(), 25u);
  for (int k = 0; k < 25; ++k) {
    ASSERT_TRUE(direct->step());
    EXPECT_EQ(h.loss[size_t(k)], direct->last().loss) << "step " << k + 1;
  }
  EXPECT_EQ(r.step, 25);
  EXPECT_EQ(r.last.metric, direct->last().metric);
}

// The page's history copy, fed only the kept steps, equals the engine's.
TEST(Protocol, TheKeptRowsRebuildTheSameHistory) {
  History engine_side, page_side;
  StepStats s;
  s.dh_norm = {{1, 2, 3}, {4, 5, 6}};
  for (long k = 1; k <= 3 * long(History::kMaxColumns); ++k) {
    s.step = k;
    s.loss = double(k);
    const History::Kept kept = engine_side.add(s);
    if (!kept.any()) continue;
    StepStats row = s;
    if (kept.dh) row.dh_norm = {s.dh_norm.back()};
    else row.dh_norm.clear();
    page_side.add(row);
  }
  EXPECT_TRUE(engine_side == page_side);
  EXPECT_GT(engine_side.dh_stride(), 1);
}

TEST(Protocol, MalformedCommandsAreRefusedWithTheField) {
  EngineCore core;
  std::string error;
  EXPECT_FALSE(apply_command(core, "not json", &error));
  EXPECT_FALSE(apply_command(core, "{\"cmd\":\"launch\"}", &error));
  EXPECT_NE(error.find("unknown command"), std::string::npos);
  EXPECT_FALSE(apply_command(core, "{\"cmd\":\"step\",\"n\":-3}", &error));
  EXPECT_NE(error.find("'n'"), std::string::npos) << error;
  EXPECT_FALSE(apply_command(core, "{\"cmd\":\"build\",\"id\":1,\"config\":\"hidden=abc\",\"text\":\"\",\"budget\":\"\"}", &error));
  EXPECT_NE(error.find("hidden"), std::string::npos) << error;
}

}  // namespace
}  // namespace unroll::engine
