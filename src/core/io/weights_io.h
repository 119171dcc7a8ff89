// Model weights as JSON in PyTorch's layout, so a model moves between
// Unroll and torch.nn.{RNN,LSTM,GRU} + nn.Linear with a few lines of Python:
//
//   {"arch": "lstm", "input_size": I, "hidden_size": H, "num_layers": L,
//    "output_size": O,
//    "params": {"rnn.weight_ih_l0": {"shape": [4H, I], "data": [...]},
//               "rnn.weight_hh_l0": ..., "rnn.bias_ih_l0": {"shape": [4H], ...},
//               "rnn.bias_hh_l0": ..., ..., "head.weight": {"shape": [O, H], ...},
//               "head.bias": {"shape": [O], ...}}}
//
// "data" is row-major like torch's tensor.tolist() (Model is column-major
// in memory); biases have 1-D shapes like PyTorch (Model stores n x 1).
// arch is one of rnn_tanh, rnn_relu, lstm, gru (cell_kind.h). A file an
// experiment writes also records where it was (WeightsMeta): "config"
// (the link's query), "step" (steps trained) and "seed", so a run can
// continue from it (`unroll train --load-weights`).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/json.h"
#include "core/rnn/stack.h"

namespace unroll {

// Sizes a weights file may declare (inclusive). They bound what a file can
// make us allocate; the engine itself supports 1..4 layers.
struct WeightsLimits {
  static constexpr Index kMaxInput = 4096, kMaxHidden = 4096, kMaxOutput = 4096;
  static constexpr Index kMaxLayers = 4;
};

// Where a weights file was written: optional fields of every format.
struct WeightsMeta {
  bool present = false;  // false: the file has none of them (older files, tests)
  std::string config;    // the experiment's query string
  long step = 0;         // training steps done
  long long seed = 0;    // the config's seed, repeated for readers of the file
};
// Writes "config", "step", "seed" as keys of the object being written.
void write_weights_meta(json::Writer& w, const WeightsMeta& meta);
// Reads them from a weights document (absent: meta->present = false); false
// and *error naming the field on a wrong type or range.
bool read_weights_meta(const json::Value& doc, WeightsMeta* meta, std::string* error);

// One parameter's name and PyTorch shape; known before any allocation.
struct ParamShape {
  std::string name;
  Index rows = 0, cols = 0;
  bool is_vector = false;  // biases: 1-D shape [rows] in JSON
};

// The parameters a model of this spec has, in PyTorch's state_dict order.
std::vector<ParamShape> param_shapes(const RnnSpec& spec);

// Appends {"name": {"shape": [...], "data": [...]}, ...} for every
// parameter, values (grad = false) or gradients (grad = true). float models
// write the shortest float32 text, double models the shortest double text.
template <class S>
void write_param_dict(json::Writer& w, const RnnStack<S>& m, bool grad);

// The whole weights document (format above), with meta's fields if given.
template <class S>
std::string weights_to_json(const RnnStack<S>& m, const WeightsMeta* meta = nullptr);

// The weights document of the attention-era models:
// {"arch": <model key>, "config": <query>, "step": N, "seed": S,
//  "params": {name: {"shape", "data"}}}, row-major data, shape [rows] for a
// one-column tensor (read back by io/param_dict.h).
std::string param_list_weights_json(const std::string& arch, const WeightsMeta& meta,
                                    const ParamList<float>& params);

// Reads a weights document. On failure returns nullopt and *error says
// which field was wrong, what it was and what is allowed. Every shape and
// length is checked before the model is allocated.
template <class S>
std::optional<RnnStack<S>> weights_from_json(const json::Value& doc, std::string* error);

// Same from text (parse errors carry line and column).
template <class S>
std::optional<RnnStack<S>> weights_from_text(std::string_view text, std::string* error,
                                          const json::Limits& limits = {});

}  // namespace unroll
