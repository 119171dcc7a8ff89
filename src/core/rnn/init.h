// Parameter initialisation. The recurrent weights' scale is THE knob for
// making gradients vanish or explode on purpose, hence `rho`.
#pragma once
#include "core/rnn/stack.h"
#include "core/tensor/rng.h"

namespace unroll {

enum class InitKind {
  PyTorch,     // every RNN tensor U(-1/sqrt(H), 1/sqrt(H)), as torch.nn.RNN/LSTM/GRU
  Xavier,      // Glorot uniform per gate block, biases 0
  Orthogonal,  // W_hh gate blocks orthogonal (Saxe et al. 2014), W_ih Xavier, biases 0
  Identity,    // W_hh gate blocks = I (IRNN, Le et al. 2015), W_ih Xavier, biases 0
};

struct InitSpec {
  InitKind kind = InitKind::PyTorch;
  double rho = 0;          // > 0: rescale every H x H block of W_hh to this spectral radius
  double forget_bias = 1;  // LSTM: b_ih's f rows = this, b_hh's f rows = 0
};

// The head is always PyTorch's nn.Linear default: U(-1/sqrt(H), 1/sqrt(H)).
template <class S>
void initialise(RnnStack<S>& m, const InitSpec& spec, Rng& rng);

}  // namespace unroll
