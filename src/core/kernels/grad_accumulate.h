// dL/dh_t += dL/dy_t (what the head or the layer above sends down) and its
// norm for the gradient-flow probe, in one vectorised pass per timestep.
// As Eigen expressions these two lines ran scalar in wasm (Eigen has no
// wasm SIMD path): ~6% of an Elman H=64 training step in Chromium.
#pragma once
#include "core/kernels/gemm.h"

namespace unroll {

// dh += dy (both H x B column blocks), then ||dh|| (Frobenius) when
// want_norm, else 0. Same summation order on every run.
template <class S>
double add_and_norm(MatRef<S> dh, const CMatRef<S>& dy, bool want_norm);

}  // namespace unroll
