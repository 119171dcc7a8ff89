// Fused, vectorised element-wise parts of the float cells: one pass over a
// timestep's gate block does the activations and the state update
// (forward), or all the gate derivatives (backward). The matrix products
// stay in gemm.h; double keeps the Eigen expressions in *_cell.cpp (the
// gradient checks compare those against finite differences).
//
// Every block is one timestep of a cache matrix: column-major, B columns,
// contiguous (leading dimension = rows). Gate blocks are gH x B with the
// PyTorch row order (LSTM i, f, g, o; GRU r, z, n); states are H x B.
// The cells' equations are in lstm_cell.cpp / gru_cell.cpp / elman_cell.cpp.
#pragma once
#include "core/tensor/tensor.h"

namespace unroll {

// act (4H x B): in W_hh h_{t-1}, out [i; f; g; o] after
// act += gi (4H x B, W_ih x + biases) and the activations; then
// c = f * c_prev + i * g, tanh_c = tanh(c), h = o * tanh_c (all H x B).
void lstm_gates_forward(float* act, const float* gi, const float* c_prev, float* c,
                        float* tanh_c, float* h, Index H, Index B);

// From dh (H x B, dL/dh_t) and dc (H x B, in: dL/dc_t from t+1 already
// times f_{t+1}; out: the same for t-1) writes dact (4H x B), dL/d(pre-act).
void lstm_gates_backward(const float* act, const float* tanh_c, const float* c_prev,
                         const float* dh, float* dc, float* dact, Index H, Index B);

// gh (3H x B) = W_hh h_{t-1}, gi (3H x B) = W_ih x + b_ih (+ b_hr, b_hz):
// act = [r; z; n], ghn = W_hn h + b_hn (H x B), h = (1 - z) n + z h_prev.
void gru_gates_forward(const float* gh, const float* gi, const float* b_hn, float* act,
                       float* ghn, const float* h_prev, float* h, Index H, Index B);

// dgi (3H x B) = dL/d(W_ih-side pre-activations), dgh (3H x B) = W_hh side.
void gru_gates_backward(const float* act, const float* ghn, const float* h_prev,
                        const float* dh, float* dgi, float* dgh, Index H, Index B);

// Elman tanh over n = H*B contiguous values: act = tanh(act + gi), h = act.
void elman_tanh_forward(float* act, const float* gi, float* h, Index n);
// da = dh * (1 - act^2) over n values.
void elman_tanh_backward(const float* act, const float* dh, float* da, Index n);

}  // namespace unroll
