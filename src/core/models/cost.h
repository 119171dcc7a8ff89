// What a model costs, estimated from its spec BEFORE anything is allocated
// or run: bytes of parameters, optimizer state, activation caches (T x
// batch), probes and greedy evaluation, and the arithmetic of one training
// step. The formulas count the same buffers the models size (rnn/workspace,
// encoder_decoder, transformer + layers); tests/unit/cost_test.cpp checks
// them against the heap a real experiment uses (within 20 %).
#pragma once
#include <string>

#include "core/models/net.h"

namespace unroll {

// The task's sizes a model is built for.
struct TaskShape {
  Index input = 1, output = 1;
  Index T = 1;              // one-stream length (seq_len)
  bool pairs = false;       // source/target pairs (seq2seq tasks)
  Index src = 0, tgt = 0;   // pair lengths at the training length
  Index eval_src = 0, eval_tgt = 0;  // ... at eval_T (0: none)
  bool mse = true;          // regression targets (else class ids)
};
TaskShape task_shape(const Task& task, Index eval_T);

struct CostEstimate {
  double params = 0;       // values + gradients
  double optimizer = 0;    // moment buffers (every optimizer keeps two)
  double activations = 0;  // caches of one training batch (forward + backward)
  double probe = 0;        // the fixed probe sequences and their snapshot
  double eval = 0;         // greedy decoding at eval_T beyond the training buffers
  double flops = 0;        // arithmetic of one training step (multiply-adds count 2)
  double bytes() const { return params + optimizer + activations + probe + eval; }
};

// Sequences per greedy-evaluation batch and probe sequences (as the models use).
constexpr Index kEvalBatch = 64;
constexpr Index kProbeSequences = 4;

CostEstimate estimate_cost(const NetSpec& spec, const TaskShape& shape, Index batch);

// "71 GB", "512 MB", "3.2 KB".
std::string format_bytes(double bytes);
// "4.1 TFLOP", "160 MFLOP".
std::string format_flops(double flops);
// "24 s", "350 ms".
std::string format_seconds(double seconds);

}  // namespace unroll
