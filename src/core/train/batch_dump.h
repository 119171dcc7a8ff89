// The batches a run trains on, as JSON lines (`unroll train --dump-batches`),
// so another implementation (the exported PyTorch script) can train on
// exactly the same data:
//
//   {"step": s, "x": [T][B][I], "weight": [T][B],
//    "y": [T][B][O] (MSE tasks) or "targets": [T][B] (class indices),
//    "src": [Ts][B][I] (models that read source/target pairs)}
//
// Time-major like PyTorch's nn.RNN input; float32 values written shortest
// exact. For pair models x is the decoder's teacher-forced input.
#pragma once
#include <string>

#include "core/train/experiment.h"

namespace unroll {

// The batch e's next step() will draw, as one JSON line (no newline),
// drawn from a copy of its data stream: e itself is untouched.
std::string next_batch_json(const Experiment& e);

}  // namespace unroll
