#include "grad_transformer_layer.h"

#include <cmath>

#include "core/layers/loss.h"
#include "core/layers/transformer_block.h"

namespace unroll::cli {
namespace {

constexpr Index kMaxDim = 1024, kMaxSteps = 4096;

bool read_int(const json::Value& doc, const char* key, Index lo, Index hi, Index* out,
              std::string* error) {
  const json::Value* v = doc.find(key);
  if (!v || !v->is_number() || v->as_number() != std::floor(v->as_number()) ||
      v->as_number() < double(lo) || v->as_number() > double(hi)) {
    *error = std::string("\"") + key + "\" must be a whole number from " + std::to_string(lo) +
             " to " + std::to_string(hi);
    return false;
  }
  *out = Index(v->as_number());
  return true;
}

// {"shape": [r, c] or [r], "data": [...] row-major} -> value (r x c or r x 1).
template <class S>
bool read_tensor(const json::Value* t, const std::string& name, Mat<S>& value,
                 std::string* error) {
  const Index r = value.rows(), c = value.cols();
  const bool vec = c == 1;  // biases and LayerNorm gains are 1-D in PyTorch
  const std::string want = vec ? "[" + std::to_string(r) + "]"
                               : "[" + std::to_string(r) + ", " + std::to_string(c) + "]";
  if (!t || !t->is_object()) {
    *error = "params: \"" + name + "\" is missing (shape " + want + ")";
    return false;
  }
  const json::Value* shape = t->find("shape");
  const json::Value* data = t->find("data");
  bool ok = shape && shape->is_array() && shape->as_array().size() == (vec ? 1u : 2u);
  if (ok) {
    const auto& s = shape->as_array();
    ok = s[0].is_number() && s[0].as_number() == double(r) &&
         (vec || (s[1].is_number() && s[1].as_number() == double(c)));
  }
  if (!ok) {
    *error = "params: \"" + name + "\" must have shape " + want;
    return false;
  }
  if (!data || !data->is_array() || Index(data->as_array().size()) != r * c) {
    *error = "params: \"" + name + "\" needs \"data\" with " + std::to_string(r * c) + " numbers";
    return false;
  }
  const auto& d = data->as_array();
  for (Index i = 0; i < r; ++i)
    for (Index j = 0; j < c; ++j) {
      const json::Value& x = d[size_t(i * c + j)];
      if (!x.is_number()) {
        *error = "params: \"" + name + "\" data[" + std::to_string(i * c + j) + "] is not a number";
        return false;
      }
      value(i, j) = S(x.as_number());
    }
  return true;
}

// [T][B][d] -> d x T*B (column t*B+b).
template <class S>
bool read_seq(const json::Value* v, const char* key, Index d, Index* T, Index* B, Mat<S>& m,
              std::string* error) {
  auto bad = [&](const std::string& what) {
    *error = std::string("batch \"") + key + "\"" + what;
    return false;
  };
  if (!v || !v->is_array() || v->as_array().empty() || Index(v->as_array().size()) > kMaxSteps)
    return bad(" must be a non-empty array [T][B][d] with T <= " + std::to_string(kMaxSteps));
  const auto& ts = v->as_array();
  const Index t_n = Index(ts.size());
  if (!ts[0].is_array() || ts[0].as_array().empty()) return bad("[0] must be a non-empty array [B][d]");
  const Index b_n = Index(ts[0].as_array().size());
  if (*T && (t_n != *T || b_n != *B)) return bad(" must have the same T and B as \"x\"");
  m.resize(d, t_n * b_n);
  for (Index t = 0; t < t_n; ++t) {
    if (!ts[size_t(t)].is_array() || Index(ts[size_t(t)].as_array().size()) != b_n)
      return bad("[" + std::to_string(t) + "] must hold " + std::to_string(b_n) + " rows");
    for (Index b = 0; b < b_n; ++b) {
      const json::Value& row = ts[size_t(t)].as_array()[size_t(b)];
      if (!row.is_array() || Index(row.as_array().size()) != d)
        return bad("[" + std::to_string(t) + "][" + std::to_string(b) + "] must hold d_model = " +
                   std::to_string(d) + " numbers");
      for (Index k = 0; k < d; ++k) {
        const json::Value& x = row.as_array()[size_t(k)];
        if (!x.is_number())
          return bad("[" + std::to_string(t) + "][" + std::to_string(b) + "][" + std::to_string(k) +
                     "] is not a number");
        m(k, t * b_n + b) = S(x.as_number());
      }
    }
  }
  *T = t_n;
  *B = b_n;
  return true;
}

template <class S>
void write_tensor(json::Writer& w, const Mat<S>& m, bool vec) {
  w.begin_object();
  w.key("shape");
  w.begin_array();
  w.number(double(m.rows()));
  if (!vec) w.number(double(m.cols()));
  w.end_array();
  w.key("data");
  w.begin_array();
  for (Index i = 0; i < m.rows(); ++i)
    for (Index j = 0; j < m.cols(); ++j) {
      if constexpr (std::is_same_v<S, float>) w.number_f32(m(i, j));
      else w.number(m(i, j));
    }
  w.end_array();
  w.end_object();
}

}  // namespace

bool is_transformer_layer_doc(const json::Value& weights) {
  const json::Value* a = weights.is_object() ? weights.find("arch") : nullptr;
  return a && a->is_string() && a->as_string() == "transformer_encoder_layer";
}

template <class S>
bool grad_transformer_layer(const json::Value& wdoc, const json::Value& bdoc, std::string* out,
                            std::string* error) {
  Index d = 0, heads = 0, ff = 0;
  if (!read_int(wdoc, "d_model", 1, kMaxDim, &d, error) ||
      !read_int(wdoc, "nhead", 1, kMaxDim, &heads, error) ||
      !read_int(wdoc, "dim_feedforward", 1, 8 * kMaxDim, &ff, error))
    return false;
  if (d % heads != 0) {
    *error = "d_model (" + std::to_string(d) + ") must be a multiple of nhead (" +
             std::to_string(heads) + ")";
    return false;
  }
  ParamList<S> P;
  const EncoderLayerRef r = add_encoder_layer(P, "", d, heads, ff);
  const json::Value* params = wdoc.find("params");
  if (!params || !params->is_object()) {
    *error = "\"params\" must be an object of PyTorch-named tensors";
    return false;
  }
  for (const auto& kv : params->as_object()) {
    bool known = false;
    for (const auto& p : P) known = known || p.name == kv.first;
    if (!known) {
      std::string names;
      for (const auto& p : P) names += (names.empty() ? "" : ", ") + p.name;
      *error = "params: unknown tensor \"" + kv.first + "\"; a TransformerEncoderLayer has " + names;
      return false;
    }
  }
  for (auto& p : P)
    if (!read_tensor(params->find(p.name), p.name, p.value, error)) return false;

  const json::Value* loss = bdoc.is_object() ? bdoc.find("loss") : nullptr;
  if (!loss || !loss->is_string() || loss->as_string() != "mse") {
    *error = "batch \"loss\" must be \"mse\" for a transformer_encoder_layer (MSE on the layer output)";
    return false;
  }
  Index T = 0, B = 0;
  Mat<S> x, y;
  if (!read_seq(bdoc.find("x"), "x", d, &T, &B, x, error) ||
      !read_seq(bdoc.find("y"), "y", d, &T, &B, y, error))
    return false;

  // forward: out = layer(x); loss = mean over all T*B*d of (out - y)^2
  BlockCache<S> cache;
  Mat<S> o, dx;
  encoder_layer_forward(P, r, x, B, /*causal=*/false, cache, o);
  Batch<S> batch;
  batch.resize(T, B, d, d, LossKind::Mse);
  batch.y = y;
  std::fill(batch.weight.begin(), batch.weight.end(), S(1));
  Mat<S> dout(d, T * B);
  const double N = double(T * B);
  const double L = loss_chunk(batch, o, 0, T, 1.0 / N, dout) / N;
  encoder_layer_backward(P, r, x, dout, cache, dx);
  if (!std::isfinite(L) || !dx.allFinite()) {
    *error = "the loss or gradient is not finite: the weights or inputs overflow";
    return false;
  }

  json::Writer w;
  w.begin_object();
  w.key("loss");
  w.number(L);
  w.newline();
  w.key("grads");
  w.begin_object();
  for (const auto& p : P) {
    w.key(p.name);
    write_tensor(w, p.grad, p.grad.cols() == 1);
    w.newline();
  }
  // dL/dx as [T, B, d]: row t*B+b of dx^T
  w.key("input");
  w.begin_object();
  w.key("shape");
  w.begin_array();
  w.number(double(T));
  w.number(double(B));
  w.number(double(d));
  w.end_array();
  w.key("data");
  w.begin_array();
  for (Index c = 0; c < T * B; ++c)
    for (Index k = 0; k < d; ++k) {
      if constexpr (std::is_same_v<S, float>) w.number_f32(dx(k, c));
      else w.number(dx(k, c));
    }
  w.end_array();
  w.end_object();
  w.end_object();
  w.end_object();
  *out = w.str() + "\n";
  return true;
}

template bool grad_transformer_layer<float>(const json::Value&, const json::Value&, std::string*,
                                            std::string*);
template bool grad_transformer_layer<double>(const json::Value&, const json::Value&, std::string*,
                                             std::string*);

}  // namespace unroll::cli
