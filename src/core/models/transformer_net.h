// model=transformer as a Net (transformer.h): an encoder-decoder on
// source/target pairs for the sequence-to-sequence tasks, decoder-only
// (causal) on the task's single stream for every other task.
#pragma once
#include "core/io/weights_io.h"
#include "core/models/net.h"
#include "core/models/transformer.h"
#include "core/tasks/seq2seq_task.h"

namespace unroll {

class TransformerNet : public Net {
 public:
  using Net::params;
  // spec.d_model must be a multiple of spec.heads (make_net checks).
  TransformerNet(const NetSpec& spec, const Task& task);

  ModelKind kind() const override { return ModelKind::Transformer; }
  bool reads_pairs() const override { return model_.spec().enc_dec(); }
  std::string describe() const override;
  ParamList<float>& params() override { return model_.params(); }
  void init(Rng& rng) override { model_.init(rng); }
  double train_batch(const Task& task, Rng& rng, Index B, const UpdateHook& update,
                     double* metric) override;
  const std::vector<std::vector<double>>& dh_norm() const override { return no_dh_; }
  void prepare_probe(const Task& task, uint64_t probe_seed, Index n) override;
  ProbeSnapshot probe(const Task& task) override;
  EvalResult evaluate(const Task& task, Index length, Index n, Rng& rng, Index first = 0) override;
  std::string weights_json(const WeightsMeta& meta) const override {
    return param_list_weights_json("transformer", meta, model_.params());
  }

  const Transformer<float>& model() const { return model_; }

 private:
  bool pairs() const { return reads_pairs(); }
  const Mat<float>& greedy(PairBatch& p);
  // Longest sequence learned positions cover; 0 = any (sinusoidal).
  Index max_len() const;

  Transformer<float> model_;
  PairBatch pairs_, probe_pairs_, work_;
  Batch<float> stream_, probe_stream_;
  Mat<float> dout_;
  std::vector<std::vector<double>> no_dh_;  // no recurrence: no dL/dh_t
};

}  // namespace unroll
