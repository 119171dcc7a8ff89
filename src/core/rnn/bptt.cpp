#include "core/rnn/bptt.h"

#include "core/kernels/bias_ops.h"
#include "core/rnn/cells.h"
#include "core/kernels/gemm.h"

namespace unroll {

template <class S>
CRef<S> layer_input(const CRef<S>& x, const RnnWorkspace<S>& ws, Index l) {
  if (l == 0) return x;
  // h blocks 1..T of the layer below are h_0..h_{T-1}   H x T*B
  const Mat<S>& h = ws.layers[size_t(l - 1)].h;
  return h.rightCols(ws.T * ws.B);
}

template <class S>
void forward_chunk(const RnnStack<S>& m, const CRef<S>& x, Index t0, Index t1,
                   RnnWorkspace<S>& ws) {
  const Index L = m.spec().layers, B = ws.B, n = (t1 - t0) * B;
  for (Index l = 0; l < L; ++l)
    cell_forward<S>(m.spec().cell, &m.lp(l, kWih), layer_input(x, ws, l), t0, t1, B,
                 ws.layers[size_t(l)]);
  // Y = W_o H_top + b_o     O x n = (O x H)(H x n)
  auto y = ws.out.middleCols(t0 * B, n);
  gemm<S>(m.head_w().value, Op::N, ws.layers.back().h.middleCols((t0 + 1) * B, n), Op::N, y, false);
  add_to_columns<S>(y, m.head_b().value.data());
}

template <class S>
void backward_chunk(RnnStack<S>& m, const CRef<S>& x, Index t0, Index t1, RnnWorkspace<S>& ws) {
  const Index L = m.spec().layers, B = ws.B, n = (t1 - t0) * B;
  auto dy = ws.dout.middleCols(t0 * B, n);                          // O x n
  auto h_top = ws.layers.back().h.middleCols((t0 + 1) * B, n);      // H x n
  // dW_o += dY H^T   O x H = (O x n)(n x H);   db_o += row sums of dY
  gemm<S>(dy, Op::N, h_top, Op::T, m.head_w().grad, true);
  add_row_sums<S>(dy, m.head_b().grad.data());
  // dH_top = W_o^T dY   H x n = (H x O)(O x n)
  gemm<S>(m.head_w().value, Op::T, dy, Op::N, ws.dtop.middleCols(t0 * B, n), false);
  for (Index l = L - 1; l >= 0; --l) {
    const Mat<S>& dh_above = l == L - 1 ? ws.dtop : ws.layers[size_t(l + 1)].dx;
    // Layer 0's dL/dx is not needed: inputs are data.
    cell_backward<S>(m.spec().cell, &m.lp(l, kWih), layer_input(x, ws, l), dh_above, t0, t1,
                  B, ws.layers[size_t(l)], /*need_dx=*/l > 0);
  }
}

template <class S>
void forward(const RnnStack<S>& m, const CRef<S>& x, RnnWorkspace<S>& ws) {
  ws.reset_state();
  forward_chunk(m, x, 0, ws.T, ws);
}

#define UNROLL_INSTANTIATE(S)                                                          \
  template CRef<S> layer_input<S>(const CRef<S>&, const RnnWorkspace<S>&, Index);          \
  template void forward_chunk<S>(const RnnStack<S>&, const CRef<S>&, Index, Index,          \
                                 RnnWorkspace<S>&);                                        \
  template void backward_chunk<S>(RnnStack<S>&, const CRef<S>&, Index, Index, RnnWorkspace<S>&); \
  template void forward<S>(const RnnStack<S>&, const CRef<S>&, RnnWorkspace<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
