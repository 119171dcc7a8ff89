#include "core/rnn/spectrum.h"

#include <Eigen/Eigenvalues>
#include <cmath>

namespace unroll {

template <class S>
std::vector<std::complex<double>> eigenvalues(const Mat<S>& w) {
  if (w.size() == 0) return {};
  // Always in double: a float solver loses the small eigenvalues' digits.
  Eigen::EigenSolver<Mat<double>> es(w.template cast<double>(), /*computeEigenvectors=*/false);
  const auto& ev = es.eigenvalues();
  std::vector<std::complex<double>> out(size_t(ev.size()));
  for (Index k = 0; k < ev.size(); ++k) out[size_t(k)] = ev(k);
  return out;
}

template <class S>
double spectral_radius(const Mat<S>& w) {
  double r = 0;
  for (const auto& z : eigenvalues(w)) r = std::max(r, std::abs(z));
  return r;
}

template std::vector<std::complex<double>> eigenvalues<float>(const Mat<float>&);
template std::vector<std::complex<double>> eigenvalues<double>(const Mat<double>&);
template double spectral_radius<float>(const Mat<float>&);
template double spectral_radius<double>(const Mat<double>&);

}  // namespace unroll
