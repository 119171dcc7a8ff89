// Losses with PyTorch's default reduction: the mean over counted elements.
//   MSE:  sum_pos w * sum_o (y - t)^2 / (N * O)   (nn.MSELoss on the counted
//         positions; N = sum of weights)
//   Xent: sum_pos w * -log softmax(y)[target] / N  (nn.CrossEntropyLoss)
#pragma once
#include "core/tensor/batch.h"

namespace unroll {

// For the positions of steps [t0, t1): writes dL/d(out) scaled by
// grad_scale into dout's chunk (grad_scale = 1/N for the mean), and returns
// the UNscaled sum of per-position losses (MSE per position is already
// divided by O), so callers can total chunks before dividing by N.
//   out, dout: O x T*B
template <class S>
double loss_chunk(const Batch<S>& batch, const Mat<S>& out, Index t0, Index t1,
                  double grad_scale, Mat<S>& dout);

}  // namespace unroll
