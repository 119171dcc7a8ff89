// Scaled dot-product attention of ONE head on ONE sequence: the exact core
// every attention in the engine (and its gradient check) goes through.
//   q: dk x Tq, k: dk x Tk, v: dv x Tk
//   a = softmax over keys of (k^T q / sqrt(dk)) [causal: query t sees keys
//       0..t only]                                   Tk x Tq (written)
//   c = v a                                          dv x Tq (written)
// Templates on the expression types so strided per-sequence views
// (seq_view.h) and head row blocks go in without copies.
#pragma once
#include <algorithm>
#include <cmath>

#include "tensor.h"

namespace unroll {

template <class S, class Q, class K, class V, class C>
inline void sdpa_forward(const Q& q, const K& k, const V& v, bool causal, Mat<S>& a, C&& c) {
  const Index Tq = q.cols(), Tk = k.cols();
  const S scale = S(1) / std::sqrt(S(q.rows()));
  // scores K^T Q / sqrt(dk)     Tk x Tq = (Tk x dk)(dk x Tq)
  a.noalias() = k.transpose() * q;
  a *= scale;
  for (Index t = 0; t < Tq; ++t) {
    auto col = a.col(t);  // Tk x 1: query t over all keys
    const Index seen = causal ? std::min(t + 1, Tk) : Tk;
    const S mx = col.head(seen).maxCoeff();
    col.head(seen) = (col.head(seen).array() - mx).exp().matrix();
    col.head(seen) /= col.head(seen).sum();
    // masked keys get exactly 0 weight (and so 0 gradient)
    col.tail(Tk - seen).setZero();
  }
  // C = V A     dv x Tq = (dv x Tk)(Tk x Tq)
  c.noalias() = v * a;
}

// From dc (dv x Tq): ADDS to dq, dk, dv. scratch: Tk x Tq.
template <class S, class Q, class K, class V, class DC, class DQ, class DK, class DV>
inline void sdpa_backward(const Q& q, const K& k, const V& v, const Mat<S>& a, const DC& dc,
                   Mat<S>& scratch, DQ&& dq, DK&& dk, DV&& dv) {
  const S scale = S(1) / std::sqrt(S(q.rows()));
  // dV += dC A^T     dv x Tk = (dv x Tq)(Tq x Tk)
  dv.noalias() += dc * a.transpose();
  // dA = V^T dC      Tk x Tq = (Tk x dv)(dv x Tq)
  scratch.noalias() = v.transpose() * dc;
  // softmax backward per column: dS = A .* (dA - sum_k A .* dA), times scale
  for (Index t = 0; t < a.cols(); ++t) {
    const S dot = a.col(t).dot(scratch.col(t));
    scratch.col(t) = (a.col(t).array() * (scratch.col(t).array() - dot) * scale).matrix();
  }
  // dQ += K dS       dk x Tq = (dk x Tk)(Tk x Tq)
  dq.noalias() += k * scratch;
  // dK += Q dS^T     dk x Tk = (dk x Tq)(Tq x Tk)
  dk.noalias() += q * scratch.transpose();
}

}  // namespace unroll
