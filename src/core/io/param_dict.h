// A weights document's "params" ({name: {"shape": [...], "data": [...]}},
// row-major data, shape [rows] for a one-column tensor) read against the
// parameters a model has: the one reader behind every model kind's
// Net::load_weights and `unroll export-torch --weights`.
#pragma once
#include <string>

#include "core/io/json.h"
#include "core/tensor/param_list.h"

namespace unroll {

// "[4, 3]", or "[4]" for one column (PyTorch's 1-D shapes).
std::string param_shape_text(Index rows, Index cols);

// doc["params"] checked against `like` (every name there, no other name,
// the same shapes, finite values) and copied into *out (like's names and
// order); false and *error naming the first mismatch: which parameter,
// the shape expected and the shape found. `model` names the model in
// messages ("this model" if empty).
bool params_from_weights_json(const json::Value& doc, const ParamList<float>& like,
                              ParamList<float>* out, std::string* error,
                              const std::string& model = "");

}  // namespace unroll
