// Gradient clipping, as torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
#pragma once
#include <vector>

#include "core/tensor/param.h"

namespace unroll {

enum class ClipKind { Off, Norm, Value };

struct ClipResult {
  double norm_before = 0;  // global L2 norm of all gradients before clipping
  double norm_after = 0;   // ... and after (the norm actually applied)
  bool clipped = false;    // true if clipping changed anything
};

// Norm: if the global norm exceeds c, scale every gradient by c/(norm+1e-6)
// (direction kept, magnitude limited; PyTorch's formula). Value: clamp each
// entry to [-c, c] (direction may change). Off: only measures.
template <class S>
ClipResult clip_gradients(std::vector<Param<S>>& params, ClipKind kind, double c);
template <class S>
double global_grad_norm(const std::vector<Param<S>>& params);

}  // namespace unroll
