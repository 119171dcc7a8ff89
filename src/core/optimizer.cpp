#include "optimizer.h"

#include <cmath>

namespace unroll {

template <class S>
Optimizer<S>::Optimizer(const Model<S>& m, const OptimSpec& spec) : Optimizer(m.params(), spec) {}

template <class S>
Optimizer<S>::Optimizer(const std::vector<Param<S>>& params, const OptimSpec& spec) : spec_(spec) {
  for (const auto& p : params) {
    m1_.push_back(Mat<S>::Zero(p.value.rows(), p.value.cols()));
    m2_.push_back(Mat<S>::Zero(p.value.rows(), p.value.cols()));
  }
}

template <class S>
double Optimizer<S>::step(Model<S>& m) {
  return step(m.params());
}

// The updates are plain loops over each parameter's values: in wasm,
// Eigen's array expressions run scalar and were ~70x slower than native
// here; these loops vectorise (-msimd128 / SSE) and do the same per-element
// arithmetic in the same order as PyTorch's formulas.
template <class S>
double Optimizer<S>::step(std::vector<Param<S>>& ps) {
  ++t_;
  const S lr = S(spec_.lr), wd = S(spec_.weight_decay), eps = S(spec_.eps);
  double delta2 = 0, w2 = 0;
  for (size_t k = 0; k < ps.size(); ++k) {
    S* w = ps[k].value.data();
    S* g = ps[k].grad.data();
    S* m1 = m1_[k].data();
    S* m2 = m2_[k].data();
    const Index n = ps[k].value.size();
    // L2 decay folded into the gradient, as PyTorch
    if (wd != S(0))
      for (Index j = 0; j < n; ++j) g[j] += wd * w[j];
    S w2_k = 0, d2_k = 0;  // this parameter's ||w||^2 (before) and ||delta w||^2
    for (Index j = 0; j < n; ++j) w2_k += w[j] * w[j];
    switch (spec_.kind) {
      case OptimKind::Sgd:
        for (Index j = 0; j < n; ++j) {
          const S d = lr * g[j];
          d2_k += d * d;
          w[j] -= d;
        }
        break;
      case OptimKind::Momentum: {
        // buf = mu * buf + g (buf = g on the first step); w -= lr * buf
        const S mu = S(spec_.momentum);
        for (Index j = 0; j < n; ++j) {
          m1[j] = t_ == 1 ? g[j] : mu * m1[j] + g[j];
          const S d = lr * m1[j];
          d2_k += d * d;
          w[j] -= d;
        }
        break;
      }
      case OptimKind::RmsProp: {
        const S a = S(spec_.rms_alpha);
        for (Index j = 0; j < n; ++j) {
          m2[j] = a * m2[j] + (S(1) - a) * (g[j] * g[j]);
          const S d = lr * g[j] / (std::sqrt(m2[j]) + eps);
          d2_k += d * d;
          w[j] -= d;
        }
        break;
      }
      case OptimKind::Adam: {
        const S b1 = S(spec_.adam_beta1), b2 = S(spec_.adam_beta2);
        const S c1 = S(1 - std::pow(double(b1), double(t_)));
        const S c2 = S(1 - std::pow(double(b2), double(t_)));
        for (Index j = 0; j < n; ++j) {
          m1[j] = b1 * m1[j] + (S(1) - b1) * g[j];
          m2[j] = b2 * m2[j] + (S(1) - b2) * (g[j] * g[j]);
          // w -= lr * m_hat / (sqrt(v_hat) + eps)
          const S d = lr * (m1[j] / c1) / (std::sqrt(m2[j] / c2) + eps);
          d2_k += d * d;
          w[j] -= d;
        }
        break;
      }
    }
    w2 += double(w2_k);
    delta2 += double(d2_k);
  }
  return w2 > 0 ? std::sqrt(delta2 / w2) : 0.0;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace unroll
