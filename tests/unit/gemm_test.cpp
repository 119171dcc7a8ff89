// The SIMD GEMM kernels (what wasm builds use for float) against Eigen, on
// the engine's shapes and on awkward ones (sizes not multiples of the 8 x 4
// tile, strided blocks, k = 0, k beyond one 128-step block), all four ops,
// overwrite and accumulate.
#include <gtest/gtest.h>

#include "core/kernels/gemm.h"
#include "core/tensor/rng.h"

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

// The prepacked path (PackedMatrix's SIMD side, what the cells use for W_hh
// at every step) must give exactly what gemm_simd gives: same strips, same
// kernel, same summation order.
TEST(GemmSimd, PrepackedEqualsPackedOnTheFly) {
  Rng rng(11);
  const Index shapes[][3] = {{256, 32, 64}, {64, 32, 256}, {13, 7, 5}, {17, 6, 300}, {8, 4, 0}};
  for (const auto& s : shapes)
    for (Op oa : {Op::N, Op::T})
      for (bool acc : {false, true}) {
        const Index m = s[0], n = s[1], k = s[2];
        const Mat<float> a = oa == Op::N ? random_mat(m, k, rng) : random_mat(k, m, rng);
        const Mat<float> b = random_mat(k, n, rng), c0 = random_mat(m, n, rng);
        Mat<float> expect = c0, got = c0;
        gemm_simd(a, oa, b, Op::N, expect, acc);
        std::vector<float> packed;
        gemm_simd_pack(a, oa, packed);
        gemm_simd_prepacked(packed.data(), b, got, acc);
        EXPECT_EQ(got, expect) << "m=" << m << " n=" << n << " k=" << k << " op=" << int(oa)
                               << " acc=" << acc;
      }
}

// PackedMatrix through gemm<S> agrees with the plain product for both scalars.
TEST(Gemm, PackedMatrixMatchesPlainProduct) {
  Rng rng(12);
  const Mat<float> a = random_mat(40, 24, rng), b = random_mat(24, 9, rng), bt = random_mat(40, 9, rng);
  PackedMatrix<float> pa;
  pa.pack(a, Op::N);
  Mat<float> c(40, 9), expect(40, 9);
  gemm<float>(pa, b, c, false);
  gemm<float>(a, Op::N, b, Op::N, expect, false);
  EXPECT_EQ(c, expect);
  pa.pack(a, Op::T);  // re-packing the same object as the transpose
  Mat<float> ct(24, 9), expect_t(24, 9);
  gemm<float>(pa, bt, ct, false);
  gemm<float>(a, Op::T, bt, Op::N, expect_t, false);
  EXPECT_EQ(ct, expect_t);
  const Mat<double> ad = a.cast<double>(), bd = b.cast<double>();
  PackedMatrix<double> pd;
  pd.pack(ad, Op::N);
  Mat<double> cd = Mat<double>::Ones(40, 9), expect_d = Mat<double>::Ones(40, 9);
  gemm<double>(pd, bd, cd, true);
  expect_d += ad * bd;
  EXPECT_LT((cd - expect_d).cwiseAbs().maxCoeff(), 1e-12);
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
