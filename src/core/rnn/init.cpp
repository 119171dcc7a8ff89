#include "core/rnn/init.h"

#include <Eigen/QR>
#include <cmath>

#include "core/rnn/spectrum.h"

namespace unroll {
namespace {

// Uniform orthogonal matrix: QR of a Gaussian, signs fixed by diag(R).
template <class S>
Mat<S> random_orthogonal(Index n, Rng& rng) {
  Mat<double> g(n, n);
  for (Index j = 0; j < g.size(); ++j) g.data()[j] = rng.normal();
  Eigen::HouseholderQR<Mat<double>> qr(g);
  Mat<double> q = qr.householderQ();
  const Mat<double> r = qr.matrixQR().template triangularView<Eigen::Upper>();
  for (Index k = 0; k < n; ++k)
    if (r(k, k) < 0) q.col(k) *= -1.0;
  return q.cast<S>();
}

}  // namespace

template <class S>
void initialise(RnnStack<S>& m, const InitSpec& spec, Rng& rng) {
  const RnnSpec& ms = m.spec();
  const Index H = ms.hidden, g = gate_count(ms.cell);
  const double k = 1.0 / std::sqrt(double(H));
  for (Index l = 0; l < ms.layers; ++l) {
    Mat<S>& w_ih = m.lp(l, kWih).value;  // gH x I_l
    Mat<S>& w_hh = m.lp(l, kWhh).value;  // gH x H
    Mat<S>& b_ih = m.lp(l, kBih).value;  // gH x 1
    Mat<S>& b_hh = m.lp(l, kBhh).value;  // gH x 1
    if (spec.kind == InitKind::PyTorch) {
      fill_uniform(w_ih, k, rng);
      fill_uniform(w_hh, k, rng);
      fill_uniform(b_ih, k, rng);
      fill_uniform(b_hh, k, rng);
    } else {
      // Glorot per gate block: fan_in = I_l, fan_out = H.
      fill_uniform(w_ih, std::sqrt(6.0 / double(w_ih.cols() + H)), rng);
      b_ih.setZero();
      b_hh.setZero();
      for (Index b = 0; b < g; ++b) {
        auto blk = w_hh.middleRows(b * H, H);  // H x H
        if (spec.kind == InitKind::Xavier) {
          Mat<S> tmp(H, H);
          fill_uniform(tmp, std::sqrt(6.0 / double(2 * H)), rng);
          blk = tmp;
        } else if (spec.kind == InitKind::Orthogonal) {
          blk = random_orthogonal<S>(H, rng);
        } else {
          blk.setIdentity();
        }
      }
    }
    if (spec.rho > 0) {
      for (Index b = 0; b < g; ++b) {
        Mat<S> blk = w_hh.middleRows(b * H, H);
        const double r = spectral_radius(blk);
        if (r > 0) w_hh.middleRows(b * H, H) = blk * S(spec.rho / r);
      }
    }
    if (ms.cell == CellKind::Lstm) {
      // Rows H..2H are the forget gate (order i, f, g, o).
      b_ih.middleRows(H, H).setConstant(S(spec.forget_bias));
      b_hh.middleRows(H, H).setZero();
    }
  }
  fill_uniform(m.head_w().value, k, rng);
  fill_uniform(m.head_b().value, k, rng);
}

template void initialise<float>(RnnStack<float>&, const InitSpec&, Rng&);
template void initialise<double>(RnnStack<double>&, const InitSpec&, Rng&);

}  // namespace unroll
