// The Transformer workload of `unroll bench`: the engine's own decoder-only
// Transformer (the one Experiment trains for model=transformer), fed
// continuous random inputs instead of one-hot tokens. Its embedding is a
// bias-free linear map of the input columns, so 8 real-valued features go
// in exactly as one-hot columns would: same code path, same shapes.
#include <algorithm>
#include <string>
#include <vector>

#include "bench_model.h"
#include "core/tensor/batch.h"
#include "core/layers/loss.h"
#include "core/train/optimizer.h"
#include "core/tensor/rng.h"
#include "core/models/transformer.h"

namespace unroll::cli {
namespace {

class TransformerBench final : public BenchModel {
 public:
  explicit TransformerBench(const TransformerBenchSpec& s)
      : net_(spec_of(s)), optim_(net_.params(), OptimSpec{OptimKind::Sgd, 0.01}) {
    Rng rng(12345);
    net_.init(rng);
    batch_.resize(s.seq, s.batch, s.input, s.output, LossKind::Mse);
    for (Index j = 0; j < batch_.x.size(); ++j) batch_.x.data()[j] = float(rng.normal());
    for (Index j = 0; j < batch_.y.size(); ++j) batch_.y.data()[j] = float(0.5 * rng.normal());
    std::fill(batch_.weight.begin(), batch_.weight.end(), 1.f);
    grad_norm_.assign(net_.params().size(), 0.0);
  }

  static TransformerSpec spec_of(const TransformerBenchSpec& s) {
    TransformerSpec t;
    t.input = s.input;
    t.output = s.output;
    t.d_model = s.d_model;
    t.heads = s.heads;
    t.ff = s.ff;
    t.layers = s.layers;
    t.pos = PosKind::Sinusoidal;  // fixed: no position parameters, any T
    t.max_len = s.seq;
    return t;
  }

  double step(Phases* ph) override {
    PhaseLaps laps(ph);
    auto& P = net_.params();
    zero_grads(P);
    // out = head(LN_f(blocks(W_emb x + PE)))     O x T*B from I x T*B
    net_.forward(nullptr, batch_.x, batch_.B);
    laps.lap(&Phases::forward);
    const double n = batch_.counted();
    dout_.resize(net_.out().rows(), net_.out().cols());
    const double loss = loss_chunk(batch_, net_.out(), 0, batch_.T, 1.0 / n, dout_) / n;
    laps.lap(&Phases::loss);
    net_.backward(nullptr, batch_.x, dout_);
    laps.lap(&Phases::backward);
    // Experiment::step_net records per-parameter gradient norms; the
    // Transformer has no per-timestep dL/dh probe.
    if (probes_)
      for (size_t p = 0; p < grad_norm_.size(); ++p) grad_norm_[p] = double(P[p].grad.norm());
    laps.lap(&Phases::probes);
    optim_.step(P);
    laps.lap(&Phases::update);
    return loss;
  }

  void set_probes(bool on) override { probes_ = on; }
  // The activation caches are private to Transformer: not counted, so no
  // honest total; the wasm memory peak covers it in the browser.
  size_t bytes() const override { return 0; }
  Index param_count() const override { return net_.param_count(); }

 private:
  Transformer<float> net_;
  Optimizer<float> optim_;
  Batch<float> batch_;
  Mat<float> dout_;
  std::vector<double> grad_norm_;
  bool probes_ = true;
};

}  // namespace

std::unique_ptr<BenchModel> make_transformer_bench(const TransformerBenchSpec& s,
                                                   std::string* error) {
  if (s.heads < 1 || s.d_model % s.heads != 0) {
    *error = "--d-model must be a multiple of --heads";
    return nullptr;
  }
  return std::make_unique<TransformerBench>(s);
}

}  // namespace unroll::cli
