// Eigenvalues of recurrent weight blocks: the "powers of W" picture.
// In an Elman network dL/dh_1 = prod_t (diag(act'_t) W_hh^T) dL/dh_T, so
// W_hh's spectral radius rho decides whether gradients shrink (rho < 1) or
// can grow (rho > 1) as they travel back in time.
#pragma once
#include <complex>
#include <vector>

#include "core/tensor/tensor.h"

namespace unroll {

// All eigenvalues of a square matrix (unordered).   W: n x n
template <class S>
std::vector<std::complex<double>> eigenvalues(const Mat<S>& w);

// max |lambda|; 0 for an empty matrix.
template <class S>
double spectral_radius(const Mat<S>& w);

}  // namespace unroll
