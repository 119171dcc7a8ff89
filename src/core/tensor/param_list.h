// A model's parameters as one flat list (the optimizer, clipping and the
// weights export walk it), and the index-based handles layers use to find
// their tensors in it. Indices instead of pointers: a model stays copyable
// and castable to double for gradient checks.
#pragma once
#include <string>
#include <vector>

#include "core/tensor/param.h"
#include "core/tensor/rng.h"

namespace unroll {

template <class S> using ParamList = std::vector<Param<S>>;

// Appends a zero rows x cols parameter; returns its index.
template <class S>
int add_param(ParamList<S>& P, std::string name, Index rows, Index cols) {
  P.push_back({std::move(name), Mat<S>::Zero(rows, cols), Mat<S>::Zero(rows, cols)});
  return int(P.size() - 1);
}

template <class S>
void zero_grads(ParamList<S>& P) {
  for (auto& p : P) p.grad.setZero();
}

// Number of scalars in all the tensors.
template <class S>
Index param_count(const ParamList<S>& P) {
  Index n = 0;
  for (const auto& p : P) n += p.value.size();
  return n;
}

// Every entry U(-bound, bound) / N(0, sd^2), in storage order (column-major),
// one draw each: the order a seed's initialisation depends on.
template <class S>
void fill_uniform(Mat<S>& m, double bound, Rng& rng) {
  for (Index j = 0; j < m.size(); ++j) m.data()[j] = S(rng.uniform(-bound, bound));
}
template <class S>
void fill_normal(Mat<S>& m, double sd, Rng& rng) {
  for (Index j = 0; j < m.size(); ++j) m.data()[j] = S(sd * rng.normal());
}

template <class T, class S>
ParamList<T> cast_params(const ParamList<S>& P) {
  ParamList<T> out;
  for (const auto& p : P) out.push_back({p.name, p.value.template cast<T>(), p.grad.template cast<T>()});
  return out;
}

}  // namespace unroll
