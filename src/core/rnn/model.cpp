#include "core/rnn/model.h"

namespace unroll {

template <class S>
Model<S>::Model(const ModelSpec& spec) : spec_(spec) {
  const Index g = gate_count(spec.cell), H = spec.hidden;
  params_.reserve(size_t(4 * spec.layers + 2));
  auto add = [&](std::string name, Index rows, Index cols) {
    params_.push_back({std::move(name), Mat<S>::Zero(rows, cols), Mat<S>::Zero(rows, cols)});
  };
  for (Index l = 0; l < spec.layers; ++l) {
    const std::string sfx = "_l" + std::to_string(l);
    add("rnn.weight_ih" + sfx, g * H, input_size(l));
    add("rnn.weight_hh" + sfx, g * H, H);
    add("rnn.bias_ih" + sfx, g * H, 1);
    add("rnn.bias_hh" + sfx, g * H, 1);
  }
  add("head.weight", spec.output, H);
  add("head.bias", spec.output, 1);
}

template <class S>
Model<S>& Model<S>::operator=(const Model& o) {
  spec_ = o.spec_;
  params_ = o.params_;
  return *this;
}

template <class S>
Param<S>* Model<S>::find(const std::string& name) {
  for (auto& p : params_)
    if (p.name == name) return &p;
  return nullptr;
}

template <class S>
Index Model<S>::param_count() const {
  Index n = 0;
  for (const auto& p : params_) n += p.value.size();
  return n;
}

template <class S>
void Model<S>::zero_grad() {
  for (auto& p : params_) p.grad.setZero();
}

template class Model<float>;
template class Model<double>;

}  // namespace unroll
