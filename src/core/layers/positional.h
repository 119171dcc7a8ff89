// Positional encodings: what tells a Transformer (which sees its input as
// a set) where each token is.
//   sinusoidal  PE(2i, t) = sin(t / 10000^(2i/d)), PE(2i+1, t) = cos(same);
//               fixed, defined for any length (Vaswani et al. 2017)
//   learned     a d x max_len parameter, one trained vector per position;
//               nothing is known beyond max_len
#pragma once
#include "core/tensor/tensor.h"

namespace unroll {

enum class PosKind { Sinusoidal, Learned };

// d x T, column t = encoding of position t.
template <class S>
Mat<S> sinusoidal_encoding(Index d, Index T);

// x += pe for every sequence:  x column t*B+b += pe column t.
//   x: d x T*B, pe: d x >= T
template <class S>
void add_positions(Mat<S>& x, const Mat<S>& pe, Index B);

// dpe (d x >= T) += sum over sequences of dx's columns of each step.
template <class S>
void add_position_grads(const Mat<S>& dx, Mat<S>& dpe, Index B);

}  // namespace unroll
