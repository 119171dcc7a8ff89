#include "core/io/batch_io.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace unroll {

namespace {

std::string idx(const std::string& name, size_t t) { return name + "[" + std::to_string(t) + "]"; }

std::string describe(const json::Value& v) {
  if (v.is_number()) return json::format_double(v.as_number());
  if (v.is_string()) return json::quote_clipped(v.as_string(), 64);
  return json::type_name(v.type());
}

// `v` (called `where`) must be an array of exactly `n` elements; n = 0
// means "any non-empty length" (the first array fixes T or B).
bool array_of(const json::Value& v, const std::string& where, size_t n, const std::string& what,
              const std::string& why, std::string* error) {
  if (!v.is_array()) {
    *error = where + " must be an array of " + what + ", got " + describe(v);
    return false;
  }
  const size_t got = v.as_array().size();
  if (n == 0 && got == 0) {
    *error = where + " is empty: it needs at least one " + what.substr(0, what.size() - 1);
    return false;
  }
  if (n != 0 && got != n) {
    *error = where + " has " + std::to_string(got) + " " + what + ", expected " + std::to_string(n) +
             " (" + why + ")";
    return false;
  }
  return true;
}

// A [T][B][F] nested array into the F x T*B matrix (column t*B + b).
template <class S>
bool read_sequences(const json::Value& v, const std::string& name, size_t* T, size_t* B, size_t F,
                    const std::string& f_what, Mat<S>* out, std::string* error) {
  if (!array_of(v, name, *T, "timesteps", "as many as x", error)) return false;
  *T = v.as_array().size();
  for (size_t t = 0; t < *T; ++t) {
    const json::Value& step = v.as_array()[t];
    const std::string at = idx(name, t);
    if (!array_of(step, at, *B, "sequences", *B ? "the batch size of x[0]" : "", error)) return false;
    *B = step.as_array().size();
    if (t == 0) out->setZero(Index(F), Index(*T * *B));
    for (size_t b = 0; b < *B; ++b) {
      const json::Value& vec = step.as_array()[b];
      const std::string at2 = idx(at, b);
      if (!array_of(vec, at2, F, "numbers", f_what, error)) return false;
      for (size_t f = 0; f < F; ++f) {
        const json::Value& num = vec.as_array()[f];
        if (!num.is_number()) {
          *error = idx(at2, f) + " must be a number, got " + describe(num);
          return false;
        }
        const S x = S(num.as_number());
        if (!std::isfinite(x)) {
          *error = idx(at2, f) + " = " + describe(num) + " is not a finite " +
                   (std::is_same_v<S, float> ? "float32" : "float64") + " number";
          return false;
        }
        (*out)(Index(f), Index(t * *B + b)) = x;
      }
    }
  }
  return true;
}

bool exact_keys(const json::Value& doc, const std::vector<std::string>& allowed,
                const std::string& loss, std::string* error) {
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  for (const auto& kv : doc.as_object()) {
    bool known = false;
    for (const auto& a : allowed) known = known || kv.first == a;
    if (!known) {
      *error = "the batch file has an unknown field " + json::quote_clipped(kv.first) + "; with loss \"" +
               loss + "\" the fields are: " + list;
      return false;
    }
  }
  for (const auto& a : allowed)
    if (!doc.find(a)) {
      *error = "the batch file is missing the field \"" + a + "\" (needed with loss \"" + loss + "\")";
      return false;
    }
  return true;
}

}  // namespace

template <class S>
std::optional<Batch<S>> batch_from_json(const json::Value& doc, const RnnSpec& spec,
                                        std::string* error) {
  if (!doc.is_object()) {
    *error = "the batch file must be an object {\"loss\": ..., \"x\": ..., ...}, got " + describe(doc);
    return std::nullopt;
  }
  const json::Value* loss = doc.find("loss");
  if (!loss) {
    *error = "the batch file is missing the field \"loss\" (\"mse\" or \"xent\")";
    return std::nullopt;
  }
  LossKind kind;
  if (loss->is_string() && loss->as_string() == "mse") kind = LossKind::Mse;
  else if (loss->is_string() && loss->as_string() == "xent") kind = LossKind::Xent;
  else {
    *error = "loss is " + describe(*loss) + ", expected \"mse\" or \"xent\"";
    return std::nullopt;
  }
  const bool mse = kind == LossKind::Mse;
  if (!exact_keys(doc, mse ? std::vector<std::string>{"loss", "x", "y"}
                           : std::vector<std::string>{"loss", "x", "targets"},
                  loss->as_string(), error))
    return std::nullopt;

  size_t T = 0, B = 0;
  Mat<S> x;
  const std::string i_why = "input_size " + std::to_string(spec.input) + " from the weights";
  if (!read_sequences<S>(*doc.find("x"), "x", &T, &B, size_t(spec.input), i_why, &x, error))
    return std::nullopt;
  Batch<S> batch;
  batch.resize(Index(T), Index(B), spec.input, spec.output, kind);
  batch.x = std::move(x);
  std::fill(batch.weight.begin(), batch.weight.end(), S(1));  // every step counts

  if (mse) {
    const std::string o_why = "output_size " + std::to_string(spec.output) + " from the weights";
    if (!read_sequences<S>(*doc.find("y"), "y", &T, &B, size_t(spec.output), o_why, &batch.y, error))
      return std::nullopt;
    return batch;
  }
  // targets: [T][B] class indices in 0..O-1
  const json::Value& tg = *doc.find("targets");
  if (!array_of(tg, "targets", T, "timesteps", "as many as x", error)) return std::nullopt;
  for (size_t t = 0; t < T; ++t) {
    const json::Value& step = tg.as_array()[t];
    const std::string at = idx("targets", t);
    if (!array_of(step, at, B, "sequences", "the batch size of x", error)) return std::nullopt;
    for (size_t b = 0; b < B; ++b) {
      const json::Value& k = step.as_array()[b];
      const double d = k.is_number() ? k.as_number() : -1;
      if (!k.is_number() || d != std::floor(d) || d < 0 || d >= double(spec.output)) {
        *error = idx(at, b) + " is " + describe(k) + ", expected a class index in 0.." +
                 std::to_string(spec.output - 1) + " (output_size " + std::to_string(spec.output) +
                 " from the weights)";
        return std::nullopt;
      }
      batch.target[t * B + b] = int(d);
    }
  }
  return batch;
}

template std::optional<Batch<float>> batch_from_json<float>(const json::Value&, const RnnSpec&,
                                                            std::string*);
template std::optional<Batch<double>> batch_from_json<double>(const json::Value&, const RnnSpec&,
                                                              std::string*);

}  // namespace unroll
