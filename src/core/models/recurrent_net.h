// model=rnn as a Net: input -> stacked recurrent layers (rnn/stack.h) ->
// linear head at every step, trained with full or truncated BPTT
// (rnn/bptt.h) on the task's single stream.
#pragma once
#include "core/models/net.h"
#include "core/rnn/stack.h"
#include "core/rnn/workspace.h"

namespace unroll {

class RecurrentNet : public Net {
 public:
  using Net::params;
  RecurrentNet(const NetSpec& spec, const Task& task);

  ModelKind kind() const override { return ModelKind::Recurrent; }
  std::string describe() const override;
  ParamList<float>& params() override { return stack_.params(); }
  void init(Rng& rng) override;
  double train_batch(const Task& task, Rng& rng, Index B, const UpdateHook& update,
                     double* metric) override;
  const std::vector<std::vector<double>>& dh_norm() const override { return dh_norm_; }
  void prepare_probe(const Task& task, uint64_t probe_seed, Index n) override;
  ProbeSnapshot probe(const Task& task) override;
  std::string weights_json(const WeightsMeta& meta) const override;
  bool load_weights(const json::Value& doc, std::string* error) override;
  bool generate(const Task& task, const std::string& prime, int n, double temperature, Rng& rng,
                std::string* text, std::string* error) const override;

  const RnnStack<float>& stack() const { return stack_; }
  // The last training batch and its activations (tests, benchmarks).
  const Batch<float>& batch() const { return batch_; }
  const RnnWorkspace<float>& workspace() const { return ws_; }

 private:
  NetSpec spec_;
  RnnStack<float> stack_;
  Batch<float> batch_, probe_batch_;
  RnnWorkspace<float> ws_, probe_ws_;
  std::vector<std::vector<double>> dh_norm_;  // [layer][t]
};

}  // namespace unroll
