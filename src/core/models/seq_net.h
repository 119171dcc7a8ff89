// The attention-era models behind one small interface Experiment drives:
// model=seq2seq (recurrent encoder-decoder, seq2seq.h) and
// model=transformer (transformer.h). model=rnn keeps its own path in
// Experiment (Model + network.h), untouched.
//
// Data: on a sequence-to-sequence task (reverse, repeat, sort, addition)
// both models see source/target pairs (teacher forcing in training, greedy
// decoding when evaluated); a Transformer on any other task is
// decoder-only and reads the task's single stream like an RNN would.
#pragma once
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/models/encoder_decoder.h"
#include "core/tasks/seq2seq_task.h"
#include "core/models/transformer.h"

namespace unroll {

// Accuracy of greedy decoding on fresh sequences of one length.
struct EvalResult {
  Index length = 0;  // the task's T (digits per sequence / operand)
  double token_accuracy = std::numeric_limits<double>::quiet_NaN();
  double sequence_accuracy = std::numeric_limits<double>::quiet_NaN();
  double chance_token = 0, chance_sequence = 0;
  std::string error;  // non-empty: not measured, and why
};

// What the attention views show for one probe sequence.
struct AttentionProbe {
  // [layer][head], each queries x keys. Transformer: self-attention of the
  // decoder (or decoder-only) stack; seq2seq: one layer, one "head",
  // decoder steps x source steps.
  std::vector<std::vector<Mat<float>>> attention;
  std::vector<std::vector<Mat<float>>> encoder_attention;  // transformer enc-dec
  std::vector<std::vector<Mat<float>>> cross_attention;    // transformer enc-dec
  Mat<float> positions;  // transformer: encodings added to the tokens, d x T
};

class SeqNet {
 public:
  // Null with *error when the model cannot run this task (e.g. seq2seq
  // on a single-stream task, d_model not a multiple of heads).
  static std::unique_ptr<SeqNet> create(const Config& cfg, const Task& task, std::string* error);

  bool is_transformer() const { return tf_ != nullptr; }
  bool uses_pairs() const { return pairs_; }
  ParamList<float>& params();
  const ParamList<float>& params() const;
  Index param_count() const;
  void init(Rng& rng, double forget_bias);
  // Longest sequence the model can read (learned positions); 0 = any.
  Index max_len() const;

  // One training batch from `task`: grads zeroed, teacher-forced forward,
  // mean loss (returned), backward. *metric = the task metric, *dh_norm =
  // per encoder layer and source step ||dL/dh_t|| (seq2seq only).
  double train_grads(const Task& task, Rng& rng, Index B, double* metric,
                     std::vector<std::vector<double>>* dh_norm);

  // Greedy decoding of n fresh pairs from a seq2seq task (any length).
  EvalResult evaluate(const Seq2SeqTask& task, Rng& rng, Index n);

  // Probe: forward (greedy for pairs) on a fixed batch; outputs, rendered
  // sequences and the attention of sequence 0.
  void probe(const Task& task, const Batch<float>& stream, const PairBatch& pairs,
             Mat<float>* out, double* metric, std::vector<std::string>* rendered,
             AttentionProbe* attn);

 private:
  SeqNet() = default;
  // Greedy decoding of p.dec.x in place (its step 0 holds the go token).
  void greedy(PairBatch& p);
  const Mat<float>& out() const;

  bool pairs_ = false;
  std::unique_ptr<Transformer<float>> tf_;
  std::unique_ptr<EncoderDecoder<float>> s2s_;
  PairBatch pb_;
  Batch<float> sb_;
  Mat<float> dout_;
};

}  // namespace unroll
