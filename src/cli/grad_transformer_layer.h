// `unroll grad` for one torch.nn.TransformerEncoderLayer (norm_first=True,
// batch_first=False, activation relu, dropout 0), for PyTorch parity:
//
//   weights: {"arch": "transformer_encoder_layer", "d_model": d, "nhead": h,
//             "dim_feedforward": f, "params": {"self_attn.in_proj_weight":
//             {"shape": [3d, d], "data": [...]}, ... PyTorch's 12 names}}
//   batch:   {"loss": "mse", "x": [T][B][d], "y": [T][B][d]}
//
// Output: {"loss": L, "grads": {name: {"shape", "data"}, ..., "input": dL/dx
// as [T, B, d]}} where L = nn.MSELoss()(layer(x), y).
#pragma once
#include <string>

#include "core/io/json.h"

namespace unroll::cli {

bool is_transformer_layer_doc(const json::Value& weights);

// False with *error naming the field on bad input.
template <class S>
bool grad_transformer_layer(const json::Value& weights, const json::Value& batch, std::string* out,
                            std::string* error);

}  // namespace unroll::cli
