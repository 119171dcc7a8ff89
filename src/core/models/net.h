// One model interface. The recurrent stack (recurrent_net.h), the recurrent
// encoder-decoder (encoder_decoder_net.h) and the Transformer
// (transformer_net.h) are all a Net: Experiment, the probes, the weights
// files and the UI drive every kind through this, and never ask which kind
// it is beyond kind() for labels.
//
//   init -> [train_batch: sample, forward, loss, backward, update()...]*
//        -> probe (the views) / evaluate (greedy decoding at a length)
//
// Shapes everywhere: time-major, columns t*B + b (tensor.h).
#pragma once
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/io/json.h"
#include "core/io/weights_io.h"
#include "core/layers/positional.h"
#include "core/layers/seq_attention.h"
#include "core/rnn/cell_kind.h"
#include "core/rnn/init.h"
#include "core/tasks/task.h"
#include "core/tensor/param_list.h"

namespace unroll {

// In the `model` key's order (key_table.cpp).
enum class ModelKind { Recurrent, EncoderDecoder, Transformer };
// The `model` key's spelling: "rnn", "seq2seq", "transformer".
const char* model_kind_name(ModelKind k);

// Everything that decides a model's shape and start, resolved from the
// config once (core/train/experiment_spec.h). Sizes of inputs and outputs
// come from the task.
struct NetSpec {
  ModelKind kind = ModelKind::Recurrent;
  // Recurrent and encoder-decoder.
  CellKind cell = CellKind::Lstm;
  Index hidden = 64, layers = 1;
  InitSpec init;               // recurrent; encoder-decoder reads forget_bias
  AttnKind attn = AttnKind::None;  // encoder-decoder
  // Transformer (layers above too).
  Index d_model = 64, heads = 4, ff = 128;
  PosKind pos = PosKind::Sinusoidal;
  // Recurrent training: truncated BPTT every `tbptt` steps (0 = full),
  // one update per batch or per chunk.
  Index tbptt = 0;
  bool update_per_chunk = false;
  // Longest length a seq2seq task is evaluated at (learned positions must
  // cover it); 0 = the training length.
  Index eval_T = 0;
};

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
  // decoder (or decoder-only) stack; encoder-decoder: one layer, one
  // "head", decoder steps x source steps.
  std::vector<std::vector<Mat<float>>> attention;
  std::vector<std::vector<Mat<float>>> encoder_attention;  // transformer enc-dec
  std::vector<std::vector<Mat<float>>> cross_attention;    // transformer enc-dec
  Mat<float> positions;  // transformer: encodings added to the tokens, d x T
  // Tokens of probe sequence 0 as the task spells them (vocab()): the
  // source side of a pair task (empty on one-stream tasks).
  std::vector<std::string> source_tokens;
};

// What the model does on the fixed probe sequences (for the views).
struct ProbeSnapshot {
  Index T = 0, B = 0;
  // Recurrent, per layer: [i;f;g;o] (LSTM), [r;z;n] (GRU) or h (Elman)   gH x T*B
  std::vector<Mat<float>> gates;
  std::vector<Mat<float>> hidden;  // recurrent, per layer: h_t           H x T*B
  std::vector<Mat<float>> cell;    // LSTM, per layer: c_t                H x T*B
  Mat<float> out;                  // outputs                             O x T*B
  double metric = 0;
  std::vector<std::string> rendered;  // task view of each probe sequence
  Batch<float> batch;  // the probe inputs/targets (pairs: the decoder side)
  AttentionProbe attn; // empty for the recurrent stack
  // The recurrent matrices (every parameter named *weight_hh*, e.g.
  // "rnn.weight_hh_l0", "encoder.weight_hh_l1"), for their spectra.
  std::vector<std::pair<std::string, Mat<float>>> recurrent_weights;
};

// Called by Net::train_batch each time the gradient of one update is
// complete (once per batch; after every chunk with truncated BPTT and
// per-chunk updates). Returns false to stop the batch (non-finite gradient).
using UpdateHook = std::function<bool()>;

