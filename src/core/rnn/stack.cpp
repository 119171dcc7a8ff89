#include "core/rnn/stack.h"

namespace unroll {

std::string describe_stack(const RnnSpec& s) {
  return std::string(cell_name(s.cell)) + " with input " + std::to_string(s.input) + ", hidden " +
         std::to_string(s.hidden) + ", " + std::to_string(s.layers) + " layer(s), output " +
         std::to_string(s.output);
}

template <class S>
RnnStack<S>::RnnStack(const RnnSpec& spec) : spec_(spec) {
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
RnnStack<S>& RnnStack<S>::operator=(const RnnStack& o) {
  spec_ = o.spec_;
  params_ = o.params_;
  return *this;
}

template <class S>
Param<S>* RnnStack<S>::find(const std::string& name) {
  for (auto& p : params_)
    if (p.name == name) return &p;
  return nullptr;
}

template class RnnStack<float>;
template class RnnStack<double>;

}  // namespace unroll
