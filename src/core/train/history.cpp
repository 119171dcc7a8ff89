#include "core/train/history.h"

#include <cmath>

namespace unroll {
namespace {

template <class V>
void drop_odd(V& v) {
  size_t w = 0;
  for (size_t r = 0; r < v.size(); r += 2) v[w++] = v[r];
  v.resize(w);
}

}  // namespace

void History::clear() {
  *this = History();
}

bool History::operator==(const History& o) const {
  return step == o.step && loss == o.loss && metric == o.metric && grad_norm == o.grad_norm &&
         applied_norm == o.applied_norm && update_ratio == o.update_ratio && clipped == o.clipped &&
         dh_columns == o.dh_columns && dh_steps == o.dh_steps && stride_ == o.stride_ &&
         dh_stride_ == o.dh_stride_;
}

History::Kept History::add(const StepStats& s) {
  Kept kept;
  if (s.step % stride_ == 0 || step.empty()) {
    kept.row = true;
    step.push_back(double(s.step));
    loss.push_back(s.loss);
    metric.push_back(s.metric);
    grad_norm.push_back(s.clip.norm_before);
    applied_norm.push_back(s.clip.norm_after);
    update_ratio.push_back(s.update_ratio);
    clipped.push_back(s.clip.clipped ? 1 : 0);
    if (step.size() >= kMaxPoints) {
      for (auto* v : {&step, &loss, &metric, &grad_norm, &applied_norm, &update_ratio}) drop_odd(*v);
      drop_odd(clipped);
      stride_ *= 2;
    }
  }
  if (!s.dh_norm.empty() && s.step % dh_stride_ == 0) {
    kept.dh = true;
    const auto& top = s.dh_norm.back();
    dh_columns.emplace_back(top.begin(), top.end());
    dh_steps.push_back(s.step);
    if (dh_columns.size() >= kMaxColumns) {
      drop_odd(dh_columns);
      drop_odd(dh_steps);
      dh_stride_ *= 2;
    }
  }
  return kept;
}

std::vector<double> smooth(const std::vector<double>& v, double alpha) {
  std::vector<double> out(v.size());
  double acc = 0;
  bool started = false;
  for (size_t k = 0; k < v.size(); ++k) {
    if (!std::isfinite(v[k])) { out[k] = v[k]; continue; }
    acc = started ? alpha * acc + (1 - alpha) * v[k] : v[k];
    started = true;
    out[k] = acc;
  }
  return out;
}

}  // namespace unroll
