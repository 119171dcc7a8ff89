// model=seq2seq as a Net: the recurrent encoder-decoder (encoder_decoder.h)
// with or without attention, on source/target pairs (teacher forcing in
// training, greedy decoding in the probe and evaluations).
#pragma once
#include "core/models/encoder_decoder.h"
#include "core/io/weights_io.h"
#include "core/models/net.h"
#include "core/tasks/seq2seq_task.h"

namespace unroll {

class EncoderDecoderNet : public Net {
 public:
  using Net::params;
  EncoderDecoderNet(const NetSpec& spec, const Seq2SeqTask& task);

  ModelKind kind() const override { return ModelKind::EncoderDecoder; }
  bool reads_pairs() const override { return true; }
  std::string describe() const override;
  ParamList<float>& params() override { return model_.params(); }
  void init(Rng& rng) override { model_.init(rng, forget_bias_); }
  double train_batch(const Task& task, Rng& rng, Index B, const UpdateHook& update,
                     double* metric) override;
  const std::vector<std::vector<double>>& dh_norm() const override { return dh_norm_; }
  void prepare_probe(const Task& task, uint64_t probe_seed, Index n) override;
  ProbeSnapshot probe(const Task& task) override;
  EvalResult evaluate(const Task& task, Index length, Index n, Rng& rng, Index first = 0) override;
  std::string weights_json(const WeightsMeta& meta) const override {
    return param_list_weights_json("seq2seq", meta, model_.params());
  }

  const EncoderDecoder<float>& model() const { return model_; }

 private:
  const Mat<float>& greedy(PairBatch& p);

  EncoderDecoder<float> model_;
  double forget_bias_;
  PairBatch batch_, probe_pairs_, work_;
  Mat<float> dout_;
  std::vector<std::vector<double>> dh_norm_;  // [encoder layer][source step]
};

}  // namespace unroll
