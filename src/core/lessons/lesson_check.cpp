#include "core/lessons/lesson_check.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/rnn/spectrum.h"

namespace unroll {
namespace {

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t k = 0;
  while (k < s.size()) {
    while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
    if (k == s.size()) break;
    // Operators split off even without spaces around them ("loss<0.1").
    const bool op = std::string_view("<>=!").find(s[k]) != std::string_view::npos;
    size_t e = k;
    while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])) &&
           (std::string_view("<>=!").find(s[e]) != std::string_view::npos) == op)
      ++e;
    out.emplace_back(s.substr(k, e - k));
    k = e;
  }
  return out;
}

bool parse_op(const std::string& w, CheckOp* op) {
  if (w == "<") *op = CheckOp::Less;
  else if (w == "<=") *op = CheckOp::LessEq;
  else if (w == ">") *op = CheckOp::Greater;
  else if (w == ">=") *op = CheckOp::GreaterEq;
  else if (w == "==") *op = CheckOp::Equal;
  else return false;
  return true;
}

const char* op_text(CheckOp op) {
  switch (op) {
    case CheckOp::Less: return "<";
    case CheckOp::LessEq: return "<=";
    case CheckOp::Greater: return ">";
    case CheckOp::GreaterEq: return ">=";
    case CheckOp::Equal: return "==";
  }
  return "?";
}

bool known_variable(const std::string& name) {
  for (const auto& v : check_variables())
    if (name == v.name) return true;
  return false;
}

std::string variable_list() {
  std::string s;
  for (const auto& v : check_variables()) s += (s.empty() ? "" : ", ") + std::string(v.name);
  return s;
}

// Mean of the last kCheckWindow entries of a series; nullopt if empty.
std::optional<double> recent_mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  const size_t n = std::min(v.size(), kCheckWindow);
  double sum = 0;
  for (size_t k = v.size() - n; k < v.size(); ++k) sum += v[k];
  return sum / double(n);
}

// ||dL/dh_t|| of the top layer in the last step, t = 1..T (empty if none).
const std::vector<double>* top_dh(const Experiment& exp) {
  const auto& d = exp.last().dh_norm;
  if (exp.steps_done() == 0 || d.empty() || d.back().empty()) return nullptr;
  return &d.back();
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3g", v);
  return b;
}

}  // namespace

const std::vector<CheckVariable>& check_variables() {
  static const std::vector<CheckVariable> vars = {
      {"step", "training steps done"},
      {"loss", "mean training loss over the last 20 steps"},
      {"metric", "mean task metric over the last 20 steps"},
      {"grad_norm", "mean global gradient norm (before clipping) over the last 20 steps"},
      {"clipped_fraction", "fraction of the last 20 steps whose gradient was clipped"},
      {"dh_first", "||dL/dh_1|| of the top layer in the last step"},
      {"dh_last", "||dL/dh_T|| of the top layer in the last step"},
      {"dh_ratio", "||dL/dh_1|| / ||dL/dh_T|| of the top layer in the last step"},
      {"spectral_radius", "largest |eigenvalue| of the first layer's W_hh (first gate block)"},
      {"forget_gate", "mean LSTM forget gate (first layer) on the probe sequences"},
      {"param_count", "number of trained parameters"},
      {"diverged", "1 if training stopped on a non-finite loss, else 0"},
  };
  return vars;
}

bool parse_check(std::string_view text, CheckExpr* out, std::string* error) {
  out->terms.clear();
  const std::vector<std::string> w = split_words(text);
  const std::string quoted = "'" + std::string(text) + "'";
  if (w.empty()) {
    *error = "The check is empty: write e.g. 'loss < 0.01' or 'step >= 100 and metric > 0.9'.";
    return false;
  }
  for (size_t k = 0; k < w.size();) {
    if (k > 0) {
      if (w[k] != "and") {
        *error = "In the check " + quoted + ", '" + w[k] + "' should be 'and' (terms are joined by 'and').";
        return false;
      }
      ++k;
    }
    if (k + 3 > w.size()) {
      *error = "The check " + quoted + " ends too early: each term is 'variable op number', "
               "e.g. 'loss < 0.01'.";
      return false;
    }
    CheckTerm t;
    t.var = w[k];
    if (!known_variable(t.var)) {
      *error = "The check " + quoted + " uses '" + t.var + "', which is not a check variable; allowed: " +
               variable_list() + ".";
      return false;
    }
    if (!parse_op(w[k + 1], &t.op)) {
      *error = "In the check " + quoted + ", '" + w[k + 1] + "' after '" + t.var +
               "' is not a comparison; allowed: <, <=, >, >=, ==.";
      return false;
    }
    const std::string& num = w[k + 2];
    char* end = nullptr;
    t.value = std::strtod(num.c_str(), &end);
    if (num.empty() || *end || !std::isfinite(t.value)) {
      *error = "In the check " + quoted + ", '" + num + "' is not a number (write e.g. 0.01, 1e-6, 100).";
      return false;
    }
    out->terms.push_back(t);
    k += 3;
  }
  return true;
}

