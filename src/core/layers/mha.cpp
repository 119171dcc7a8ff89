#include "core/layers/mha.h"

#include "core/kernels/bias_ops.h"
#include "core/layers/sdpa.h"
#include "core/tensor/seq_view.h"

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
  const S* bias = P[size_t(r.in_b)].value.data();
  const Index d = W.cols(), H = r.heads, dk = d / H, N = xq.cols(), Nk = xkv.cols();
  c.B = B;
  c.Tq = N / B;
  c.Tk = Nk / B;
  // Q = W_q xq + b_q      d x Tq*B = (d x d)(d x Tq*B)
  c.q.resize(d, N);
  gemm<S>(W.topRows(d), Op::N, xq, Op::N, c.q, false);
  add_to_columns<S>(c.q, bias);
  // [K; V] = W_kv xkv + b_kv   2d x Tk*B = (2d x d)(d x Tk*B)
  c.kv.resize(2 * d, Nk);
  gemm<S>(W.bottomRows(2 * d), Op::N, xkv, Op::N, c.kv, false);
  add_to_columns<S>(c.kv, bias + d);
  c.attn.resize(c.Tk, c.Tq * B * H);
  c.ctx.resize(d, N);
  // per sequence b, head h: A_bh (Tk x Tq) straight into its cache block,
  // C_bh (dk x Tq) into its rows of the context
  for (Index b = 0; b < B; ++b)
    for (Index h = 0; h < H; ++h)
      sdpa_forward<S>(seq_rows(c.q, b, B, h * dk, dk), seq_rows(c.kv, b, B, h * dk, dk),
                      seq_rows(c.kv, b, B, d + h * dk, dk), causal,
                      c.attn.middleCols((b * H + h) * c.Tq, c.Tq),
                      seq_rows(c.ctx, b, B, h * dk, dk));
  // y = W_o C + b_o       d x Tq*B = (d x d)(d x Tq*B)
  y.resize(d, N);
  gemm<S>(P[size_t(r.out_w)].value, Op::N, c.ctx, Op::N, y, false);
  add_to_columns<S>(y, P[size_t(r.out_b)].value.data());
}

template <class S>
void mha_backward(ParamList<S>& P, const MhaRef& r, const Mat<S>& xq, const Mat<S>& xkv,
                  const Mat<S>& dy, MhaCache<S>& c, Mat<S>& dxq, Mat<S>& dxkv) {
  const Mat<S>& W = P[size_t(r.in_w)].value;
  const Index d = W.cols(), H = r.heads, dk = d / H, B = c.B, N = xq.cols(), Nk = xkv.cols();
  // dW_o += dy C^T    d x d = (d x Tq*B)(Tq*B x d);  db_o += row sums of dy
  gemm<S>(dy, Op::N, c.ctx, Op::T, P[size_t(r.out_w)].grad, true);
  add_row_sums<S>(dy, P[size_t(r.out_b)].grad.data());
  // dC = W_o^T dy     d x Tq*B = (d x d)(d x Tq*B)
  c.dctx.resize(d, N);
  gemm<S>(P[size_t(r.out_w)].value, Op::T, dy, Op::N, c.dctx, false);
  // every (sequence, head) block of dQ, dK, dV is written by its own head
  c.dq.resize(d, N);
  c.dkv.resize(2 * d, Nk);
  c.dattn.resize(c.Tk, c.Tq);
  const Mat<S>& attn = c.attn;
  for (Index b = 0; b < B; ++b)
    for (Index h = 0; h < H; ++h)
      sdpa_backward<S>(seq_rows(c.q, b, B, h * dk, dk), seq_rows(c.kv, b, B, h * dk, dk),
                       seq_rows(c.kv, b, B, d + h * dk, dk),
                       attn.middleCols((b * H + h) * c.Tq, c.Tq),
                       seq_rows(c.dctx, b, B, h * dk, dk), c.dattn,
                       seq_rows(c.dq, b, B, h * dk, dk), seq_rows(c.dkv, b, B, h * dk, dk),
                       seq_rows(c.dkv, b, B, d + h * dk, dk), /*accumulate=*/false);
  Mat<S>& gW = P[size_t(r.in_w)].grad;
  S* gb = P[size_t(r.in_b)].grad.data();
  // dW_q += dQ xq^T   d x d = (d x Tq*B)(Tq*B x d);  dW_kv += dKV xkv^T   2d x d
  gemm<S>(c.dq, Op::N, xq, Op::T, gW.topRows(d), true);
  gemm<S>(c.dkv, Op::N, xkv, Op::T, gW.bottomRows(2 * d), true);
  add_row_sums<S>(c.dq, gb);
  add_row_sums<S>(c.dkv, gb + d);
  // dxq = W_q^T dQ   d x Tq*B = (d x d)(d x Tq*B);   dxkv = W_kv^T dKV   d x Tk*B
  dxq.resize(d, N);
  gemm<S>(W.topRows(d), Op::T, c.dq, Op::N, dxq, false);
  dxkv.resize(d, Nk);
  gemm<S>(W.bottomRows(2 * d), Op::T, c.dkv, Op::N, dxkv, false);
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
