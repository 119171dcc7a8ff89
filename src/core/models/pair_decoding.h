// What the two models that read source/target pairs (the encoder-decoder,
// and the Transformer on a sequence-to-sequence task) share: greedy
// evaluation at another length, and the probe of the fixed pairs.
#pragma once
#include <functional>

#include "core/models/net.h"
#include "core/tasks/seq2seq_task.h"

namespace unroll {

// Decodes p.dec.x in place (its step 0 holds the go token; the model's own
// argmax predictions are fed back) and returns the outputs   O x Tt*B.
using GreedyDecode = std::function<const Mat<float>&(PairBatch& p)>;

// Greedy accuracy on pairs first .. first+n-1 of task's kind at `length`,
// drawn with rng (the earlier ones are drawn and skipped) in batches of at
// most 64. max_len > 0: the longest sequence the model can read (learned
// positions); longer ones get an error instead.
EvalResult evaluate_pairs(const Task& task, Index length, Index n, Rng& rng, Index first,
                          Index max_len, const GreedyDecode& greedy);

// The probe of pair models: greedy decoding of a copy of the fixed pairs,
// the metric, the rendered pairs and the source tokens of sequence 0.
ProbeSnapshot probe_pairs(const Seq2SeqTask& task, const PairBatch& pairs, PairBatch& work,
                          const GreedyDecode& greedy);

}  // namespace unroll
