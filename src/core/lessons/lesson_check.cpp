#include "core/lessons/lesson_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/rnn/spectrum.h"

namespace unroll {
namespace {

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