class Net {
 public:
  virtual ~Net() = default;

  virtual ModelKind kind() const = 0;
  // "lstm with input 1, hidden 64, 1 layer(s), output 1" (for messages).
  virtual std::string describe() const = 0;

  // Parameters with PyTorch-style names, in state_dict order: what the
  // optimizer, clipping, the probes of gradient norms and the weights files
  // walk.
  virtual ParamList<float>& params() = 0;
  const ParamList<float>& params() const { return const_cast<Net*>(this)->params(); }
  Index param_count() const { return unroll::param_count(params()); }
  void zero_grad() { zero_grads(params()); }

  // Initial values from the spec's init rule.
  virtual void init(Rng& rng) = 0;

  // One training batch of B fresh sequences from `task` (drawn with rng):
  // forward, loss, backward into the grads, calling update() at every
  // update point (grads are zeroed before each chunk of gradient). Stops
  // early when update() returns false. Returns the mean loss; *metric is
  // the task metric on the same batch.
  virtual double train_batch(const Task& task, Rng& rng, Index B, const UpdateHook& update,
                             double* metric) = 0;
  // ||dL/dh_t|| per layer and step of the last batch ([layer][t]): the
  // recurrent layers, or the encoder's; empty for the Transformer.
  virtual const std::vector<std::vector<double>>& dh_norm() const = 0;

  // Draws the n fixed probe sequences (once; streams seeded from probe_seed).
  virtual void prepare_probe(const Task& task, uint64_t probe_seed, Index n) = 0;
  // Forward on the probe sequences (greedy decoding for pairs).
  virtual ProbeSnapshot probe(const Task& task) = 0;

  // Greedy decoding of n fresh pairs of `task` at another length (pair
  // tasks with an encoder-decoder or a Transformer); otherwise error says
  // why. The pairs are numbers first .. first+n-1 of the stream rng draws,
  // so an evaluation can run in slices that together equal one call.
  virtual EvalResult evaluate(const Task& task, Index length, Index n, Rng& rng, Index first = 0);

  // Text generation on a text task (generate.h): the model reads `prime`,
  // then writes n characters sampled at `temperature`. False and *error if
  // this model cannot (only the recurrent stack generates today) or the
  // input is bad.
  virtual bool generate(const Task& task, const std::string& prime, int n, double temperature,
                        Rng& rng, std::string* text, std::string* error) const;

  // True for the models that read source/target pairs (greedy decoding,
  // evaluate() at other lengths).
  virtual bool reads_pairs() const { return false; }

  // The weights document (io/weights_io.h), PyTorch layout, recording
  // `meta` (the experiment's query, step and seed).
  virtual std::string weights_json(const WeightsMeta& meta) const = 0;
  // Values from a parsed weights document of this model's kind and shape;
  // false and *error (naming the mismatch: the model kind, or which
  // parameter with the shape expected and found) otherwise, values
  // unchanged. The default reads the {"arch", "params"} format every
  // model but the recurrent stack writes (io/param_dict.h).
  virtual bool load_weights(const json::Value& doc, std::string* error);

  // Copies values from `from` (same names and shapes, in order); false and
  // *error naming the first mismatch otherwise.
  bool load_values(const ParamList<float>& from, std::string* error);

 protected:
  // False and *error when `doc` holds another model kind's weights (its
  // "arch": a cell name for model=rnn, else the model key).
  bool same_model_kind(const json::Value& doc, std::string* error) const;
};

// Builds the net `spec` describes for `task` (input/output sizes, pairs or
// one stream). Null with *error when the model cannot run this task (e.g.
// an encoder-decoder on a one-stream task, d_model not a multiple of heads).
std::unique_ptr<Net> make_net(const NetSpec& spec, const Task& task, std::string* error);
// Why make_net would refuse (the same messages), or "": checkable without
// building anything.
std::string net_refusal(const NetSpec& spec, const Task& task);

}  // namespace unroll
