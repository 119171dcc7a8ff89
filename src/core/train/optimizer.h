// Optimisers with PyTorch's update rules (torch.optim.SGD with and without
// momentum, RMSprop, Adam; weight decay as L2 added to the gradient).
#pragma once
#include <vector>

#include "core/tensor/param_list.h"

namespace unroll {

enum class OptimKind { Sgd, Momentum, RmsProp, Adam };

struct OptimSpec {
  OptimKind kind = OptimKind::Adam;
  double lr = 0.01;
  double momentum = 0.9;     // Momentum only
  double weight_decay = 0;
  // Fixed at PyTorch's defaults.
  double rms_alpha = 0.99, adam_beta1 = 0.9, adam_beta2 = 0.999, eps = 1e-8;
};

template <class S>
class Optimizer {
 public:
  Optimizer(const std::vector<Param<S>>& params, const OptimSpec& spec);
  // Hyperparameters may change between steps (the state is kept).
  void set_spec(const OptimSpec& spec) { spec_ = spec; }
  const OptimSpec& spec() const { return spec_; }

  // w <- w - update(grad). Returns ||delta w|| / ||w|| over all parameters
  // (the update-to-weight ratio; ~1e-3 is the usual healthy range).
  double step(std::vector<Param<S>>& params);

 private:
  OptimSpec spec_;
  long t_ = 0;
  std::vector<Mat<S>> m1_, m2_;  // per parameter: momentum / first moment, second moment
};

}  // namespace unroll
