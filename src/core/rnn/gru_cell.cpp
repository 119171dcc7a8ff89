// GRU cell, exactly torch.nn.GRU (gate rows r, z, n):
//   r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
//   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
//   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
//   h' = (1 - z) * n + z * h
#include <type_traits>

#include "core/kernels/bias_ops.h"
#include "core/rnn/cells.h"
#include "core/kernels/gate_kernels.h"
#include "core/kernels/gemm.h"
#include "core/kernels/grad_accumulate.h"

namespace unroll {

template <class S>
void gru_forward(const Param<S>* p, const CRef<S>& x, Index t0, Index t1, Index B,
                 LayerCache<S>& cache) {
  const Mat<S>& w_hh = p[kWhh].value;  // 3H x H
  const auto& b_hh = p[kBhh].value;    // 3H x 1
  const Index H = w_hh.cols();
  const Index n = (t1 - t0) * B;
  // G_i = W_ih X + b_ih, with b_hr, b_hz folded in (b_hn must stay inside r*(.))
  // 3H x n = (3H x I)(I x n)
  auto gi = cache.gi.middleCols(t0 * B, n);
  gemm<S>(p[kWih].value, Op::N, x.middleCols(t0 * B, n), Op::N, gi, false);
  // b_ih + [b_hr; b_hz; 0] summed once in the scratch (free until the loop), one pass   3H x 1
  auto& gh = cache.scratch;  // 3H x B
  auto bias = gh.col(0);
  bias = p[kBih].value.col(0);
  bias.head(2 * H) += b_hh.col(0).head(2 * H);
  add_to_columns<S>(gi, bias.data());
  cache.w_hh_packed.pack(w_hh, Op::N);  // once for every step of the chunk
  for (Index t = t0; t < t1; ++t) {
    // W_hh h_{t-1}    3H x B = (3H x H)(H x B)
    gemm<S>(cache.w_hh_packed, cache.h.middleCols(t * B, B), gh, false);
    auto a = cache.act.middleCols(t * B, B);  // 3H x B: r, z, n
    auto git = gi.middleCols((t - t0) * B, B);
    if constexpr (std::is_same_v<S, float>) {
      // The vectorised fused pass (gate_kernels.h): same equations as below.
      gru_gates_forward(gh.data(), git.data(), b_hh.data() + 2 * H, a.data(),
                        cache.ghn.middleCols(t * B, B).data(), cache.h.middleCols(t * B, B).data(),
                        cache.h.middleCols((t + 1) * B, B).data(), H, B);
      continue;
    }
    a.topRows(2 * H) = (gh.topRows(2 * H) + git.topRows(2 * H)).array().logistic().matrix();
    auto ghn = cache.ghn.middleCols(t * B, B);  // H x B
    ghn = gh.bottomRows(H);
    ghn.colwise() += b_hh.col(0).tail(H);
    auto r = a.topRows(H).array();
    auto z = a.middleRows(H, H).array();
    a.bottomRows(H) = (git.bottomRows(H).array() + r * ghn.array()).tanh().matrix();
    auto nn = a.bottomRows(H).array();
    auto h_prev = cache.h.middleCols(t * B, B).array();
    cache.h.middleCols((t + 1) * B, B) = ((S(1) - z) * nn + z * h_prev).matrix();
  }
}

template <class S>
void gru_backward(Param<S>* p, const CRef<S>& dy, Index t0, Index t1, Index B,
                  LayerCache<S>& cache) {
  const Mat<S>& w_hh = p[kWhh].value;  // 3H x H
  const Index H = w_hh.cols();
  cache.w_hh_packed.pack(w_hh, Op::T);  // W_hh^T, once for every step
  for (Index t = t1 - 1; t >= t0; --t) {
    auto dh = cache.dh.middleCols(t * B, B);  // H x B
    if (t + 1 < t1) {
      // dL/dh_t = W_hh^T dG_h[t+1] + dL/dh_{t+1} * z_{t+1} + dy_t
      // H x B = (H x 3H)(3H x B)
      gemm<S>(cache.w_hh_packed, cache.dgh.middleCols((t + 1) * B, B), dh, false);
      // As a plain loop, not an Eigen expression: vectorised in wasm too.
      const S* dh_next = cache.dh.data() + (t + 1) * B * H;    // H x B
      const S* z_next = cache.act.data() + (t + 1) * B * 3 * H + H;  // rows H..2H, ld 3H
      S* dh_t = dh.data();
      for (Index b = 0; b < B; ++b)
        for (Index i = 0; i < H; ++i) dh_t[b * H + i] += dh_next[b * H + i] * z_next[b * 3 * H + i];
    } else {
      dh.setZero();  // the cut: nothing flows in from t1
    }
    const double dh_norm = add_and_norm<S>(dh, dy.middleCols(t * B, B), cache.record_dh_norm);
    if (cache.record_dh_norm) cache.dh_norm[size_t(t)] = dh_norm;

    if constexpr (std::is_same_v<S, float>) {
      gru_gates_backward(cache.act.middleCols(t * B, B).data(), cache.ghn.middleCols(t * B, B).data(),
                         cache.h.middleCols(t * B, B).data(), dh.data(),
                         cache.dgi.middleCols(t * B, B).data(), cache.dgh.middleCols(t * B, B).data(),
                         H, B);
      continue;
    }
    auto a = cache.act.middleCols(t * B, B);
    auto r = a.topRows(H).array();
    auto z = a.middleRows(H, H).array();
    auto nn = a.bottomRows(H).array();
    auto ghn = cache.ghn.middleCols(t * B, B).array();
    auto h_prev = cache.h.middleCols(t * B, B).array();
    auto dhh = dh.array();
    auto dgi = cache.dgi.middleCols(t * B, B);  // 3H x B
    auto dgh = cache.dgh.middleCols(t * B, B);  // 3H x B
    // n row: dL/d(W_in x + b_in + r * ghn)
    dgi.bottomRows(H) = (dhh * (S(1) - z) * (S(1) - nn.square())).matrix();
    auto dan = dgi.bottomRows(H).array();
    dgi.middleRows(H, H) = (dhh * (h_prev - nn) * z * (S(1) - z)).matrix();
    dgi.topRows(H) = (dan * ghn * r * (S(1) - r)).matrix();
    dgh.topRows(2 * H) = dgi.topRows(2 * H);
    dgh.bottomRows(H) = (dan * r).matrix();
  }
}

#define UNROLL_INSTANTIATE(S)                                                        \
  template void gru_forward<S>(const Param<S>*, const CRef<S>&, Index, Index, Index,   \
                               LayerCache<S>&);                                      \
  template void gru_backward<S>(Param<S>*, const CRef<S>&, Index, Index, Index,        \
                                LayerCache<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
