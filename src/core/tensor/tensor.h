// Tensor conventions shared by the whole engine.
//
// Everything is column-major (Eigen's default) and time-major:
//   a sequence batch of T steps, B sequences, F features is one F x (T*B)
//   matrix whose column  t*B + b  is feature vector of sequence b at step t.
// So the columns of one timestep are contiguous, a chunk of timesteps
// [t0, t1) is the contiguous column block  t0*B .. t1*B, and a whole
// layer's input projection is ONE matrix product over all T*B columns.
//
// Parameters are stored exactly as PyTorch stores them (weight_ih is
// gates*H x I with gate blocks stacked by rows), only column-major in
// memory; weights_io converts to PyTorch's row-major JSON.
#pragma once
#include <Eigen/Core>
#include <cstdint>

namespace unroll {

using Index = Eigen::Index;

template <class S> using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <class S> using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
// Read-only view of a matrix or of a block of whole columns (no copy).
template <class S> using CRef = Eigen::Ref<const Mat<S>>;

// Column block of the timesteps [t0, t1) of a F x (T*B) sequence matrix.
template <class M>
inline auto steps(M& m, Index t0, Index t1, Index B) {
  return m.middleCols(t0 * B, (t1 - t0) * B);
}

}  // namespace unroll
