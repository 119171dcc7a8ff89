// Elman cell, torch.nn.RNN:  h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
// with act = tanh or relu.
#include <type_traits>

#include "core/kernels/bias_ops.h"
#include "core/rnn/cells.h"
#include "core/kernels/gate_kernels.h"
#include "core/kernels/gemm.h"
#include "core/kernels/grad_accumulate.h"

namespace unroll {

template <class S>
void elman_forward(bool relu, const Param<S>* p, const CRef<S>& x, Index t0, Index t1,
                   Index B, LayerCache<S>& cache) {
  const Mat<S>& w_hh = p[kWhh].value;  // H x H
  const Index n = (t1 - t0) * B;
  // G_i = W_ih X + (b_ih + b_hh) for the whole chunk   H x n = (H x I)(I x n)
  auto gi = cache.gi.middleCols(t0 * B, n);
  gemm<S>(p[kWih].value, Op::N, x.middleCols(t0 * B, n), Op::N, gi, false);
  // b_ih + b_hh summed once (in the free per-step scratch), then one pass   gH x 1
  auto bias = cache.scratch.col(0);
  bias = p[kBih].value.col(0) + p[kBhh].value.col(0);
  add_to_columns<S>(gi, bias.data());
  cache.w_hh_packed.pack(w_hh, Op::N);  // once for every step of the chunk
  for (Index t = t0; t < t1; ++t) {
    auto a = cache.act.middleCols(t * B, B);  // H x B
    // a = W_hh h_{t-1} + G_i[t]                 H x B = (H x H)(H x B)
    gemm<S>(cache.w_hh_packed, cache.h.middleCols(t * B, B), a, false);
    if constexpr (std::is_same_v<S, float>) {
      if (!relu) {  // a = tanh(a + G_i[t]) and h_t = a in one vectorised pass
        elman_tanh_forward(a.data(), gi.middleCols((t - t0) * B, B).data(),
                           cache.h.middleCols((t + 1) * B, B).data(), a.size());
        continue;
      }
    }
    a += gi.middleCols((t - t0) * B, B);
    if (relu) a = a.cwiseMax(S(0));
    else a = a.array().tanh().matrix();
    cache.h.middleCols((t + 1) * B, B) = a;
  }
}

template <class S>
void elman_backward(bool relu, Param<S>* p, const CRef<S>& dy, Index t0, Index t1,
                    Index B, LayerCache<S>& cache) {
  const Mat<S>& w_hh = p[kWhh].value;  // H x H
  cache.w_hh_packed.pack(w_hh, Op::T);  // W_hh^T, once for every step
  for (Index t = t1 - 1; t >= t0; --t) {
    auto dh = cache.dh.middleCols(t * B, B);  // H x B
    // dL/dh_t = W_hh^T dA_{t+1} + dy_t   (nothing flows in from t1: the cut)
    if (t + 1 < t1) gemm<S>(cache.w_hh_packed, cache.dgh.middleCols((t + 1) * B, B), dh, false);
    else dh.setZero();
    const double dh_norm = add_and_norm<S>(dh, dy.middleCols(t * B, B), cache.record_dh_norm);
    if (cache.record_dh_norm) cache.dh_norm[size_t(t)] = dh_norm;
    auto h = cache.act.middleCols(t * B, B).array();
    auto da = cache.dgh.middleCols(t * B, B);  // H x B, dL/d(pre-activation)
    if constexpr (std::is_same_v<S, float>) {
      if (!relu) {
        elman_tanh_backward(h.data(), dh.data(), da.data(), da.size());
        continue;
      }
    }
    if (relu) da = (h > S(0)).select(dh.array(), S(0)).matrix();
    else da = (dh.array() * (S(1) - h.square())).matrix();
  }
}

#define UNROLL_INSTANTIATE(S)                                                       \
  template void elman_forward<S>(bool, const Param<S>*, const CRef<S>&, Index, Index, \
                                 Index, LayerCache<S>&);                            \
  template void elman_backward<S>(bool, Param<S>*, const CRef<S>&, Index, Index,      \
                                  Index, LayerCache<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
