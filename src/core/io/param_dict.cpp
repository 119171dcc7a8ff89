#include "core/io/param_dict.h"

#include <cmath>

namespace unroll {
namespace {

std::string found_shape(const json::Value& shape) {
  if (!shape.is_array()) return "not a list of sizes";
  std::string s = "[";
  for (size_t k = 0; k < shape.as_array().size(); ++k) {
    const json::Value& d = shape.as_array()[k];
    s += (k ? ", " : "") + (d.is_number() ? json::format_double(d.as_number()) : std::string("?"));
  }
  return s + "]";
}

}  // namespace

std::string param_shape_text(Index rows, Index cols) {
  return cols == 1 ? "[" + std::to_string(rows) + "]"
                   : "[" + std::to_string(rows) + ", " + std::to_string(cols) + "]";
}

bool params_from_weights_json(const json::Value& doc, const ParamList<float>& like,
                              ParamList<float>* out, std::string* error, const std::string& model) {
  const std::string who = model.empty() ? "this model" : model;
  const json::Value* params = doc.is_object() ? doc.find("params") : nullptr;
  if (!params || !params->is_object()) {
    *error = "the weights file has no \"params\" object";
    return false;
  }
  // Every model tensor first (in the model's order), then the file's extras.
  ParamList<float> got = like;
  for (Param<float>& p : got) {
    const json::Value* t = params->find(p.name);
    const Index rows = p.value.rows(), cols = p.value.cols();
    const std::string want = param_shape_text(rows, cols);
    if (!t) {
      *error = "the weights file has no tensor " + p.name + " " + want + ", which " + who + " has";
      return false;
    }
    if (!t->is_object() || !t->find("shape") || !t->find("data")) {
      *error = p.name + " in the weights file is not {\"shape\": [...], \"data\": [...]}";
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
      *error = p.name + " is " + found_shape(shape) + " in the weights file, but " + want + " in " + who;
      return false;
    }
    if (!data.is_array() || data.as_array().size() != size_t(rows * cols)) {
      *error = p.name + ".data must hold " + std::to_string(rows * cols) + " numbers (shape " + want + ")";
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
  for (const auto& kv : params->as_object()) {
    bool known = false;
    for (const Param<float>& p : like) known = known || p.name == kv.first;
    if (!known) {
      *error = "the weights file has a tensor " + json::quote_clipped(kv.first) + " that " + who +
               " does not have (another model kind, attention or layer count?)";
      return false;
    }
  }
  *out = std::move(got);
  return true;
}

}  // namespace unroll
