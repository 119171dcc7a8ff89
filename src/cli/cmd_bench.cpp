// `unroll bench`: time one training step (forward, full BPTT, SGD update) of
// a benchmark config, with the same code natively and in WebAssembly, and
// print one JSON object (bench/run.sh collects them). Recurrent nets here,
// the Transformer in bench_transformer.cpp.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_model.h"
#include "cli/options.h"
#include "commands.h"
#include "core/io/json.h"
#include "core/kernels/gemm.h"
#include "core/rnn/init.h"
#include "core/layers/loss.h"
#include "core/rnn/bptt.h"
#include "core/train/optimizer.h"
#include "core/rnn/workspace.h"

namespace unroll::cli {
namespace {

const char* kHelpHead =
    "usage: unroll bench [options]\n"
    "\n"
    "Times training steps of one benchmark config (random inputs and targets,\n"
    "MSE at every step, full BPTT, SGD) and prints one JSON object.\n"
    "\n"
    "options:\n";

const char* kHelpFoot =
    "\n"
    "Exit status: 0 ok, 1 the run failed (e.g. its output was lost), 2 bad arguments.\n";

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Options {
  CellKind cell = CellKind::Lstm;
  bool transformer = false;  // --cell transformer: `cell` is unused
  long input = 8, hidden = 64, seq = 50, batch = 32, output = 1, runs = 5;
  long d_model = 64, layers = 2, heads = 4, ff = 128;
  double seconds = 0.5;
  bool kernels = false, peak = false;
};

// Everything one training step of a recurrent net touches, allocated once.
struct Bench final : BenchModel {
  RnnSpec spec;
  RnnStack<float> model;
  Optimizer<float> optim;
  Batch<float> batch;
  RnnWorkspace<float> ws;
  std::vector<double> grad_norm;  // the per-parameter probe
  bool probes = true;

  explicit Bench(const Options& o)
      : spec{o.cell, o.input, o.hidden, 1, o.output},
        model(spec),
        optim(model.params(), OptimSpec{OptimKind::Sgd, 0.01}) {
    Rng rng(12345);
    initialise(model, InitSpec{}, rng);
    batch.resize(o.seq, o.batch, o.input, o.output, LossKind::Mse);
    for (Index j = 0; j < batch.x.size(); ++j) batch.x.data()[j] = float(rng.normal());
    for (Index j = 0; j < batch.y.size(); ++j) batch.y.data()[j] = float(0.5 * rng.normal());
    std::fill(batch.weight.begin(), batch.weight.end(), 1.f);
    ws.resize(spec, o.seq, o.batch);
    grad_norm.assign(model.params().size(), 0.0);
  }

  void set_probes(bool on) override {
    probes = on;
    for (auto& l : ws.layers) l.record_dh_norm = on;
  }

  double step(Phases* ph) override {
    PhaseLaps laps(ph);
    model.zero_grad();
    forward<float>(model, batch.x, ws);
    laps.lap(&Phases::forward);
    const double n = batch.counted();
    const double loss = loss_chunk(batch, ws.out, 0, batch.T, 1.0 / n, ws.dout) / n;
    laps.lap(&Phases::loss);
    backward_chunk<float>(model, batch.x, 0, batch.T, ws);
    laps.lap(&Phases::backward);
    if (probes)  // what Experiment::step records for the gradient panels
      for (size_t p = 0; p < grad_norm.size(); ++p)
        grad_norm[p] = double(model.params()[p].grad.norm());
    laps.lap(&Phases::probes);
    optim.step(model.params());
    laps.lap(&Phases::update);
    return loss;
  }

  Index param_count() const override {
    Index n = 0;
    for (const auto& p : model.params()) n += p.value.size();
    return n;
  }

