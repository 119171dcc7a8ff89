// add_and_norm (grad_accumulate.h) against the plain Eigen expressions, for
// float (vector path + tail) and double, with a strided dy block.
#include <gtest/gtest.h>

#include "core/kernels/grad_accumulate.h"
#include "core/tensor/rng.h"

namespace unroll {
namespace {

template <class S>
void check(Index H, Index B) {
  Rng rng(uint64_t(H * 31 + B));
  Mat<S> dh(H, B), dy_big(H + 3, B);
  for (Index j = 0; j < dh.size(); ++j) dh.data()[j] = S(rng.uniform(-1, 1));
  for (Index j = 0; j < dy_big.size(); ++j) dy_big.data()[j] = S(rng.uniform(-1, 1));
  const auto dy = dy_big.topRows(H);  // outer stride H + 3
  const Mat<S> expect = dh + dy;
  const double norm = add_and_norm<S>(dh, dy, true);
  EXPECT_EQ(dh, expect) << "H=" << H;
  EXPECT_NEAR(norm, expect.template cast<double>().norm(), 1e-6 * (1 + norm)) << "H=" << H;
  Mat<S> again = expect;
  EXPECT_EQ(add_and_norm<S>(again, dy, false), 0.0) << "no norm asked, none computed";
}

TEST(AddAndNorm, MatchesEigenForFloatAndDouble) {
  for (Index H : {1, 3, 4, 7, 64, 130})
    for (Index B : {1, 5, 32}) {
      check<float>(H, B);
      check<double>(H, B);
    }
}

}  // namespace
}  // namespace unroll
