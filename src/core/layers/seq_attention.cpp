#include "core/layers/seq_attention.h"

#include "core/tensor/seq_view.h"

namespace unroll {

template <class S>
SeqAttnRef add_seq_attention(ParamList<S>& P, AttnKind kind, Index H) {
  SeqAttnRef r;
  r.kind = kind;
  if (kind == AttnKind::Luong) r.w_a = add_param(P, "attn.W_a", H, H);
  if (kind == AttnKind::Bahdanau) {
    r.w_q = add_param(P, "attn.W_q", H, H);
    r.w_k = add_param(P, "attn.W_k", H, H);
    r.v = add_param(P, "attn.v", H, 1);
  }
  return r;
}

template <class S>
void seq_attention_prepare(const ParamList<S>& P, const SeqAttnRef& r, const Mat<S>& E, Index B,
                           Index Tt, SeqAttnCache<S>& c) {
  const Index H = E.rows();
  c.B = B;
  c.Ts = E.cols() / B;
  // keys = W E     H x Ts*B = (H x H)(H x Ts*B)
  c.keys.noalias() = P[size_t(r.kind == AttnKind::Luong ? r.w_a : r.w_k)].value * E;
  c.attn.setZero(c.Ts, Tt * B);
  if (r.kind == AttnKind::Bahdanau) {
    c.qp.setZero(H, Tt * B);
    c.z.setZero(H, c.Ts * Tt * B);
  }
}

template <class S>
void seq_attention_forward(const ParamList<S>& P, const SeqAttnRef& r, const Mat<S>& E,
                           const Mat<S>& D, Index t0, Index t1, SeqAttnCache<S>& c, Mat<S>& ctx) {
  const Index B = c.B, Ts = c.Ts, n = (t1 - t0) * B;
  if (r.kind == AttnKind::Bahdanau) {
    // W_q D for the steps' columns     H x n = (H x H)(H x n)
    c.qp.middleCols(t0 * B, n).noalias() = P[size_t(r.w_q)].value * D.middleCols(t0 * B, n);
  }
  for (Index col = t0 * B; col < t1 * B; ++col) {
    const Index b = col % B;
    auto keys_b = seq_view(c.keys, b, B);  // H x Ts
    auto e_b = seq_view(E, b, B);          // H x Ts
    auto a = c.attn.col(col);              // Ts x 1
    if (r.kind == AttnKind::Luong) {
      // s = (W_a E_b)^T d     Ts x 1 = (Ts x H)(H x 1)
      a.noalias() = keys_b.transpose() * D.col(col);
    } else {
      // Z = tanh(W_q d + W_k E_b)   H x Ts;  s = Z^T v   Ts x 1
      auto z = c.z.middleCols(col * Ts, Ts);
      z = (keys_b.colwise() + c.qp.col(col)).array().tanh().matrix();
      a.noalias() = z.transpose() * P[size_t(r.v)].value.col(0);
    }
    a = (a.array() - a.maxCoeff()).exp().matrix();
    a /= a.sum();
    // c_t = E_b a     H x 1 = (H x Ts)(Ts x 1)
    ctx.col(col).noalias() = e_b * a;
  }
}

template <class S>
void seq_attention_backward(ParamList<S>& P, const SeqAttnRef& r, const Mat<S>& E,
                            const Mat<S>& D, const Mat<S>& dctx, SeqAttnCache<S>& c, Mat<S>& dE,
                            Mat<S>& dD) {
  const Index B = c.B, Ts = c.Ts, H = E.rows(), N = D.cols();
  c.dkeys.setZero(H, Ts * B);
  if (r.kind == AttnKind::Bahdanau) c.dqp.setZero(H, N);
  Vec<S> ds(Ts);
  for (Index col = 0; col < N; ++col) {
    const Index b = col % B;
    auto keys_b = seq_view(c.keys, b, B);
    auto e_b = seq_view(E, b, B);
    auto de_b = seq_view(dE, b, B);
    auto dkeys_b = seq_view(c.dkeys, b, B);
    const auto a = c.attn.col(col);
    // dE_b += dc a^T  (H x Ts);  da = E_b^T dc  (Ts x 1)
    de_b.noalias() += dctx.col(col) * a.transpose();
    ds.noalias() = e_b.transpose() * dctx.col(col);
    // softmax backward: ds = a .* (da - a . da)
    const S dot = a.dot(ds);
    ds = (a.array() * (ds.array() - dot)).matrix();
    if (r.kind == AttnKind::Luong) {
      // s = keys_b^T d:  dkeys_b += d ds^T (H x Ts);  dd += keys_b ds (H x 1)
      dkeys_b.noalias() += D.col(col) * ds.transpose();
      dD.col(col).noalias() += keys_b * ds;
    } else {
      const auto z = c.z.middleCols(col * Ts, Ts);  // H x Ts
      // dv += Z ds (H x 1); dPre = (v ds^T) .* (1 - Z^2)  H x Ts
      P[size_t(r.v)].grad.col(0).noalias() += z * ds;
      const Mat<S> dpre = ((P[size_t(r.v)].value.col(0) * ds.transpose()).array() *
                           (S(1) - z.array().square())).matrix();
      c.dqp.col(col) += dpre.rowwise().sum();
      dkeys_b += dpre;
    }
  }
  const int wk = r.kind == AttnKind::Luong ? r.w_a : r.w_k;
  // keys = W E:  dW += dkeys E^T (H x H);  dE += W^T dkeys (H x Ts*B)
  P[size_t(wk)].grad.noalias() += c.dkeys * E.transpose();
  dE.noalias() += P[size_t(wk)].value.transpose() * c.dkeys;
  if (r.kind == AttnKind::Bahdanau) {
    // qp = W_q D:  dW_q += dqp D^T;  dD += W_q^T dqp   (H x Tt*B)
    P[size_t(r.w_q)].grad.noalias() += c.dqp * D.transpose();
    dD.noalias() += P[size_t(r.w_q)].value.transpose() * c.dqp;
  }
}

#define UNROLL_INSTANTIATE(S)                                                                   \
  template SeqAttnRef add_seq_attention<S>(ParamList<S>&, AttnKind, Index);                   \
  template void seq_attention_prepare<S>(const ParamList<S>&, const SeqAttnRef&, const Mat<S>&, \
                                         Index, Index, SeqAttnCache<S>&);                     \
  template void seq_attention_forward<S>(const ParamList<S>&, const SeqAttnRef&, const Mat<S>&, \
                                         const Mat<S>&, Index, Index, SeqAttnCache<S>&,        \
                                         Mat<S>&);                                            \
  template void seq_attention_backward<S>(ParamList<S>&, const SeqAttnRef&, const Mat<S>&,    \
                                          const Mat<S>&, const Mat<S>&, SeqAttnCache<S>&,     \
                                          Mat<S>&, Mat<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