  size_t bytes() const override {
    size_t n = 0;
    auto add = [&](const Mat<float>& m) { n += size_t(m.size()) * sizeof(float); };
    for (const auto& p : model.params()) { add(p.value); add(p.grad); }
    for (const auto& l : ws.layers)
      for (const Mat<float>* m : {&l.gi, &l.act, &l.ghn, &l.h, &l.c, &l.tanh_c, &l.dh, &l.dgh,
                                  &l.dgi, &l.dc, &l.dx, &l.scratch})
        add(*m);
    add(ws.out); add(ws.dout); add(ws.dtop);
    add(batch.x); add(batch.y);
    return n;
  }
};

// Steps per second over about `seconds` of steps.
double timed_run(BenchModel& m, double seconds) {
  const auto t0 = Clock::now();
  long steps = 0;
  double el = 0;
  do {
    m.step(nullptr);
    ++steps;
    el = seconds_since(t0);
  } while (el < seconds);
  return double(steps) / el;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t k = v.size() / 2;
  return v.size() % 2 ? v[k] : 0.5 * (v[k - 1] + v[k]);
}

// GFLOP/s of C (+)= op(A) op(B) with C m x n and inner size k.
double time_gemm(Index m, Index n, Index k, Op op_a, Op op_b, bool accumulate) {
  Rng rng(7);
  Mat<float> a(op_a == Op::N ? m : k, op_a == Op::N ? k : m);
  Mat<float> b(op_b == Op::N ? k : n, op_b == Op::N ? n : k);
  Mat<float> c = Mat<float>::Zero(m, n);
  for (Index j = 0; j < a.size(); ++j) a.data()[j] = float(rng.uniform(-1, 1));
  for (Index j = 0; j < b.size(); ++j) b.data()[j] = float(rng.uniform(-1, 1));
  const double flops = 2.0 * double(m) * double(n) * double(k);
  for (int r = 0; r < 200; ++r) gemm<float>(a, op_a, b, op_b, c, accumulate);  // warm-up
  long reps = 0;
  const auto t0 = Clock::now();
  double el = 0;
  do {
    for (int r = 0; r < 8; ++r) gemm<float>(a, op_a, b, op_b, c, accumulate);
    reps += 8;
    el = seconds_since(t0);
  } while (el < 0.2);
  if (!std::isfinite(c.sum())) return 0;
  return flops * double(reps) / el / 1e9;
}

typedef float vf4 __attribute__((vector_size(16)));
__attribute__((noinline)) void madd_chains(vf4* acc, vf4 mul, vf4 add, long iters) {
  for (long it = 0; it < iters; ++it)
    for (int i = 0; i < 12; ++i) acc[i] = acc[i] * mul + add;
}

// Multiply-adds on 12 independent vector chains: what one core's SIMD unit
// can do at best with this compiler and target (no memory traffic).
double peak_gflops() {
  constexpr int kChains = 12;
  vf4 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = vf4{float(i), 1, 2, 3};
  const vf4 mul = {0.999f, 0.999f, 0.999f, 0.999f}, add = {0.001f, 0.001f, 0.001f, 0.001f};
  // Repeated short calls: a wasm engine optimises a function between calls,
  // never inside one long call, and when it does depends on its background
  // compiler (a fixed warm-up once measured V8's baseline code, 6-7 GFLOP/s).
  // So: blocks of calls for about a second, and the best block counts.
  const long iters = 20000, calls = 25;
  double best = 0;
  const auto start = Clock::now();
  do {
    const auto t0 = Clock::now();
    for (long c = 0; c < calls; ++c) madd_chains(acc, mul, add, iters);
    const double el = seconds_since(t0);
    if (el > 0) best = std::max(best, double(iters) * double(calls) * kChains * 4 * 2 / el / 1e9);
  } while (seconds_since(start) < 1.0);
  float sink = 0;
  for (int i = 0; i < kChains; ++i) sink += acc[i][0];
  if (!std::isfinite(sink)) return 0;
  return best;
}

OptionParser bench_options(Options* o, std::string* cell) {
  OptionParser p("unroll bench");
  p.choice("--cell", "C", {"rnn_tanh", "rnn_relu", "lstm", "gru", "transformer"}, cell,
           "rnn_tanh, rnn_relu, lstm, gru or transformer (default lstm)");
  p.integer("--input", "I", &o->input, 1, 4096, "input features (default 8)");
  p.integer("--hidden", "H", &o->hidden, 1, 4096, "hidden units (default 64; recurrent cells)");
  p.integer("--d-model", "D", &o->d_model, 1, 4096, "transformer width (default 64)");
  p.integer("--layers", "L", &o->layers, 1, 64, "transformer blocks (default 2)");
  p.integer("--heads", "N", &o->heads, 1, 256, "attention heads, dividing D (default 4)");
  p.integer("--ff", "F", &o->ff, 1, 16384, "feed-forward width (default 128)");
  p.integer("--seq", "T", &o->seq, 1, 100000, "timesteps (default 50)");
  p.integer("--batch", "B", &o->batch, 1, 4096, "sequences per batch (default 32)");
  p.integer("--output", "O", &o->output, 1, 4096, "regression outputs per step (default 1)");
  p.integer("--runs", "R", &o->runs, 1, 1000, "timed runs (default 5); probes on and off alternate");
  p.real("--seconds", "S", &o->seconds, 0, 600, /*lo_open=*/true, "length of one timed run (default 0.5)");
  p.flag("--kernels", &o->kernels, "also time the config's matrix products (GFLOP/s; recurrent cells)");
  p.flag("--peak", &o->peak, "also time a multiply-add loop (the SIMD unit's peak)");
  return p;
}

}  // namespace

int cmd_bench(int argc, char** argv) {
  Options o;
  std::string cell = "lstm", error;
  switch (bench_options(&o, &cell).parse(argc, argv, &error)) {
    case OptionParser::Result::Help:
      std::printf("%s%s%s", kHelpHead, bench_options(&o, &cell).help().c_str(), kHelpFoot);
      return kExitOk;
    case OptionParser::Result::Error:
      std::fprintf(stderr, "%s\n", error.c_str());
      return kExitUsage;
    case OptionParser::Result::Ok: break;
  }
  o.transformer = cell == "transformer";
  if (!o.transformer) parse_cell(cell, &o.cell);  // one of the choices above

  if (o.transformer && o.kernels) {
    std::fprintf(stderr, "unroll bench: --kernels times recurrent-cell shapes; not with --cell transformer\n");
    return 2;
  }
  std::unique_ptr<BenchModel> model;
  if (o.transformer) {
    std::string error;
    model = make_transformer_bench({o.input, o.d_model, o.layers, o.heads, o.ff, o.seq, o.batch,
                                    o.output}, &error);
    if (!model) {
      std::fprintf(stderr, "unroll bench: %s\n", error.c_str());
      return 2;
    }
  } else {
    model = std::make_unique<Bench>(o);
  }
  BenchModel& bench = *model;
  // The first losses from the same start: equal across runs of one build.
  std::vector<double> first_losses;
  for (int s = 0; s < 3; ++s) first_losses.push_back(bench.step(nullptr));
  char loss_hex[3][32];
  for (int s = 0; s < 3; ++s) std::snprintf(loss_hex[s], sizeof loss_hex[s], "%a", first_losses[size_t(s)]);

  // Warm-up: wasm engines start in a baseline compiler and swap in optimised
  // code only once a function has run for a while.
  timed_run(bench, 1.0);

  // Alternate probes on / off so drift hits both equally.
  std::vector<double> with_probes, without_probes;
  for (long r = 0; r < o.runs; ++r) {
    bench.set_probes(true);
    with_probes.push_back(timed_run(bench, o.seconds));
    bench.set_probes(false);
    without_probes.push_back(timed_run(bench, o.seconds));
  }
  bench.set_probes(true);
  Phases ph;
  const int phase_steps = 5;
  for (int s = 0; s < phase_steps; ++s) bench.step(&ph);
  for (double* v : {&ph.forward, &ph.loss, &ph.backward, &ph.probes, &ph.update}) *v /= phase_steps;

  const double med = median(with_probes), med_off = median(without_probes);
  json::Writer w;
  auto number = [&](const char* k, double v) { w.key(k); w.number(v); };
  auto list = [&](const char* k, const std::vector<double>& v) {
    w.key(k);
    w.begin_array();
    for (double x : v) w.number(x);
    w.end_array();
  };
  w.begin_object();
  w.key("cell"); w.string(o.transformer ? "transformer" : cell_name(o.cell));
  number("input", double(o.input));
  if (o.transformer) {
    number("d_model", double(o.d_model));
    number("layers", double(o.layers));
    number("heads", double(o.heads));
    number("ff", double(o.ff));
    w.key("probes"); w.string("per-parameter gradient norms (no per-timestep dL/dh)");
  } else {
    number("hidden", double(o.hidden));
  }
  number("seq", double(o.seq));
  number("batch", double(o.batch));
  number("output", double(o.output));
  number("param_count", double(bench.param_count()));
  list("steps_per_s", with_probes);
  number("median", med);
  list("steps_per_s_no_probes", without_probes);
  number("median_no_probes", med_off);
  number("probe_overhead_pct", 100.0 * (med_off / med - 1.0));
  w.key("phases_ms");
  w.begin_object();
  number("forward", ph.forward);
  number("loss", ph.loss);
  number("backward", ph.backward);
  number("probes", ph.probes);
  number("update", ph.update);
  w.end_object();
  w.key("first_losses");
  w.begin_array();
  for (const char* h : loss_hex) w.string(h);
  w.end_array();
  if (bench.bytes()) number("state_bytes", double(bench.bytes()));
#ifdef __wasm__
  // Linear memory only grows, so its size now is the run's peak.
  number("wasm_memory_bytes", double(size_t(__builtin_wasm_memory_size(0)) * 65536));
#endif
  w.key("simd_kernels"); w.boolean(gemm_uses_simd_kernels());
  if (o.kernels) {
    const Index H = o.hidden, gH = gate_count(o.cell) * H, I = o.input, B = o.batch,
                n = o.seq * o.batch;
    struct Shape { const char* name; Index m, n, k; Op a, b; bool acc; };
    const Shape shapes[] = {
        {"recurrent W_hh h (gH x H)(H x B)", gH, B, H, Op::N, Op::N, false},
        {"backward W_hh^T dG (H x gH)(gH x B)", H, B, gH, Op::T, Op::N, false},
        {"input W_ih X (gH x I)(I x TB)", gH, n, I, Op::N, Op::N, false},
        {"grad dG H^T (gH x TB)(TB x H)", gH, H, n, Op::N, Op::T, true},
        {"grad dG X^T (gH x TB)(TB x I)", gH, I, n, Op::N, Op::T, true},
    };
    w.key("kernels");
    w.begin_array();
    for (const Shape& k : shapes) {
      w.begin_object();
      w.key("name"); w.string(k.name);
      number("m", double(k.m));
      number("n", double(k.n));
      number("k", double(k.k));
      number("gflops", time_gemm(k.m, k.n, k.k, k.a, k.b, k.acc));
      w.end_object();
    }
    w.end_array();
  }
  if (o.peak) number("peak_gflops_4lane", peak_gflops());
  w.end_object();
  const std::string out = w.str() + "\n";
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace unroll::cli
