// LSTM cell, torch.nn.LSTM (gate rows i, f, g, o):
//   [i; f; g; o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
//   i, f, o = sigmoid(.), g = tanh(.)
//   c_t = f * c_{t-1} + i * g          h_t = o * tanh(c_t)
#include <type_traits>

#include "core/kernels/bias_ops.h"
#include "core/rnn/cells.h"
#include "core/kernels/gate_kernels.h"
#include "core/kernels/gemm.h"
#include "core/kernels/grad_accumulate.h"

namespace unroll {

template <class S>
void lstm_forward(const Param<S>* p, const CRef<S>& x, Index t0, Index t1, Index B,
                  LayerCache<S>& cache) {
  const Mat<S>& w_hh = p[kWhh].value;  // 4H x H
  const Index H = w_hh.cols();
  const Index n = (t1 - t0) * B;
  // G_i = W_ih X + (b_ih + b_hh)   4H x n = (4H x I)(I x n)
  auto gi = cache.gi.middleCols(t0 * B, n);
  gemm<S>(p[kWih].value, Op::N, x.middleCols(t0 * B, n), Op::N, gi, false);
  // b_ih + b_hh summed once (in the free per-step scratch), then one pass   gH x 1
  auto bias = cache.scratch.col(0);
  bias = p[kBih].value.col(0) + p[kBhh].value.col(0);
  add_to_columns<S>(gi, bias.data());
  cache.w_hh_packed.pack(w_hh, Op::N);  // once for every step of the chunk
  for (Index t = t0; t < t1; ++t) {
    auto a = cache.act.middleCols(t * B, B);  // 4H x B
    // pre-activations of all four gates in one product: 4H x B = (4H x H)(H x B)
    gemm<S>(cache.w_hh_packed, cache.h.middleCols(t * B, B), a, false);
    if constexpr (std::is_same_v<S, float>) {
      // The vectorised fused pass (gate_kernels.h): same equations as below.
      lstm_gates_forward(a.data(), gi.middleCols((t - t0) * B, B).data(),
                         cache.c.middleCols(t * B, B).data(),
                         cache.c.middleCols((t + 1) * B, B).data(),
                         cache.tanh_c.middleCols(t * B, B).data(),
                         cache.h.middleCols((t + 1) * B, B).data(), H, B);
      continue;
    }
    a += gi.middleCols((t - t0) * B, B);
    // i, f: rows 0..2H; g: 2H..3H; o: 3H..4H
    a.topRows(2 * H) = a.topRows(2 * H).array().logistic().matrix();
    a.middleRows(2 * H, H) = a.middleRows(2 * H, H).array().tanh().matrix();
    a.bottomRows(H) = a.bottomRows(H).array().logistic().matrix();
    auto i = a.topRows(H).array();
    auto f = a.middleRows(H, H).array();
    auto g = a.middleRows(2 * H, H).array();
    auto o = a.bottomRows(H).array();
    auto c_prev = cache.c.middleCols(t * B, B).array();       // H x B
    auto c = cache.c.middleCols((t + 1) * B, B).array();      // H x B
    auto tc = cache.tanh_c.middleCols(t * B, B).array();      // H x B
    c = f * c_prev + i * g;
    tc = c.tanh();
    cache.h.middleCols((t + 1) * B, B) = (o * tc).matrix();
  }
}

template <class S>
void lstm_backward(Param<S>* p, const CRef<S>& dy, Index t0, Index t1, Index B,
                   LayerCache<S>& cache) {
  const Mat<S>& w_hh = p[kWhh].value;  // 4H x H
  const Index H = w_hh.cols();
  cache.dc.setZero();  // no cell-state gradient flows in from t1 (the cut)
  cache.w_hh_packed.pack(w_hh, Op::T);  // W_hh^T, once for every step
  for (Index t = t1 - 1; t >= t0; --t) {
    auto dh = cache.dh.middleCols(t * B, B);  // H x B
    // dL/dh_t = W_hh^T dA_{t+1} + dy_t     H x B = (H x 4H)(4H x B)
    if (t + 1 < t1) gemm<S>(cache.w_hh_packed, cache.dgh.middleCols((t + 1) * B, B), dh, false);
    else dh.setZero();
    const double dh_norm = add_and_norm<S>(dh, dy.middleCols(t * B, B), cache.record_dh_norm);
    if (cache.record_dh_norm) cache.dh_norm[size_t(t)] = dh_norm;

    if constexpr (std::is_same_v<S, float>) {
      lstm_gates_backward(cache.act.middleCols(t * B, B).data(),
                          cache.tanh_c.middleCols(t * B, B).data(),
                          cache.c.middleCols(t * B, B).data(), dh.data(), cache.dc.data(),
                          cache.dgh.middleCols(t * B, B).data(), H, B);
      continue;
    }
    auto a = cache.act.middleCols(t * B, B);
    auto i = a.topRows(H).array();
    auto f = a.middleRows(H, H).array();
    auto g = a.middleRows(2 * H, H).array();
    auto o = a.bottomRows(H).array();
    auto tc = cache.tanh_c.middleCols(t * B, B).array();
    auto c_prev = cache.c.middleCols(t * B, B).array();
    auto dc = cache.dc.array();  // in: from t+1 (already times f_{t+1}); out: dL/dc_t
    auto dhh = dh.array();
    dc += dhh * o * (S(1) - tc.square());
    auto da = cache.dgh.middleCols(t * B, B);  // 4H x B
    da.topRows(H) = (dc * g * i * (S(1) - i)).matrix();
    da.middleRows(H, H) = (dc * c_prev * f * (S(1) - f)).matrix();
    da.middleRows(2 * H, H) = (dc * i * (S(1) - g.square())).matrix();
    da.bottomRows(H) = (dhh * tc * o * (S(1) - o)).matrix();
    dc *= f;  // what flows on to c_{t-1}
  }
}

#define UNROLL_INSTANTIATE(S)                                                         \
  template void lstm_forward<S>(const Param<S>*, const CRef<S>&, Index, Index, Index,   \
                                LayerCache<S>&);                                      \
  template void lstm_backward<S>(Param<S>*, const CRef<S>&, Index, Index, Index,        \
                                 LayerCache<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
