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
// arch is one of rnn_tanh, rnn_relu, lstm, gru (cell_kind.h).
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

// The whole weights document (format above).
template <class S>
std::string weights_to_json(const RnnStack<S>& m);

// The weights document of the attention-era models:
// {"arch": <model key>, "config": <query>, "params": {name: {"shape", "data"}}},
// row-major data, shape [rows] for a one-column tensor.
std::string param_list_weights_json(const std::string& arch, const std::string& config,
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
