// Multi-head scaled dot-product attention, as torch.nn.MultiheadAttention
// (batch_first=False, no dropout, no bias_k/v): in_proj_weight stacks
// W_q; W_k; W_v (3d x d), out_proj maps the concatenated heads back to d.
//
//   Q = W_q xq + b_q              d x Tq*B
//   K = W_k xkv + b_k, V = ...    d x Tk*B
//   for every sequence b and head h (rows h*dk.. of its F x T view):
//     A_bh = softmax_keys(K_bh^T Q_bh / sqrt(dk) [+ causal mask])   Tk x Tq
//     C_bh = V_bh A_bh                                               dk x Tq
//   y = W_o C + b_o               d x Tq*B
//
// A is stored keys x queries so each query's distribution over the keys is
// one contiguous column (the softmax runs down columns).
#pragma once
#include "core/tensor/param_list.h"

namespace unroll {

struct MhaRef {
  int in_w = -1, in_b = -1, out_w = -1, out_b = -1;
  Index heads = 1;
};

template <class S>
MhaRef add_mha(ParamList<S>& P, const std::string& prefix, Index d, Index heads);

template <class S>
struct MhaCache {
  Index Tq = 0, Tk = 0, B = 0;
  Mat<S> q, kv;    // projections       d x Tq*B, 2d x Tk*B (K rows on top)
  Mat<S> attn;     // A of every (b, h): Tk x (Tq*B*heads), block (b*heads+h)*Tq
  Mat<S> ctx;      // concatenated heads d x Tq*B
  Mat<S> dq, dkv, dctx;
  Mat<S> dattn;    // per-head scratch  Tk x Tq
};

// y = MHA(xq, xkv)     xq: d x Tq*B, xkv: d x Tk*B, y: d x Tq*B
template <class S>
void mha_forward(const ParamList<S>& P, const MhaRef& r, const Mat<S>& xq, const Mat<S>& xkv,
                 Index B, bool causal, MhaCache<S>& c, Mat<S>& y);

// From dy (d x Tq*B): adds to the parameter grads, WRITES dxq and dxkv
// (for self-attention the caller adds the two).
template <class S>
void mha_backward(ParamList<S>& P, const MhaRef& r, const Mat<S>& xq, const Mat<S>& xkv,
                  const Mat<S>& dy, MhaCache<S>& c, Mat<S>& dxq, Mat<S>& dxkv);

// Attention weights of sequence b, head h from the last forward: Tq x Tk
// (rows = queries, as the UI's heatmap reads them).
template <class S>
Mat<S> attention_map(const MhaCache<S>& c, Index heads, Index b, Index h);

}  // namespace unroll
