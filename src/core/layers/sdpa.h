// Scaled dot-product attention of ONE head on ONE sequence: the exact core
// every attention in the engine (and its gradient check) goes through.
//   q: dk x Tq, k: dk x Tk, v: dv x Tk
//   a = softmax over keys of (k^T q / sqrt(dk)) [causal: query t sees keys
//       0..t only]                                   Tk x Tq (written)
//   c = v a                                          dv x Tq (written)
// Every argument is a strided block view (gemm.h), so per-sequence views
// (seq_view.h), head row blocks and the cache's attention blocks go in
// without copies; the products run through gemm (SIMD kernels in wasm).
#pragma once
#include "core/kernels/gemm.h"

namespace unroll {

template <class S>
void sdpa_forward(const CMatRef<S>& q, const CMatRef<S>& k, const CMatRef<S>& v, bool causal,
                  MatRef<S> a, MatRef<S> c);

// Same, sizing a plain matrix a (Tk x Tq) first.
template <class S>
void sdpa_forward(const CMatRef<S>& q, const CMatRef<S>& k, const CMatRef<S>& v, bool causal,
                  Mat<S>& a, MatRef<S> c) {
  a.resize(k.cols(), q.cols());
  sdpa_forward<S>(q, k, v, causal, MatRef<S>(a), c);
}

// From dc (dv x Tq): ADDS to dq, dk, dv (accumulate = false: WRITES them,
// which spares zeroing blocks that only this head touches).
// scratch: Tk x Tq (overwritten).
template <class S>
void sdpa_backward(const CMatRef<S>& q, const CMatRef<S>& k, const CMatRef<S>& v,
                   const CMatRef<S>& a, const CMatRef<S>& dc, MatRef<S> scratch, MatRef<S> dq,
                   MatRef<S> dk, MatRef<S> dv, bool accumulate = true);

}  // namespace unroll
