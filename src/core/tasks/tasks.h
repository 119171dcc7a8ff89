// The sequence tasks: one factory per task (make_task in make_task.cpp only
// maps config keys onto these), the text task's own API (encode, decode,
// sampling from logits) and strict UTF-8 decoding for user text.
//
// Conventions shared by every task:
// - Token tasks put one-hot columns in batch.x and a class index per
//   position in batch.target. Every target is a valid class index, also
//   where the weight is 0 (so a loss may read it without checking).
// - Real-valued tasks fill batch.y; y is 0 wherever the weight is 0.
// - sample() resizes the batch only when its shape changes, so calling it
//   every training step does not allocate.
// - Factories return null and set *error on a bad setup; they never throw.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/tasks/task.h"

namespace unroll {

// Largest T any factory accepts (the config key T's range is 1..1000).
constexpr Index kMaxTaskT = 1000;

// Adding problem: needs 2 <= T <= kMaxTaskT (two distinct marked steps).
std::unique_ptr<Task> make_adding_task(Index T, std::string* error);

// Copy memory: `symbols` (1..20) letters from an alphabet of `alphabet`
// (2..32) letters, then a blank delay of T (1..kMaxTaskT) steps.
std::unique_ptr<Task> make_copy_task(Index T, Index symbols, Index alphabet,
                                     std::string* error);

// Parity: loss at every step (every_step) or only at the last one.
std::unique_ptr<Task> make_parity_task(Index T, bool every_step,
                                       std::string* error);

// Embedded Reber grammar, padded to T steps: needs 9 <= T <= kMaxTaskT.
std::unique_ptr<Task> make_reber_task(Index T, std::string* error);

// Next-value prediction on a sum of `waves` (1..5) random sines.
std::unique_ptr<Task> make_sine_task(Index T, Index waves, std::string* error);

// ---- text ------------------------------------------------------------------

// The built-in corpus (corpus=tiny): original English/Portuguese text.
const std::string& tiny_corpus();

// Largest user corpus in bytes, before any normalisation.
constexpr size_t kMaxCorpusBytes = 1048576;
// Largest vocabulary (distinct code points) a text corpus may have.
constexpr size_t kMaxVocab = 256;

// Strict UTF-8 -> code points. Rejects overlong forms, surrogates,
// values above U+10FFFF, stray continuation bytes and truncated
// sequences; the error names the byte offset where the bad sequence starts.
bool decode_utf8(std::string_view bytes, std::vector<char32_t>* out,
                 std::string* error);
// One code point -> its UTF-8 bytes (the code point must be valid).
std::string encode_utf8(char32_t cp);

class TextTask : public Task {
 public:
  // corpus: UTF-8 text, at most kMaxCorpusBytes bytes, at least T+1 code
  // points after CRLF -> LF normalisation, at most kMaxVocab distinct code
  // points. A leading byte-order mark (U+FEFF) is dropped.
  static std::unique_ptr<TextTask> create(const std::string& corpus, Index T,
                                          std::string* error);

  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return Index(vocab_.size()); }
  Index output_size() const override { return Index(vocab_.size()); }
  LossKind loss() const override { return LossKind::Xent; }
  Index seq_len() const override { return T_; }
  const std::vector<std::string>& vocab() const override { return vocab_; }
  void sample(Rng& rng, Index B, Batch<float>& batch) const override;
  double metric(const Batch<float>& batch, const Mat<float>& out) const override;
  std::string render(const Batch<float>& batch, const Mat<float>& out,
                     Index b) const override;

  // The normalised corpus as class ids (one per code point).
  const std::vector<int>& corpus_ids() const { return ids_; }
  // Text -> class ids; false (and *error) on invalid UTF-8 or a character
  // that is not in the vocabulary. CRLF is normalised like the corpus.
  bool encode(const std::string& text, std::vector<int>* ids,
              std::string* error) const;
  // Class ids -> text; ids outside the vocabulary become U+FFFD.
  std::string decode(const std::vector<int>& ids) const;

 private:
  TextTask() = default;
  Index T_ = 0;
  TaskInfo info_;
  std::vector<std::string> vocab_;  // sorted by code point
  std::vector<char32_t> vocab_cp_;  // same order, as code points
  std::vector<int> ids_;            // the corpus, one id per code point
};

// Text task from corpus=tiny (the built-in text) or corpus=user (`text`).
std::unique_ptr<TextTask> make_text_task(bool user_corpus,
                                         const std::string& text, Index T,
                                         std::string* error);

// Draws a class from logits[0..n) softmaxed at `temperature`; a temperature
// <= 0 (or not finite) returns the argmax (lowest index on ties). Uses one
// rng.uniform() draw when sampling, none for argmax.
int sample_token(const float* logits, Index n, double temperature, Rng& rng);

}  // namespace unroll
