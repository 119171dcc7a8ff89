// Any model's weights document read against the model it is meant for.
#include <cmath>

#include "core/export/export_torch.h"

namespace unroll {

bool params_from_weights_json(const json::Value& doc, const ParamList<float>& like,
                              ParamList<float>* out, std::string* error) {
  const json::Value* params = doc.is_object() ? doc.find("params") : nullptr;
  if (!params || !params->is_object()) {
    *error = "the weights file has no \"params\" object";
    return false;
  }
  if (params->as_object().size() != like.size()) {
    *error = "the weights file has " + std::to_string(params->as_object().size()) + " tensors, this model " +
             std::to_string(like.size());
    return false;
  }
  ParamList<float> got = like;
  for (Param<float>& p : got) {
    const json::Value* t = params->find(p.name);
    const Index rows = p.value.rows(), cols = p.value.cols();
    const std::string want = cols == 1 ? "[" + std::to_string(rows) + "]"
                                       : "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
    if (!t || !t->is_object() || !t->find("shape") || !t->find("data")) {
      *error = "the weights file has no tensor " + p.name + " " + want;
      return false;
    }
    const json::Value& shape = *t->find("shape");
    const json::Value& data = *t->find("data");
    std::vector<double> dims;
    if (shape.is_array())
      for (const json::Value& d : shape.as_array()) dims.push_back(d.is_number() ? d.as_number() : -1);
    const bool ok = (dims.size() == 2 && dims[0] == double(rows) && dims[1] == double(cols)) ||
                    (dims.size() == 1 && cols == 1 && dims[0] == double(rows));
    if (!ok) {
      *error = p.name + " has another shape in the weights file; this model's is " + want;
      return false;
    }
    if (!data.is_array() || data.as_array().size() != size_t(rows * cols)) {
      *error = p.name + ".data must hold " + std::to_string(rows * cols) + " numbers";
      return false;
    }
    const json::Array& a = data.as_array();
    for (Index r = 0; r < rows; ++r)
      for (Index c = 0; c < cols; ++c) {
        const json::Value& v = a[size_t(r * cols + c)];  // row-major
        if (!v.is_number() || !std::isfinite(float(v.as_number()))) {
          *error = p.name + ".data[" + std::to_string(r * cols + c) + "] is not a finite number";
          return false;
        }
        p.value(r, c) = float(v.as_number());
      }
  }
  *out = std::move(got);
  return true;
}

}  // namespace unroll
