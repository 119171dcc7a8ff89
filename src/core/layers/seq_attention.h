// Attention of a recurrent decoder over ALL encoder hidden states
// (Luong, Pham & Manning 2015: the decoder state d_t queries the encoder
// states e_j after the decoder step), with two score functions:
//   bahdanau (additive, Bahdanau et al. 2015): s_tj = v . tanh(W_q d_t + W_k e_j)
//   luong (general / bilinear):                s_tj = d_t . (W_a e_j)
//   a_t = softmax_j(s_tj),  c_t = sum_j a_tj e_j
// Works column by column (column t*B+b = decoder step t of sequence b), so
// greedy decoding can run it one step at a time.
#pragma once
#include "core/tensor/param_list.h"

namespace unroll {

enum class AttnKind { None, Bahdanau, Luong };

struct SeqAttnRef {
  AttnKind kind = AttnKind::None;
  int w_a = -1;                // luong: W_a H x H
  int w_q = -1, w_k = -1, v = -1;  // bahdanau: W_q, W_k H x H, v H x 1
};

template <class S>
SeqAttnRef add_seq_attention(ParamList<S>& P, AttnKind kind, Index H);

template <class S>
struct SeqAttnCache {
  Index Ts = 0, B = 0;
  Mat<S> keys;   // projected encoder states: W_a E or W_k E     H x Ts*B
  Mat<S> qp;     // bahdanau: W_q D                              H x Tt*B
  Mat<S> z;      // bahdanau: tanh(W_q d + W_k e) per column     H x (Ts * Tt*B)
  Mat<S> attn;   // a: column t*B+b = weights over source steps  Ts x Tt*B
  Mat<S> dkeys, dqp;
};

// Per encoding: project the encoder states (E: H x Ts*B) and size the
// caches for Tt decoder steps.
template <class S>
void seq_attention_prepare(const ParamList<S>& P, const SeqAttnRef& r, const Mat<S>& E, Index B,
                           Index Tt, SeqAttnCache<S>& c);

// Context vectors of decoder steps [t0, t1): writes ctx's columns.
//   E: H x Ts*B, D: H x Tt*B (decoder top states), ctx: H x Tt*B
template <class S>
void seq_attention_forward(const ParamList<S>& P, const SeqAttnRef& r, const Mat<S>& E,
                           const Mat<S>& D, Index t0, Index t1, SeqAttnCache<S>& c, Mat<S>& ctx);

// Whole-sequence backward from dctx (H x Tt*B): ADDS to dE (H x Ts*B),
// dD (H x Tt*B) and the parameter grads.
template <class S>
void seq_attention_backward(ParamList<S>& P, const SeqAttnRef& r, const Mat<S>& E,
                            const Mat<S>& D, const Mat<S>& dctx, SeqAttnCache<S>& c, Mat<S>& dE,
                            Mat<S>& dD);

}  // namespace unroll
