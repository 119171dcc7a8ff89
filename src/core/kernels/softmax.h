// Column softmax of attention scores and its backward, in place on a
// keys x queries block (each query's scores are one contiguous column).
#pragma once
#include "core/kernels/gemm.h"

namespace unroll {

// a(:, t) = softmax(scale * a(:, t)) over the keys each query sees: all of
// them, or with `causal` keys 0..t only (the others get exactly 0).
//   a: Tk x Tq
template <class S>
void softmax_columns(MatRef<S> a, S scale, bool causal);

// From the softmax output a and da = dL/da (overwritten), per column:
//   da = scale * a .* (da - a . da)      (gradient w.r.t. the raw scores)
//   a, da: Tk x Tq
template <class S>
void softmax_columns_backward(const CMatRef<S>& a, MatRef<S> da, S scale);

}  // namespace unroll
