// The network: input -> stacked recurrent layers -> linear head applied at
// every timestep. Holds parameters only; activations live in a RnnWorkspace
// (workspace.h) so one model can run batches of different shapes.
#pragma once
#include <vector>

#include "core/rnn/cell_kind.h"
#include "core/tensor/param_list.h"

namespace unroll {

struct RnnSpec {
  CellKind cell = CellKind::Lstm;
  Index input = 1;   // I: features (or one-hot vocabulary) per step
  Index hidden = 64; // H
  Index layers = 1;  // L, 1..4
  Index output = 1;  // O: regression outputs or classes
};

// The four tensors of one recurrent layer, as in torch.nn.RNN/LSTM/GRU:
// weight_ih gH x I_l, weight_hh gH x H, bias_ih gH x 1, bias_hh gH x 1.
enum LayerTensor { kWih = 0, kWhh = 1, kBih = 2, kBhh = 3 };

// "lstm with input 1, hidden 64, 1 layer(s), output 1" (for messages).
std::string describe_stack(const RnnSpec& s);

template <class S>
class RnnStack {
 public:
  explicit RnnStack(const RnnSpec& spec);
  RnnStack(const RnnStack& o) { *this = o; }
  RnnStack& operator=(const RnnStack& o);

  const RnnSpec& spec() const { return spec_; }
  // In PyTorch order: rnn.{weight_ih,weight_hh,bias_ih,bias_hh}_l0, ..._l1,
  // ..., head.weight, head.bias.
  std::vector<Param<S>>& params() { return params_; }
  const std::vector<Param<S>>& params() const { return params_; }
  Param<S>* find(const std::string& name);

  Param<S>& lp(Index l, LayerTensor w) { return params_[size_t(4 * l + w)]; }
  const Param<S>& lp(Index l, LayerTensor w) const { return params_[size_t(4 * l + w)]; }
  Param<S>& head_w() { return params_[size_t(4 * spec_.layers)]; }      // O x H
  Param<S>& head_b() { return params_[size_t(4 * spec_.layers + 1)]; }  // O x 1
  const Param<S>& head_w() const { return params_[size_t(4 * spec_.layers)]; }
  const Param<S>& head_b() const { return params_[size_t(4 * spec_.layers + 1)]; }

  Index input_size(Index l) const { return l == 0 ? spec_.input : spec_.hidden; }
  Index param_count() const { return unroll::param_count(params_); }
  void zero_grad() { zero_grads(params_); }

  // Same architecture and values in another scalar type (gradient checks).
  template <class T>
  RnnStack<T> cast() const {
    RnnStack<T> m(spec_);
    for (size_t k = 0; k < params_.size(); ++k)
      m.params()[k].value = params_[k].value.template cast<T>();
    return m;
  }

 private:
  RnnSpec spec_;
  std::vector<Param<S>> params_;
};

}  // namespace unroll
