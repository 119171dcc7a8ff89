#include "mha.h"

#include <cmath>
#include <limits>

#include "sdpa.h"
#include "seq_view.h"

namespace unroll {

template <class S>
MhaRef add_mha(ParamList<S>& P, const std::string& prefix, Index d, Index heads) {
  MhaRef r;
  r.heads = heads;
  r.in_w = add_param(P, prefix + "in_proj_weight", 3 * d, d);
  r.in_b = add_param(P, prefix + "in_proj_bias", 3 * d, 1);
  r.out_w = add_param(P, prefix + "out_proj.weight", d, d);
  r.out_b = add_param(P, prefix + "out_proj.bias", d, 1);
  return r;
}

template <class S>
void mha_forward(const ParamList<S>& P, const MhaRef& r, const Mat<S>& xq, const Mat<S>& xkv,
                 Index B, bool causal, MhaCache<S>& c, Mat<S>& y) {
  const Mat<S>& W = P[size_t(r.in_w)].value;  // 3d x d
  const Mat<S>& bias = P[size_t(r.in_b)].value;
  const Index d = W.cols(), H = r.heads, dk = d / H;
  c.B = B;
  c.Tq = xq.cols() / B;
  c.Tk = xkv.cols() / B;
  // Q = W_q xq + b_q      d x Tq*B = (d x d)(d x Tq*B)
  c.q.noalias() = W.topRows(d) * xq;
  c.q.colwise() += bias.col(0).head(d);
  // [K; V] = W_kv xkv + b_kv   2d x Tk*B = (2d x d)(d x Tk*B)
  c.kv.noalias() = W.bottomRows(2 * d) * xkv;
  c.kv.colwise() += bias.col(0).tail(2 * d);
  c.attn.resize(c.Tk, c.Tq * B * H);
  c.ctx.resize(d, c.Tq * B);
  Mat<S> a(c.Tk, c.Tq);
  for (Index b = 0; b < B; ++b) {
    auto qb = seq_view(c.q, b, B);    // d x Tq
    auto kvb = seq_view(c.kv, b, B);  // 2d x Tk
    auto cb = seq_view(c.ctx, b, B);  // d x Tq
    for (Index h = 0; h < H; ++h) {
      sdpa_forward<S>(qb.middleRows(h * dk, dk), kvb.middleRows(h * dk, dk),
                      kvb.middleRows(d + h * dk, dk), causal, a, cb.middleRows(h * dk, dk));
      c.attn.middleCols((b * H + h) * c.Tq, c.Tq) = a;
    }
  }
  // y = W_o C + b_o       d x Tq*B
  y.noalias() = P[size_t(r.out_w)].value * c.ctx;
  y.colwise() += P[size_t(r.out_b)].value.col(0);
}

template <class S>
void mha_backward(ParamList<S>& P, const MhaRef& r, const Mat<S>& xq, const Mat<S>& xkv,
                  const Mat<S>& dy, MhaCache<S>& c, Mat<S>& dxq, Mat<S>& dxkv) {
  const Mat<S>& W = P[size_t(r.in_w)].value;
  const Index d = W.cols(), H = r.heads, dk = d / H, B = c.B;
  // dW_o += dy C^T (d x d); db_o += row sums; dC = W_o^T dy   d x Tq*B
  P[size_t(r.out_w)].grad.noalias() += dy * c.ctx.transpose();
  P[size_t(r.out_b)].grad.col(0) += dy.rowwise().sum();
  c.dctx.noalias() = P[size_t(r.out_w)].value.transpose() * dy;
  c.dq.setZero(d, c.Tq * B);
  c.dkv.setZero(2 * d, c.Tk * B);
  c.dattn.resize(c.Tk, c.Tq);
  for (Index b = 0; b < B; ++b) {
    auto qb = seq_view(static_cast<const Mat<S>&>(c.q), b, B);
    auto kvb = seq_view(static_cast<const Mat<S>&>(c.kv), b, B);
    auto dcb = seq_view(static_cast<const Mat<S>&>(c.dctx), b, B);
    auto dqb = seq_view(c.dq, b, B);
    auto dkvb = seq_view(c.dkv, b, B);
    for (Index h = 0; h < H; ++h) {
      const Mat<S> a = c.attn.middleCols((b * H + h) * c.Tq, c.Tq);
      sdpa_backward<S>(qb.middleRows(h * dk, dk), kvb.middleRows(h * dk, dk),
                       kvb.middleRows(d + h * dk, dk), a, dcb.middleRows(h * dk, dk), c.dattn,
                       dqb.middleRows(h * dk, dk), dkvb.middleRows(h * dk, dk),
                       dkvb.middleRows(d + h * dk, dk));
    }
  }
  Mat<S>& gW = P[size_t(r.in_w)].grad;
  // dW_q += dQ xq^T (d x d); dW_kv += dKV xkv^T (2d x d)
  gW.topRows(d).noalias() += c.dq * xq.transpose();
  gW.bottomRows(2 * d).noalias() += c.dkv * xkv.transpose();
  P[size_t(r.in_b)].grad.col(0).head(d) += c.dq.rowwise().sum();
  P[size_t(r.in_b)].grad.col(0).tail(2 * d) += c.dkv.rowwise().sum();
  // dxq = W_q^T dQ   d x Tq*B;   dxkv = W_kv^T dKV   d x Tk*B
  dxq.noalias() = W.topRows(d).transpose() * c.dq;
  dxkv.noalias() = W.bottomRows(2 * d).transpose() * c.dkv;
}

template <class S>
Mat<S> attention_map(const MhaCache<S>& c, Index heads, Index b, Index h) {
  // stored keys x queries; the view wants queries x keys   Tq x Tk
  return c.attn.middleCols((b * heads + h) * c.Tq, c.Tq).transpose();
}

#define UNROLL_INSTANTIATE(S)                                                                 \
  template MhaRef add_mha<S>(ParamList<S>&, const std::string&, Index, Index);              \
  template void mha_forward<S>(const ParamList<S>&, const MhaRef&, const Mat<S>&,           \
                               const Mat<S>&, Index, bool, MhaCache<S>&, Mat<S>&);          \
  template void mha_backward<S>(ParamList<S>&, const MhaRef&, const Mat<S>&, const Mat<S>&, \
                                const Mat<S>&, MhaCache<S>&, Mat<S>&, Mat<S>&);             \
  template Mat<S> attention_map<S>(const MhaCache<S>&, Index, Index, Index);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
