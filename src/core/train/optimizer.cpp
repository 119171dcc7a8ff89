#include "core/train/optimizer.h"

#include <cmath>

namespace unroll {

template <class S>
Optimizer<S>::Optimizer(const std::vector<Param<S>>& params, const OptimSpec& spec) : spec_(spec) {
  for (const auto& p : params) {
    m1_.push_back(Mat<S>::Zero(p.value.rows(), p.value.cols()));
    m2_.push_back(Mat<S>::Zero(p.value.rows(), p.value.cols()));
  }
}

template <class S>
double Optimizer<S>::step(std::vector<Param<S>>& ps) {
  ++t_;
  const S lr = S(spec_.lr), wd = S(spec_.weight_decay), eps = S(spec_.eps);
  double delta2 = 0, w2 = 0;
  for (size_t k = 0; k < ps.size(); ++k) {
    auto w = ps[k].value.array();
    auto g = ps[k].grad.array();
    if (wd != S(0)) g += wd * w;  // L2 decay folded into the gradient, as PyTorch
    auto m1 = m1_[k].array();
    auto m2 = m2_[k].array();
    w2 += double(ps[k].value.squaredNorm());
    switch (spec_.kind) {
      case OptimKind::Sgd:
        delta2 += double((lr * g).matrix().squaredNorm());
        w -= lr * g;
        break;
      case OptimKind::Momentum: {
        // buf = mu * buf + g (buf = g on the first step); w -= lr * buf
        if (t_ == 1) m1 = g; else m1 = S(spec_.momentum) * m1 + g;
        delta2 += double((lr * m1).matrix().squaredNorm());
        w -= lr * m1;
        break;
      }
      case OptimKind::RmsProp: {
        const S a = S(spec_.rms_alpha);
        m2 = a * m2 + (S(1) - a) * g.square();
        delta2 += double((lr * g / (m2.sqrt() + eps)).matrix().squaredNorm());
        w -= lr * g / (m2.sqrt() + eps);
        break;
      }
      case OptimKind::Adam: {
        const S b1 = S(spec_.adam_beta1), b2 = S(spec_.adam_beta2);
        m1 = b1 * m1 + (S(1) - b1) * g;
        m2 = b2 * m2 + (S(1) - b2) * g.square();
        const S c1 = S(1 - std::pow(double(b1), double(t_)));
        const S c2 = S(1 - std::pow(double(b2), double(t_)));
        // w -= lr * m_hat / (sqrt(v_hat) + eps)
        auto upd = lr * (m1 / c1) / ((m2 / c2).sqrt() + eps);
        delta2 += double(upd.matrix().squaredNorm());
        w -= upd;
        break;
      }
    }
  }
  return w2 > 0 ? std::sqrt(delta2 / w2) : 0.0;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace unroll
