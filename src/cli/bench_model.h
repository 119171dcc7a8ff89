// What `unroll bench` times: one training step of some model on random
// inputs and targets (forward, loss, backward, optional probes, SGD update).
// The recurrent nets (cmd_bench.cpp) and the Transformer
// (bench_transformer.cpp) implement it; the timing loop is shared.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/tensor/tensor.h"

namespace unroll::cli {

// Milliseconds per step spent in each phase (one extra timed pass).
struct Phases {
  double forward = 0, loss = 0, backward = 0, probes = 0, update = 0;
};

// Adds the milliseconds since the previous lap to one phase of *ph; does
// nothing when ph is null (the untimed steps).
class PhaseLaps {
 public:
  explicit PhaseLaps(Phases* ph) : ph_(ph), t_(std::chrono::steady_clock::now()) {}
  void lap(double Phases::*phase) {
    if (!ph_) return;
    const auto now = std::chrono::steady_clock::now();
    ph_->*phase += std::chrono::duration<double, std::milli>(now - t_).count();
    t_ = now;
  }

 private:
  Phases* ph_;
  std::chrono::steady_clock::time_point t_;
};

class BenchModel {
 public:
  virtual ~BenchModel() = default;
  // One training step; returns the loss. Phases are timed when asked.
  virtual double step(Phases* ph) = 0;
  // Probes = what Experiment::step records for the gradient panels.
  virtual void set_probes(bool on) = 0;
  // Bytes of parameters, gradients, activations and the batch; 0 = not known.
  virtual size_t bytes() const = 0;
  virtual Index param_count() const = 0;
};

struct TransformerBenchSpec {
  Index input = 8, d_model = 64, layers = 2, heads = 4, ff = 128, seq = 50, batch = 32,
        output = 1;
};

// A decoder-only pre-LN Transformer on continuous inputs (transformer.h):
// embed I -> d (bias-free), sinusoidal positions, causal self-attention
// blocks, final LayerNorm, linear head d -> O at every step. Null with
// *error when the shapes do not fit (d_model not a multiple of heads).
std::unique_ptr<BenchModel> make_transformer_bench(const TransformerBenchSpec& spec,
                                                   std::string* error);

}  // namespace unroll::cli
