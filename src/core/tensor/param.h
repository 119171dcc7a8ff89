// A named parameter tensor with its gradient (PyTorch name and shape).
#pragma once
#include <string>

#include "tensor.h"

namespace unroll {

template <class S>
struct Param {
  std::string name;  // e.g. "rnn.weight_hh_l0", "head.bias"
  Mat<S> value;      // PyTorch shape; biases are n x 1
  Mat<S> grad;       // same shape, dLoss/dvalue
};

}  // namespace unroll
