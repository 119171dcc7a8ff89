// Forward and backward of the whole model (stacked layers + head) over the
// timesteps [t0, t1) of a batch: the unit truncated BPTT works in.
#pragma once
#include "core/rnn/workspace.h"

namespace unroll {

// Runs steps [t0, t1) of every layer, then the head; writes ws.out's chunk.
// The state at t0 is whatever ws holds there (h0 after reset_state(), or
// the state the previous chunk left): chunks carry state forward.
//   x: model input   I x T*B
template <class S>
void forward_chunk(const RnnStack<S>& m, const CRef<S>& x, Index t0, Index t1,
                   RnnWorkspace<S>& ws);

// Backward of the chunk [t0, t1): reads ws.dout's chunk (dL/d out), adds to
// every parameter's grad. No gradient flows out of the chunk to t < t0.
template <class S>
void backward_chunk(RnnStack<S>& m, const CRef<S>& x, Index t0, Index t1, RnnWorkspace<S>& ws);

// The whole sequence at once: reset_state + forward_chunk(0, T).
template <class S>
void forward(const RnnStack<S>& m, const CRef<S>& x, RnnWorkspace<S>& ws);

// Layer l's input sequence (x for l = 0, the layer below's h_t otherwise).
template <class S>
CRef<S> layer_input(const CRef<S>& x, const RnnWorkspace<S>& ws, Index l);

}  // namespace unroll
