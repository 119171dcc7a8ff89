// One minibatch of sequences, time-major (see tensor.h).
#pragma once
#include <vector>

#include "core/tensor/tensor.h"

namespace unroll {

enum class LossKind { Mse, Xent };

// Which positions of a sequence the loss counts.
enum class LossAt { EveryStep, LastStep, Mask };

template <class S>
struct Batch {
  Index T = 0, B = 0;  // timesteps, sequences
  Index I = 0, O = 0;  // input features, output features (or classes)
  LossKind loss = LossKind::Mse;

  Mat<S> x;  // I x (T*B)   inputs (one-hot columns for token tasks)
  Mat<S> y;  // O x (T*B)   regression targets (Mse only)
  std::vector<int> target;  // T*B   class index per position (Xent only)
  // T*B  1 where the loss counts this position, 0 where it does not.
  // Positions are indexed t*B + b like the columns of x.
  std::vector<S> weight;

  void resize(Index T_, Index B_, Index I_, Index O_, LossKind k) {
    T = T_; B = B_; I = I_; O = O_; loss = k;
    x.setZero(I, T * B);
    if (k == LossKind::Mse) y.setZero(O, T * B); else y.resize(0, 0);
    target.assign(k == LossKind::Xent ? size_t(T * B) : 0, -1);
    weight.assign(size_t(T * B), S(0));
  }
  Index col(Index t, Index b) const { return t * B + b; }
  // The same batch in another scalar type (double for gradient checks).
  template <class U>
  Batch<U> cast() const {
    Batch<U> b;
    b.T = T; b.B = B; b.I = I; b.O = O; b.loss = loss;
    b.x = x.template cast<U>();
    b.y = y.template cast<U>();
    b.target = target;
    b.weight.assign(weight.begin(), weight.end());
    return b;
  }
  double counted() const {
    double n = 0;
    for (S w : weight) n += double(w);
    return n;
  }
};

}  // namespace unroll
