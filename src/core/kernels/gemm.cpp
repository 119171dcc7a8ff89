// gemm<S>: dispatch to Eigen or to the SIMD kernels (see gemm.h).
#include "core/kernels/gemm.h"

#include <cassert>
#include <type_traits>

namespace unroll {
namespace {

template <class S, class A, class B>
void eigen_product(const A& a, const B& b, MatRef<S>& c, bool accumulate) {
  if (accumulate) c.noalias() += a * b;
  else c.noalias() = a * b;
}

template <class S>
void eigen_gemm(const CMatRef<S>& a, Op op_a, const CMatRef<S>& b, Op op_b, MatRef<S>& c,
                bool accumulate) {
  if (op_a == Op::N && op_b == Op::N) eigen_product<S>(a, b, c, accumulate);
  else if (op_a == Op::T && op_b == Op::N) eigen_product<S>(a.transpose(), b, c, accumulate);
  else if (op_a == Op::N) eigen_product<S>(a, b.transpose(), c, accumulate);
  else eigen_product<S>(a.transpose(), b.transpose(), c, accumulate);
}

}  // namespace

bool gemm_uses_simd_kernels() {
#ifdef __wasm_simd128__
  return true;
#else
  return false;
#endif
}

template <>
void gemm<double>(const CMatRef<double>& a, Op op_a, const CMatRef<double>& b, Op op_b,
                  MatRef<double> c, bool accumulate) {
  eigen_gemm<double>(a, op_a, b, op_b, c, accumulate);
}

template <>
void gemm<float>(const CMatRef<float>& a, Op op_a, const CMatRef<float>& b, Op op_b,
                 MatRef<float> c, bool accumulate) {
  assert((op_a == Op::N ? a.rows() : a.cols()) == c.rows());
  assert((op_b == Op::N ? b.cols() : b.rows()) == c.cols());
  if (gemm_uses_simd_kernels()) gemm_simd(a, op_a, b, op_b, c, accumulate);
  else eigen_gemm<float>(a, op_a, b, op_b, c, accumulate);
}

template <class S>
void PackedMatrix<S>::pack(const Mat<S>& a, Op op) {
  a_ = &a;
  op_ = op;
  if constexpr (std::is_same_v<S, float>)
    if (gemm_uses_simd_kernels()) gemm_simd_pack(a, op, strips_);
}

template <class S>
void gemm(const PackedMatrix<S>& a, const CMatRef<S>& b, MatRef<S> c, bool accumulate) {
  assert(a.a_ && a.cols() == b.rows() && a.rows() == c.rows() && b.cols() == c.cols());
  if constexpr (std::is_same_v<S, float>) {
    if (gemm_uses_simd_kernels()) return gemm_simd_prepacked(a.strips_.data(), b, c, accumulate);
  }
  gemm<S>(*a.a_, a.op_, b, Op::N, c, accumulate);
}

template class PackedMatrix<float>;
template class PackedMatrix<double>;
template void gemm<float>(const PackedMatrix<float>&, const CMatRef<float>&, MatRef<float>, bool);
template void gemm<double>(const PackedMatrix<double>&, const CMatRef<double>&, MatRef<double>,
                           bool);

}  // namespace unroll
