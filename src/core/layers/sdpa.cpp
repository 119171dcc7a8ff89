// See sdpa.h.
#include "core/layers/sdpa.h"

#include <cmath>

#include "core/kernels/softmax.h"

namespace unroll {

template <class S>
void sdpa_forward(const CMatRef<S>& q, const CMatRef<S>& k, const CMatRef<S>& v, bool causal,
                  MatRef<S> a, MatRef<S> c) {
  const S scale = S(1) / std::sqrt(S(q.rows()));
  // scores K^T Q     Tk x Tq = (Tk x dk)(dk x Tq)
  gemm<S>(k, Op::T, q, Op::N, a, false);
  // A = softmax over keys of scale * scores (in place)    Tk x Tq
  softmax_columns<S>(a, scale, causal);
  // C = V A     dv x Tq = (dv x Tk)(Tk x Tq)
  gemm<S>(v, Op::N, a, Op::N, c, false);
}

template <class S>
void sdpa_backward(const CMatRef<S>& q, const CMatRef<S>& k, const CMatRef<S>& v,
                   const CMatRef<S>& a, const CMatRef<S>& dc, MatRef<S> scratch, MatRef<S> dq,
                   MatRef<S> dk, MatRef<S> dv, bool accumulate) {
  const S scale = S(1) / std::sqrt(S(q.rows()));
  // dV (+)= dC A^T     dv x Tk = (dv x Tq)(Tq x Tk)
  gemm<S>(dc, Op::N, a, Op::T, dv, accumulate);
  // dA = V^T dC      Tk x Tq = (Tk x dv)(dv x Tq)
  gemm<S>(v, Op::T, dc, Op::N, scratch, false);
  // softmax backward per column: dS = scale * A .* (dA - A . dA)    Tk x Tq
  softmax_columns_backward<S>(a, scratch, scale);
  // dQ (+)= K dS       dk x Tq = (dk x Tk)(Tk x Tq)
  gemm<S>(k, Op::N, scratch, Op::N, dq, accumulate);
  // dK (+)= Q dS^T     dk x Tk = (dk x Tq)(Tq x Tk)
  gemm<S>(q, Op::N, scratch, Op::T, dk, accumulate);
}

#define UNROLL_INSTANTIATE(S)                                                                  \
  template void sdpa_forward<S>(const CMatRef<S>&, const CMatRef<S>&, const CMatRef<S>&, bool, \
                                MatRef<S>, MatRef<S>);                                         \
  template void sdpa_backward<S>(const CMatRef<S>&, const CMatRef<S>&, const CMatRef<S>&,      \
                                 const CMatRef<S>&, const CMatRef<S>&, MatRef<S>, MatRef<S>,   \
                                 MatRef<S>, MatRef<S>, bool);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
