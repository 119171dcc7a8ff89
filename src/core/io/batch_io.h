// A batch of sequences as JSON, time-major like PyTorch's RNN input
// (batch_first=False), for `unroll grad` and the PyTorch parity test:
//
//   {"loss": "mse",  "x": [T][B][I], "y": [T][B][O]}
//   {"loss": "xent", "x": [T][B][I], "targets": [T][B]}   (class indices)
//
// Every timestep counts in the loss (weight 1 everywhere), and the loss is
// the mean, as nn.MSELoss / nn.CrossEntropyLoss with default reduction.
#pragma once
#include <optional>
#include <string>

#include "core/tensor/batch.h"
#include "core/io/json.h"
#include "core/rnn/stack.h"

namespace unroll {

// Reads and checks a batch against the model it will be fed to (I and O
// come from `spec`). On failure returns nullopt and *error names the field
// (e.g. "x[3][1]"), what it holds and what was expected.
template <class S>
std::optional<Batch<S>> batch_from_json(const json::Value& doc, const RnnSpec& spec,
                                        std::string* error);

}  // namespace unroll
