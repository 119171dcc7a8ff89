// The engine's matrix products, C (+)= op(A) op(B), on column-major blocks
// with any column stride (a block of whole columns or of rows of a matrix).
//
// Why its own entry point: Eigen 3.4 has no WebAssembly SIMD path, so in the
// browser its products run scalar (~6 GFLOP/s). The float products go to
// hand-written 128-bit SIMD micro-kernels (gemm_simd.cpp) in wasm builds,
// and to Eigen natively (where Eigen's AVX/FMA kernels are faster than
// ours). double always uses Eigen: it is only used by the gradient checks.
//
// Every product is deterministic (fixed summation order, one thread), so
// the same build and config give bit-identical results run to run.
#pragma once
#include <vector>

#include "core/tensor/tensor.h"

namespace unroll {

// Mutable / read-only view of a column-major block with unit row stride.
template <class S> using MatRef = Eigen::Ref<Mat<S>, 0, Eigen::OuterStride<>>;
template <class S> using CMatRef = Eigen::Ref<const Mat<S>, 0, Eigen::OuterStride<>>;

enum class Op { N, T };  // use the operand as is / transposed

// C = op(A) op(B), or C += op(A) op(B) when accumulate.
//   op(A): m x k, op(B): k x n, C: m x n  (shapes are checked by assert)
template <class S>
void gemm(const CMatRef<S>& a, Op op_a, const CMatRef<S>& b, Op op_b, MatRef<S> c,
          bool accumulate);

// op(A) copied once into the SIMD kernels' layout, for many products with
// the same A and different B: the recurrent weight W_hh multiplies a new
// h_{t-1} (forward) or dG_{t+1} (backward) at every timestep of a chunk,
// and re-packing it each time cost ~5% of a wasm training step. Natively
// (Eigen) and for double it only remembers which matrix to use.
// Valid until A changes or is destroyed: pack again at the start of a pass.
template <class S>
class PackedMatrix {
 public:
  void pack(const Mat<S>& a, Op op);
  Index rows() const { return op_ == Op::N ? a_->rows() : a_->cols(); }   // of op(A)
  Index cols() const { return op_ == Op::N ? a_->cols() : a_->rows(); }

 private:
  template <class T>
  friend void gemm(const PackedMatrix<T>& a, const CMatRef<T>& b, MatRef<T> c, bool accumulate);
  const Mat<S>* a_ = nullptr;
  Op op_ = Op::N;
  std::vector<float> strips_;  // wasm float only
};

// C = op(A) B, or C += op(A) B, with op(A) prepacked.   op(A): m x k, B: k x n, C: m x n
template <class S>
void gemm(const PackedMatrix<S>& a, const CMatRef<S>& b, MatRef<S> c, bool accumulate);

// The portable SIMD kernel itself (what wasm builds use for float), exposed
// so native tests can check it against Eigen on awkward shapes.
void gemm_simd(const CMatRef<float>& a, Op op_a, const CMatRef<float>& b, Op op_b,
               MatRef<float> c, bool accumulate);

// PackedMatrix's SIMD side: pack op(A) (m x k) into strips; C (m x n) (+)=
// packed op(A) times B (k x n).
void gemm_simd_pack(const CMatRef<float>& a, Op op_a, std::vector<float>& packed);
void gemm_simd_prepacked(const float* packed, const CMatRef<float>& b, MatRef<float> c,
                         bool accumulate);

// True when gemm<float> runs gemm_simd (wasm builds), false when Eigen.
bool gemm_uses_simd_kernels();

}  // namespace unroll
