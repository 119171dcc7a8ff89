// Bias broadcast and its gradient on column blocks, in the order that
// vectorises: down each column (contiguous), one column after another.
//
// Why not Eigen's  m.colwise() += b  /  g += m.rowwise().sum():  in wasm
// Eigen runs them scalar, and rowwise().sum() walks each row across the
// columns (a 2 KB stride for an LSTM's 4H = 512 rows): that one line was
// ~10% of an LSTM H=128 training step in Chromium. These plain loops are
// vectorised by the compiler (the rows are independent, so no reordering
// of any sum is needed) and give the same result on every run.
#pragma once
#include "core/kernels/gemm.h"

namespace unroll {

// m(i, j) += bias[i] for every column j.       m: r x n, bias: r
template <class S>
void add_to_columns(MatRef<S> m, const S* bias);

// out[i] += sum over j of m(i, j), summed j = 0, 1, ... in order.   m: r x n, out: r
template <class S>
void add_row_sums(const CMatRef<S>& m, S* out);

}  // namespace unroll