std::optional<double> check_value(std::string_view var, Experiment& exp, const History& h) {
  if (var == "step") return double(exp.steps_done());
  if (var == "param_count") return double(exp.param_count());
  if (var == "diverged") return exp.diverged() ? 1.0 : 0.0;
  if (var == "spectral_radius") {
    if (exp.kind() != ModelKind::Recurrent) return std::nullopt;
    const Param<float>* w = nullptr;
    for (const auto& p : exp.params())
      if (p.name.find("weight_hh_l0") != std::string::npos) { w = &p; break; }
    if (!w) return std::nullopt;
    const Index H = w->value.cols();
    // The first gate block of W_hh: rows [0, H)   H x H
    const Mat<float> block = w->value.topRows(H);
    return spectral_radius(block);
  }
  if (var == "forget_gate") {
    if (exp.kind() != ModelKind::Recurrent || exp.spec().net.cell != CellKind::Lstm) return std::nullopt;
    const ProbeSnapshot p = exp.probe();
    if (p.gates.empty()) return std::nullopt;
    // LSTM gates of layer 1 are stacked [i;f;g;o]   4H x T*B: rows [H, 2H) are f.
    const Mat<float>& g = p.gates[0];
    const Index H = g.rows() / 4;
    return double(g.middleRows(H, H).mean());
  }
  if (exp.steps_done() == 0) return std::nullopt;  // the rest needs a trained step
  if (var == "loss") return recent_mean(h.loss);
  if (var == "metric") return recent_mean(h.metric);
  if (var == "grad_norm") return recent_mean(h.grad_norm);
  if (var == "clipped_fraction") {
    if (h.clipped.empty()) return std::nullopt;
    const size_t n = std::min(h.clipped.size(), kCheckWindow);
    size_t c = 0;
    for (size_t k = h.clipped.size() - n; k < h.clipped.size(); ++k) c += h.clipped[k] ? 1 : 0;
    return double(c) / double(n);
  }
  if (var == "dh_first" || var == "dh_last" || var == "dh_ratio") {
    const auto* d = top_dh(exp);
    if (!d) return std::nullopt;
    if (var == "dh_first") return d->front();
    if (var == "dh_last") return d->back();
    if (d->back() == 0) return std::nullopt;
    return d->front() / d->back();
  }
  return std::nullopt;
}

bool check_holds(const CheckExpr& expr, Experiment& exp, const History& h) {
  if (expr.empty()) return false;
  for (const CheckTerm& t : expr.terms) {
    const std::optional<double> v = check_value(t.var, exp, h);
    if (!v || !std::isfinite(*v)) return false;
    bool ok = false;
    switch (t.op) {
      case CheckOp::Less: ok = *v < t.value; break;
      case CheckOp::LessEq: ok = *v <= t.value; break;
      case CheckOp::Greater: ok = *v > t.value; break;
      case CheckOp::GreaterEq: ok = *v >= t.value; break;
      case CheckOp::Equal: ok = *v == t.value; break;
    }
    if (!ok) return false;
  }
  return true;
}

std::string check_report(const CheckExpr& expr, Experiment& exp, const History& h) {
  std::string s;
  for (const CheckTerm& t : expr.terms) {
    const std::optional<double> v = check_value(t.var, exp, h);
    s += (s.empty() ? "" : "; ") + t.var + " = " + (v ? fmt(*v) : std::string("-")) + " (" +
         op_text(t.op) + " " + fmt(t.value) + ")";
  }
  return s;
}

}  // namespace unroll
