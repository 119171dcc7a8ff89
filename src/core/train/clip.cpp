#include "core/train/clip.h"

#include <cmath>

namespace unroll {

template <class S>
double global_grad_norm(const std::vector<Param<S>>& params) {
  double s = 0;
    // Summed in double: a float sum over ~1e5 entries could misjudge the
  // threshold by more than the float rounding of the scaled entries.
  for (const auto& p : params) s += p.grad.template cast<double>().squaredNorm();
  return std::sqrt(s);
}

template <class S>
ClipResult clip_gradients(std::vector<Param<S>>& params, ClipKind kind, double c) {
  ClipResult r;
  r.norm_before = global_grad_norm(params);
  r.norm_after = r.norm_before;
  if (kind == ClipKind::Norm && r.norm_before > c) {
    // PyTorch's c / (norm + 1e-6), shrunk by 1e-6 relative so that rounding
    // the scaled float entries can never push the applied norm above c.
    const S scale = S(c / (r.norm_before + 1e-6) * (1.0 - 1e-6));
    for (auto& p : params) p.grad *= scale;
    r.clipped = true;
    r.norm_after = global_grad_norm(params);
  } else if (kind == ClipKind::Value) {
    const S cs = S(c);
    for (auto& p : params) {
      if (p.grad.cwiseAbs().maxCoeff() > cs) {
        p.grad = p.grad.cwiseMax(-cs).cwiseMin(cs);
        r.clipped = true;
      }
    }
    if (r.clipped) r.norm_after = global_grad_norm(params);
  }
  return r;
}

template ClipResult clip_gradients<float>(std::vector<Param<float>>&, ClipKind, double);
template ClipResult clip_gradients<double>(std::vector<Param<double>>&, ClipKind, double);
template double global_grad_norm<float>(const std::vector<Param<float>>&);
template double global_grad_norm<double>(const std::vector<Param<double>>&);

}  // namespace unroll
