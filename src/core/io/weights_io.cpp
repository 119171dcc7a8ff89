#include "core/io/weights_io.h"

#include <cmath>
#include <type_traits>

namespace unroll {

std::vector<ParamShape> param_shapes(const RnnSpec& spec) {
  // Mirrors Model's constructor (model.cpp) without allocating.
  const Index gH = gate_count(spec.cell) * spec.hidden;
  std::vector<ParamShape> v;
  for (Index l = 0; l < spec.layers; ++l) {
    const std::string sfx = "_l" + std::to_string(l);
    v.push_back({"rnn.weight_ih" + sfx, gH, l == 0 ? spec.input : spec.hidden, false});
    v.push_back({"rnn.weight_hh" + sfx, gH, spec.hidden, false});
    v.push_back({"rnn.bias_ih" + sfx, gH, 1, true});
    v.push_back({"rnn.bias_hh" + sfx, gH, 1, true});
  }
  v.push_back({"head.weight", spec.output, spec.hidden, false});
  v.push_back({"head.bias", spec.output, 1, true});
  return v;
}

template <class S>
void write_param_dict(json::Writer& w, const RnnStack<S>& m, bool grad) {
  const std::vector<ParamShape> shapes = param_shapes(m.spec());
  w.begin_object();
  for (size_t k = 0; k < shapes.size(); ++k) {
    const Param<S>& p = m.params()[k];
    const Mat<S>& t = grad ? p.grad : p.value;  // rows x cols, column-major
    const bool is_vector = shapes[k].is_vector;
    w.newline();
    w.key(p.name);
    w.begin_object();
    w.key("shape");
    w.begin_array();
    w.number(double(t.rows()));
    if (!is_vector) w.number(double(t.cols()));
    w.end_array();
    w.key("data");
    w.begin_array();
    // Row-major order: element (r, c) is data[r * cols + c].
    for (Index r = 0; r < t.rows(); ++r)
      for (Index c = 0; c < t.cols(); ++c) {
        if constexpr (std::is_same_v<S, float>) w.number_f32(t(r, c));
        else w.number(double(t(r, c)));
      }
    w.end_array();
    w.end_object();
  }
  w.end_object();
}

void write_weights_meta(json::Writer& w, const WeightsMeta& meta) {
  w.key("config");
  w.string(meta.config);
  w.key("step");
  w.number(double(meta.step));
  w.key("seed");
  w.number(double(meta.seed));
}

template <class S>
std::string weights_to_json(const RnnStack<S>& m, const WeightsMeta* meta) {
  const RnnSpec& s = m.spec();
  json::Writer w;
  w.begin_object();
  w.key("arch");
  w.string(cell_name(s.cell));
  w.key("input_size");
  w.number(double(s.input));
  w.key("hidden_size");
  w.number(double(s.hidden));
  w.key("num_layers");
  w.number(double(s.layers));
  w.key("output_size");
  w.number(double(s.output));
  if (meta) write_weights_meta(w, *meta);
  w.newline();
  w.key("params");
  write_param_dict(w, m, /*grad=*/false);
  w.end_object();
  return w.str() + "\n";
}

std::string param_list_weights_json(const std::string& arch, const WeightsMeta& meta,
                                    const ParamList<float>& params) {
  json::Writer w;
  w.begin_object();
  w.key("arch");
  w.string(arch);
  write_weights_meta(w, meta);
  w.key("params");
  w.begin_object();
  for (const auto& p : params) {
    w.newline();
    w.key(p.name);
    w.begin_object();
    w.key("shape");
    w.begin_array();
    w.number(double(p.value.rows()));
    if (p.value.cols() != 1) w.number(double(p.value.cols()));
    w.end_array();
    w.key("data");
    w.begin_array();
    for (Index i = 0; i < p.value.rows(); ++i)
      for (Index j = 0; j < p.value.cols(); ++j) w.number_f32(p.value(i, j));
    w.end_array();
    w.end_object();
  }
  w.end_object();
  w.end_object();
  return w.str() + "\n";
}

namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::string describe(const json::Value& v) {
  if (v.is_number()) return json::format_double(v.as_number());
  if (v.is_string()) return json::quote_clipped(v.as_string(), 64);
  return json::type_name(v.type());
}

// Object `v` (named `where` in messages) must have exactly `allowed` keys,
// and may have the `optional` ones.
bool exact_keys(const json::Value& v, const std::string& where,
                const std::vector<std::string>& allowed, std::string* error,
                const std::vector<std::string>& optional = {}) {
  if (!v.is_object()) {
    *error = where + " must be an object, got " + describe(v);
    return false;
  }
  for (const auto& kv : v.as_object()) {
    bool known = false;
    for (const auto& a : allowed) known = known || kv.first == a;
    for (const auto& a : optional) known = known || kv.first == a;
    if (!known) {
      std::vector<std::string> all = allowed;
      all.insert(all.end(), optional.begin(), optional.end());
      *error = where + " has an unknown field " + json::quote_clipped(kv.first) +
               "; allowed fields: " + join_names(all);
      return false;
    }
  }
  for (const auto& a : allowed)
    if (!v.find(a)) {
      *error = where + " is missing the field \"" + a + "\"";
      return false;
    }
  return true;
}

// A whole number in [lo, hi].
bool read_size(const json::Value& v, const std::string& where, Index lo, Index hi, Index* out,
               std::string* error) {
  const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
  if (!v.is_number() || v.as_number() != std::floor(v.as_number())) {
    *error = where + " must be a whole number in " + range + ", got " + describe(v);
    return false;
  }
  const double d = v.as_number();
  if (d < double(lo) || d > double(hi)) {
    *error = where + " is " + describe(v) + ", out of the allowed range " + range;
    return false;
  }
  *out = Index(d);
  return true;
}

std::string shape_text(const ParamShape& s) {
  return s.is_vector ? "[" + std::to_string(s.rows) + "]"
                     : "[" + std::to_string(s.rows) + ", " + std::to_string(s.cols) + "]";
}

// At most 4 entries (a shape is 1 or 2 numbers: a long array is a broken
// file, and the message must stay short).
std::string shape_text(const json::Array& a) {
  std::string s = "[";
  for (size_t k = 0; k < a.size() && k < 4; ++k) s += (k ? ", " : "") + describe(a[k]);
  if (a.size() > 4) s += ", ... (" + std::to_string(a.size()) + " entries)";
  return s + "]";
}

// Checks one {"shape": [...], "data": [...]} against `want`; with `dst`
// given, also copies the data (row-major -> column-major).
template <class S>
bool read_param(const json::Value& v, const ParamShape& want, Mat<S>* dst, std::string* error) {
  const std::string where = "params." + want.name;
  if (!exact_keys(v, where, {"shape", "data"}, error)) return false;
  const json::Value& shape = *v.find("shape");
  const json::Value& data = *v.find("data");
  bool shape_ok = shape.is_array() && shape.as_array().size() == (want.is_vector ? 1u : 2u);
  if (shape_ok) {
    const json::Array& a = shape.as_array();
    shape_ok = a[0].is_number() && a[0].as_number() == double(want.rows) &&
               (want.is_vector || (a[1].is_number() && a[1].as_number() == double(want.cols)));
  }
  if (!shape_ok) {
    *error = where + ".shape is " + (shape.is_array() ? shape_text(shape.as_array()) : describe(shape)) +
             ", expected " + shape_text(want) + " for this arch and these sizes";
    return false;
  }
  const size_t n = size_t(want.rows * want.cols);
  if (!data.is_array()) {
    *error = where + ".data must be an array of " + std::to_string(n) + " numbers, got " + describe(data);
    return false;
  }
  const json::Array& d = data.as_array();
  if (d.size() != n) {
    *error = where + ".data has " + std::to_string(d.size()) + " numbers, expected " +
             std::to_string(n) + " (shape " + shape_text(want) + ")";
    return false;
  }
  for (size_t k = 0; k < n; ++k) {
    const std::string at = where + ".data[" + std::to_string(k) + "]";
    if (!d[k].is_number()) {
      *error = at + " must be a number, got " + describe(d[k]);
      return false;
    }
    const S x = S(d[k].as_number());
    if (!std::isfinite(x)) {
      *error = at + " = " + describe(d[k]) + " is not a finite " +
               (std::is_same_v<S, float> ? "float32" : "float64") + " number";
      return false;
    }
    if (dst) (*dst)(Index(k / size_t(want.cols)), Index(k % size_t(want.cols))) = x;
  }
  return true;
}

}  // namespace

