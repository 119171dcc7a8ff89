#include "core/models/pair_decoding.h"

#include <algorithm>

namespace unroll {

EvalResult evaluate_pairs(const Task& base, Index length, Index n, Rng& rng, Index first,
                          Index max_len, const GreedyDecode& greedy) {
  EvalResult r;
  r.length = length;
  const auto* st = dynamic_cast<const Seq2SeqTask*>(&base);
  if (!st) {
    r.error = "greedy evaluation needs the encoder-decoder (pair) view of a seq2seq task";
    return r;
  }
  std::string error;
  auto task = Seq2SeqTask::create(st->kind(), length, &error);
  if (!task) {
    r.error = error;
    return r;
  }
  r.length = task->length();
  r.chance_token = task->info().chance_metric;
  r.chance_sequence = task->chance_sequence();
  const Index need = std::max(task->src_len(), task->tgt_len());
  if (max_len > 0 && need > max_len) {
    r.error = "learned positions exist for " + std::to_string(max_len) +
              " steps only; length " + std::to_string(task->length()) + " needs " +
              std::to_string(need) + " (use pos=sinusoidal, or set eval_T to cover it)";
    return r;
  }
  PairBatch p;
  for (Index skipped = 0; skipped < first;) {  // the same draws a whole run makes
    const Index B = std::min<Index>(64, first - skipped);
    task->sample_pairs(rng, B, p);
    skipped += B;
  }
  double tok = 0, seq = 0;
  Index done = 0;
  while (done < n) {
    const Index B = std::min<Index>(64, n - done);
    task->sample_pairs(rng, B, p);
    const Mat<float>& out = greedy(p);
    tok += task->metric(p.dec, out) * double(B);
    seq += sequence_accuracy(p.dec, out) * double(B);
    done += B;
  }
  r.token_accuracy = tok / double(n);
  r.sequence_accuracy = seq / double(n);
  return r;
}

ProbeSnapshot probe_pairs(const Seq2SeqTask& task, const PairBatch& pairs, PairBatch& work,
                          const GreedyDecode& greedy) {
  ProbeSnapshot s;
  work = pairs;
  s.out = greedy(work);
  s.metric = task.metric(work.dec, s.out);
  for (Index b = 0; b < work.B; ++b) s.rendered.push_back(task.render_pair(work, s.out, b));
  s.B = pairs.B;
  s.T = s.out.cols() / s.B;
  s.batch = pairs.dec;
  s.attn.source_tokens = task.source_tokens(pairs, 0);
  return s;
}

}  // namespace unroll
