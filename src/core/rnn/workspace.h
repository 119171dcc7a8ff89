// Activations and gradient buffers of one forward/backward pass, sized once
// per (T, B): the training step itself never allocates.
#pragma once
#include <vector>

#include "core/kernels/gemm.h"
#include "core/rnn/stack.h"

namespace unroll {

// One recurrent layer's caches, all time-major (columns t*B + b).
template <class S>
struct LayerCache {
  // Input projection of every step: W_ih x_t + b_ih (+ b_hh where it can be
  // folded in: Elman, LSTM, and the r,z rows of GRU).      gH x T*B
  Mat<S> gi;
  // Post-activation gates: Elman h_t, LSTM [i;f;g;o], GRU [r;z;n]. gH x T*B
  Mat<S> act;
  // GRU only: W_hn h_{t-1} + b_hn, needed by dL/dr.         H x T*B
  Mat<S> ghn;
  // States: block k (columns k*B..) is the state after k steps, so block 0
  // is h0 (zeros) and step t reads block t and writes block t+1.  H x (T+1)*B
  Mat<S> h, c;
  // LSTM only: tanh(c_t).                                   H x T*B
  Mat<S> tanh_c;

  // Backward: total dL/dh_t (from above and from t+1).      H x T*B
  Mat<S> dh;
  // dL/d(pre-activation) on the W_hh side and (GRU) the W_ih side. gH x T*B
  Mat<S> dgh, dgi;
  Mat<S> dc;       // LSTM: dL/dc carried from t+1 to t.      H x B
  Mat<S> dx;       // dL/d(layer input), read by the layer below. I_l x T*B
  Mat<S> scratch;  // per-step temporary.                     gH x B
  // W_hh (forward) or W_hh^T (backward) packed once per pass for the
  // per-timestep products (see gemm.h).
  PackedMatrix<S> w_hh_packed;
  // ||dL/dh_t|| (Frobenius over units and batch) for each t.
  std::vector<double> dh_norm;
  // Off only to measure what the dh_norm probe costs (unroll bench).
  bool record_dh_norm = true;
};

template <class S>
struct RnnWorkspace {
  Index T = 0, B = 0;
  std::vector<LayerCache<S>> layers;
  Mat<S> out;   // head outputs (values or logits)   O x T*B
  Mat<S> dout;  // dL/d(out)                          O x T*B
  Mat<S> dtop;  // dL/d(top layer output) from head   H x T*B

  void resize(const RnnSpec& spec, Index T_, Index B_);
  // h0 = 0 and c0 = 0 (start of a new batch of sequences).
  void reset_state();
};

}  // namespace unroll