bool read_weights_meta(const json::Value& doc, WeightsMeta* meta, std::string* error) {
  *meta = WeightsMeta();
  if (!doc.is_object()) return true;
  const json::Value* config = doc.find("config");
  const json::Value* step = doc.find("step");
  const json::Value* seed = doc.find("seed");
  meta->present = config || step || seed;
  if (config && !config->is_string()) {
    *error = "config must be the experiment's query string, got " + describe(*config);
    return false;
  }
  if (config) meta->config = config->as_string();
  Index n = 0;
  if (step && !read_size(*step, "step", 0, 2147483647, &n, error)) return false;
  meta->step = long(n);
  if (seed && !read_size(*seed, "seed", 0, 2147483647, &n, error)) return false;
  if (seed) meta->seed = n;
  return true;
}

template <class S>
std::optional<RnnStack<S>> weights_from_json(const json::Value& doc, std::string* error) {
  using WL = WeightsLimits;
  if (!exact_keys(doc, "the weights file",
                  {"arch", "input_size", "hidden_size", "num_layers", "output_size", "params"}, error,
                  {"config", "step", "seed"}))
    return std::nullopt;
  RnnSpec spec;
  const json::Value& arch = *doc.find("arch");
  if (!arch.is_string() || !parse_cell(arch.as_string(), &spec.cell)) {
    *error = "arch is " + describe(arch) + ", expected one of \"rnn_tanh\", \"rnn_relu\", \"lstm\", \"gru\"";
    return std::nullopt;
  }
  if (!read_size(*doc.find("input_size"), "input_size", 1, WL::kMaxInput, &spec.input, error) ||
      !read_size(*doc.find("hidden_size"), "hidden_size", 1, WL::kMaxHidden, &spec.hidden, error) ||
      !read_size(*doc.find("num_layers"), "num_layers", 1, WL::kMaxLayers, &spec.layers, error) ||
      !read_size(*doc.find("output_size"), "output_size", 1, WL::kMaxOutput, &spec.output, error))
    return std::nullopt;

  const std::vector<ParamShape> shapes = param_shapes(spec);
  std::vector<std::string> names;
  for (const auto& s : shapes) names.push_back(s.name);
  const json::Value& params = *doc.find("params");
  const std::string which = std::string(" (") + cell_name(spec.cell) + ", " +
                            std::to_string(spec.layers) + " layer(s))";
  if (!params.is_object()) {
    *error = "params must be an object, got " + describe(params);
    return std::nullopt;
  }
  for (const auto& kv : params.as_object()) {
    bool known = false;
    for (const auto& n : names) known = known || n == kv.first;
    if (!known) {
      *error = "params has an unexpected parameter " + json::quote_clipped(kv.first) + which +
               "; expected names: " + join_names(names);
      return std::nullopt;
    }
  }
  // First pass validates everything, so a bad file allocates nothing big.
  for (const auto& s : shapes) {
    const json::Value* p = params.find(s.name);
    if (!p) {
      *error = "params is missing \"" + s.name + "\"" + which + "; expected names: " + join_names(names);
      return std::nullopt;
    }
    if (!read_param<S>(*p, s, nullptr, error)) return std::nullopt;
  }
  RnnStack<S> m(spec);
  for (size_t k = 0; k < shapes.size(); ++k)
    read_param<S>(*params.find(shapes[k].name), shapes[k], &m.params()[k].value, error);
  return m;
}

template <class S>
std::optional<RnnStack<S>> weights_from_text(std::string_view text, std::string* error,
                                          const json::Limits& limits) {
  json::Value doc;
  json::ParseError pe;
  if (!json::parse(text, &doc, &pe, limits)) {
    *error = "not valid JSON: " + pe.to_string();
    return std::nullopt;
  }
  return weights_from_json<S>(doc, error);
}

#define UNROLL_INSTANTIATE(S)                                                                \
  template void write_param_dict<S>(json::Writer&, const RnnStack<S>&, bool);                   \
  template std::string weights_to_json<S>(const RnnStack<S>&, const WeightsMeta*);                               \
  template std::optional<RnnStack<S>> weights_from_json<S>(const json::Value&, std::string*);   \
  template std::optional<RnnStack<S>> weights_from_text<S>(std::string_view, std::string*,      \
                                                        const json::Limits&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
