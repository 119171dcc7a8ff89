// The SIMD GEMM kernels (what wasm builds use for float) against Eigen, on
// the engine's shapes and on awkward ones (sizes not multiples of the 8 x 4
// tile, strided blocks, k = 0, k beyond one 128-step block), all four ops,
// overwrite and accumulate.
#include <gtest/gtest.h>

#include "core/gemm.h"
#include "core/rng.h"

namespace unroll {
namespace {

Mat<float> random_mat(Index r, Index c, Rng& rng) {
  Mat<float> m(r, c);
  for (Index j = 0; j < m.size(); ++j) m.data()[j] = float(rng.uniform(-1, 1));
  return m;
}

// Checks gemm_simd on C (m x n) (+)= op(A) op(B) with inner size k, where
// every operand is a block inside a larger matrix (column stride > rows).
void check(Index m, Index n, Index k, Op oa, Op ob, bool accumulate) {
  Rng rng(uint64_t(m * 1000003 + n * 1009 + k * 7 + int(oa) * 2 + int(ob)));
  const Index ar = oa == Op::N ? m : k, ac = oa == Op::N ? k : m;
  const Index br = ob == Op::N ? k : n, bc = ob == Op::N ? n : k;
  Mat<float> abig = random_mat(ar + 3, ac, rng), bbig = random_mat(br + 5, bc, rng);
  Mat<float> cbig = random_mat(m + 2, n, rng);
  auto a = abig.topRows(ar);
  // An offset block of a matrix with no columns has no storage: offsetting its
  // null data pointer is undefined behaviour (UBSan), so start at row 0 there.
  auto b = bbig.middleRows(bbig.cols() > 0 ? 2 : 0, br);
  Mat<float> opa = oa == Op::N ? Mat<float>(a) : Mat<float>(a.transpose());
  Mat<float> opb = ob == Op::N ? Mat<float>(b) : Mat<float>(b.transpose());
  Mat<double> expect = opa.cast<double>() * opb.cast<double>();
  if (accumulate) expect += cbig.topRows(m).cast<double>();
  const Mat<float> below = cbig.bottomRows(2);
  gemm_simd(a, oa, b, ob, cbig.topRows(m), accumulate);
  const double tol = 1e-5 * double(k + 1);
  for (Index j = 0; j < n; ++j)
    for (Index i = 0; i < m; ++i)
      ASSERT_NEAR(double(cbig(i, j)), expect(i, j), tol)
          << "m=" << m << " n=" << n << " k=" << k << " ops=" << int(oa) << int(ob)
          << " acc=" << accumulate << " at (" << i << "," << j << ")";
  EXPECT_EQ(cbig.bottomRows(2), below) << "rows outside the C block were written";
}

TEST(GemmSimd, MatchesEigenOnEngineAndAwkwardShapes) {
  const Index shapes[][3] = {{256, 32, 64}, {64, 32, 256}, {256, 40, 8}, {192, 48, 300},
                             {13, 7, 5},    {1, 9, 17},    {5, 1, 3},    {8, 4, 0},
                             {17, 6, 129},  {3, 3, 1}};
  for (const auto& s : shapes)
    for (Op oa : {Op::N, Op::T})
      for (Op ob : {Op::N, Op::T})
        for (bool acc : {false, true}) check(s[0], s[1], s[2], oa, ob, acc);
}

TEST(GemmSimd, IsDeterministic) {
  Rng rng(3);
  const Mat<float> a = random_mat(96, 300, rng), b = random_mat(40, 300, rng);
  Mat<float> c1 = Mat<float>::Zero(96, 40), c2 = Mat<float>::Zero(96, 40);
  gemm_simd(a, Op::N, b, Op::T, c1, true);
  gemm_simd(a, Op::N, b, Op::T, c2, true);
  EXPECT_EQ(c1, c2);
}

TEST(Gemm, DoubleAndFloatDispatchAgreeWithEigen) {
  Rng rng(5);
  const Mat<float> a = random_mat(24, 10, rng), b = random_mat(10, 6, rng);
  Mat<float> c(24, 6);
  gemm<float>(a, Op::N, b, Op::N, c, false);
  EXPECT_LT((c - a * b).cwiseAbs().maxCoeff(), 1e-5f);
  const Mat<double> ad = a.cast<double>(), bd = b.cast<double>();
  Mat<double> cd = Mat<double>::Ones(10, 10);
  gemm<double>(ad, Op::T, ad, Op::N, cd, true);
  EXPECT_LT((cd - (Mat<double>::Ones(10, 10) + ad.transpose() * ad)).cwiseAbs().maxCoeff(), 1e-12);
}

}  // namespace
}  // namespace unroll
