// Sequence-to-sequence tasks on digit strings (reverse, repeat, sort,
// addition):
// a source sequence in, a target sequence out.
//
// Tokens (one-hot, 13 of them): digits 0-9 = ids 0..9, '.' (pad) = 10,
// '+' = 11, '=' = 12 (the "now answer" marker, also the decoder's start
// token). Output classes are ids 0..10 (digits and pad), so a predicted
// class is directly the next decoder input token (greedy decoding).
//
// Two views of the same data:
//  - pairs (sample_pairs) for encoder-decoder models: the source, and the
//    decoder side with teacher forcing: input [=, y_0 .. y_{Tt-2}], target
//    [y_0 .. y_{Tt-1}], every target position counted;
//  - one stream (Task::sample) for single-sequence models (recurrent, or
//    decoder-only): x = source, '=', y_0 .. y_{Tt-2}; targets on the last
//    Tt steps only (like the copy task).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/tasks/task.h"

namespace unroll {

constexpr Index kSeqTokens = 13;   // input vocabulary
constexpr Index kSeqClasses = 11;  // output classes: digits and pad
constexpr int kTokPad = 10, kTokPlus = 11, kTokGo = 12;

enum class Seq2SeqKind { Reverse, Repeat, Sort, Add };

// Source/target pairs, time-major like every batch.
struct PairBatch {
  Index Ts = 0, B = 0;
  Mat<float> src;    // kSeqTokens x Ts*B   one-hot source
  Batch<float> dec;  // x: kSeqTokens x Tt*B (teacher forcing), targets, weight 1
};

class Seq2SeqTask : public Task {
 public:
  // n: digits per sequence (reverse, repeat, sort) or per operand (add),
  // 1..kMaxTaskT (add: 1..200, the answer must fit in a batch).
  static std::unique_ptr<Seq2SeqTask> create(Seq2SeqKind kind, Index n, std::string* error);

  Seq2SeqKind kind() const { return kind_; }
  Index length() const { return n_; }   // the n it was made with
  Index src_len() const;                // Ts
  Index tgt_len() const;                // Tt

  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return kSeqTokens; }
  Index output_size() const override { return kSeqClasses; }
  LossKind loss() const override { return LossKind::Xent; }
  Index seq_len() const override { return src_len() + tgt_len(); }
  const std::vector<std::string>& vocab() const override { return vocab_; }
  void sample(Rng& rng, Index B, Batch<float>& batch) const override;
  double metric(const Batch<float>& batch, const Mat<float>& out) const override;
  std::string render(const Batch<float>& batch, const Mat<float>& out, Index b) const override;

  void sample_pairs(Rng& rng, Index B, PairBatch& pairs) const;
  // The source tokens of sequence b, one string per step ("3", "+", ...).
  std::vector<std::string> source_tokens(const PairBatch& pairs, Index b) const;
  // Pair view of sequence b with the decoder's outputs (kSeqClasses x Tt*B).
  std::string render_pair(const PairBatch& pairs, const Mat<float>& out, Index b) const;
  // Chance of getting a WHOLE target right without reading the source
  // (best blind guess; estimated once from 4096 fixed-seed samples).
  double chance_sequence() const { return chance_seq_; }

 private:
  Seq2SeqTask(Seq2SeqKind kind, Index n);
  // One example: source and target token ids.
  void draw(Rng& rng, std::vector<int>* src, std::vector<int>* tgt) const;

  Seq2SeqKind kind_;
  Index n_;
  TaskInfo info_;
  std::vector<std::string> vocab_;
  double chance_seq_ = 0;
};

// Fraction of sequences whose every counted position is predicted right
// (argmax). NaN if `out` does not fit the batch.
double sequence_accuracy(const Batch<float>& batch, const Mat<float>& out);

// Same as sequence_accuracy for the pairs' decoder side.
inline double pair_sequence_accuracy(const PairBatch& p, const Mat<float>& out) {
  return sequence_accuracy(p.dec, out);
}

}  // namespace unroll
