// Dispatch to the cell kernels, plus the part of backward every cell shares:
// the weight gradients, done as whole-chunk matrix products after the
// per-step loop (one GEMM each instead of one per timestep).
#include "core/rnn/cells.h"
#include "core/kernels/bias_ops.h"
#include "core/kernels/gemm.h"

namespace unroll {

template <class S>
void cell_forward(CellKind kind, const Param<S>* p, const CRef<S>& x, Index t0,
                  Index t1, Index B, LayerCache<S>& cache) {
  switch (kind) {
    case CellKind::RnnTanh: return elman_forward<S>(false, p, x, t0, t1, B, cache);
    case CellKind::RnnRelu: return elman_forward<S>(true, p, x, t0, t1, B, cache);
    case CellKind::Lstm: return lstm_forward<S>(p, x, t0, t1, B, cache);
    case CellKind::Gru: return gru_forward<S>(p, x, t0, t1, B, cache);
  }
}

template <class S>
void cell_backward(CellKind kind, Param<S>* p, const CRef<S>& x, const CRef<S>& dy,
                   Index t0, Index t1, Index B, LayerCache<S>& cache, bool need_dx) {
  switch (kind) {
    case CellKind::RnnTanh: elman_backward<S>(false, p, dy, t0, t1, B, cache); break;
    case CellKind::RnnRelu: elman_backward<S>(true, p, dy, t0, t1, B, cache); break;
    case CellKind::Lstm: lstm_backward<S>(p, dy, t0, t1, B, cache); break;
    case CellKind::Gru: gru_backward<S>(p, dy, t0, t1, B, cache); break;
  }
  const Index n = (t1 - t0) * B;
  // Only GRU has a W_ih-side pre-activation gradient that differs from the
  // W_hh side (the n gate's r * (W_hn h + b_hn) term).
  const Mat<S>& dgi = kind == CellKind::Gru ? cache.dgi : cache.dgh;
  auto dgi_c = dgi.middleCols(t0 * B, n);          // gH x n
  auto dgh_c = cache.dgh.middleCols(t0 * B, n);    // gH x n
  auto x_c = x.middleCols(t0 * B, n);              // I x n
  auto hprev_c = cache.h.middleCols(t0 * B, n);    // H x n  (h_{t-1})
  // dW_ih += dG_i X^T      gH x I  =  (gH x n)(n x I)
  gemm<S>(dgi_c, Op::N, x_c, Op::T, p[kWih].grad, true);
  // dW_hh += dG_h H_prev^T gH x H  =  (gH x n)(n x H)
  gemm<S>(dgh_c, Op::N, hprev_c, Op::T, p[kWhh].grad, true);
  // db = sum over the chunk's columns                gH x 1
  add_row_sums<S>(dgi_c, p[kBih].grad.data());
  add_row_sums<S>(dgh_c, p[kBhh].grad.data());
  if (need_dx) {
    // dL/dx = W_ih^T dG_i   I x n  =  (I x gH)(gH x n)
    gemm<S>(p[kWih].value, Op::T, dgi_c, Op::N, cache.dx.middleCols(t0 * B, n), false);
  }
}

#define UNROLL_INSTANTIATE(S)                                                    \
  template void cell_forward<S>(CellKind, const Param<S>*, const CRef<S>&, Index,  \
                                Index, Index, LayerCache<S>&);                   \
  template void cell_backward<S>(CellKind, Param<S>*, const CRef<S>&,           \
                                 const CRef<S>&, Index, Index, Index,             \
                                 LayerCache<S>&, bool);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
