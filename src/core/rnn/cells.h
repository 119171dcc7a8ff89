// Step-by-step forward and backward of one recurrent layer over the
// timesteps [t0, t1) of a chunk, with PyTorch's exact equations.
//
//   p       the layer's four parameters, p[kWih], p[kWhh], p[kBih], p[kBhh]
//   x       layer input                                   I_l x T*B
//   dy      dL/d(layer output h_t) from the head or the layer above, H x T*B
//   cache   sized by RnnWorkspace::resize; forward reads the state block t0
//           (h0 or the state carried from the previous chunk) and writes
//           blocks t0+1..t1.
//
// Backward starts with zero gradient flowing in from step t1: that is where
// truncated BPTT cuts (or the sequence ends). It ADDS to the parameter
// gradients and, if need_dx, writes cache.dx for the chunk.
#pragma once
#include "core/rnn/cell_kind.h"
#include "core/rnn/workspace.h"

namespace unroll {

template <class S>
void cell_forward(CellKind kind, const Param<S>* p, const CRef<S>& x, Index t0,
                  Index t1, Index B, LayerCache<S>& cache);

template <class S>
void cell_backward(CellKind kind, Param<S>* p, const CRef<S>& x, const CRef<S>& dy,
                   Index t0, Index t1, Index B, LayerCache<S>& cache, bool need_dx);

// Per-cell kernels (elman_cell.cpp, lstm_cell.cpp, gru_cell.cpp).
template <class S>
void elman_forward(bool relu, const Param<S>* p, const CRef<S>& x, Index t0, Index t1,
                   Index B, LayerCache<S>& cache);
template <class S>
void elman_backward(bool relu, Param<S>* p, const CRef<S>& dy, Index t0, Index t1,
                    Index B, LayerCache<S>& cache);
template <class S>
void lstm_forward(const Param<S>* p, const CRef<S>& x, Index t0, Index t1, Index B,
                  LayerCache<S>& cache);
template <class S>
void lstm_backward(Param<S>* p, const CRef<S>& dy, Index t0, Index t1, Index B,
                   LayerCache<S>& cache);
template <class S>
void gru_forward(const Param<S>* p, const CRef<S>& x, Index t0, Index t1, Index B,
                 LayerCache<S>& cache);
template <class S>
void gru_backward(Param<S>* p, const CRef<S>& dy, Index t0, Index t1, Index B,
                  LayerCache<S>& cache);

}  // namespace unroll
