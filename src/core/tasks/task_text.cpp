// Next-character prediction on a text corpus.
//
// Corpus handling: strict UTF-8 (see task_utf8.cpp), at most 1 MiB of
// bytes as given, a leading byte-order mark dropped, CRLF -> LF (a lone CR
// stays a character of its own). Vocabulary: the distinct code points,
// sorted by code point (class i <-> vocab()[i], its UTF-8 string).
//
// Layout, per sequence (I = O = V, Xent): a random window of T+1 code
// points c_0..c_T starting uniformly in [0, N-T-1]:
//   x = one-hot(c_t), target c_{t+1}, weight 1 at every step t < T.
// Draw order: one rng.below(N - T) per sequence, b = 0..B-1.
//
// Chance: the best input-blind predictor always names the most frequent
// character: accuracy = its share of the corpus; its best loss is the
// unigram entropy of the corpus in nats (computed over the whole corpus,
// which the window targets sample up to edge effects).
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

// Printable stand-in for characters that would break a one-line view.
std::string visible(const std::string& ch) {
  if (ch == "\n") return "⏎";
  if (ch == "\t") return "⇥";
  if (ch == "\r") return "⇤";  // ␍ (U+240D) is not in DejaVu Sans
  if (ch.size() == 1 && (unsigned char)ch[0] < 0x20) return "·";
  return ch;
}

bool fail(std::string* error, const std::string& m) {
  if (error) *error = m;
  return false;
}

// UTF-8 bytes -> code points with the BOM dropped and CRLF -> LF.
bool normalise(const std::string& text, std::vector<char32_t>* cps,
               std::string* error) {
  std::vector<char32_t> raw;
  if (!decode_utf8(text, &raw, error)) return false;
  cps->clear();
  cps->reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (i == 0 && raw[i] == 0xFEFF) continue;
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    cps->push_back(raw[i]);
  }
  return true;
}

}  // namespace

std::unique_ptr<TextTask> TextTask::create(const std::string& corpus, Index T,
                                           std::string* error) {
  const std::string range = task_util::check_range("text", "T", T, 1, kMaxTaskT);
  if (!range.empty()) return fail(error, range), nullptr;
  if (corpus.empty())
    return fail(error, "text is empty: give at least T+1 = " +
                           std::to_string(T + 1) + " characters"), nullptr;
  if (corpus.size() > kMaxCorpusBytes)
    return fail(error, "text is " + std::to_string(corpus.size()) +
                           " bytes; at most " + std::to_string(kMaxCorpusBytes) +
                           " bytes (1 MiB) are allowed"), nullptr;
  std::vector<char32_t> cps;
  std::string utf8_error;
  if (!normalise(corpus, &cps, &utf8_error))
    return fail(error, "text is not valid UTF-8: " + utf8_error), nullptr;
  if (Index(cps.size()) < T + 1)
    return fail(error, "text has " + std::to_string(cps.size()) +
                           " characters; T=" + std::to_string(T) +
                           " needs at least T+1 = " + std::to_string(T + 1)),
           nullptr;

  std::unique_ptr<TextTask> task(new TextTask());
  task->T_ = T;
  task->vocab_cp_ = cps;
  std::sort(task->vocab_cp_.begin(), task->vocab_cp_.end());
  task->vocab_cp_.erase(std::unique(task->vocab_cp_.begin(), task->vocab_cp_.end()),
                        task->vocab_cp_.end());
  if (task->vocab_cp_.size() > kMaxVocab)
    return fail(error, "text has " + std::to_string(task->vocab_cp_.size()) +
                           " distinct characters; at most " +
                           std::to_string(kMaxVocab) + " are allowed"), nullptr;
  for (char32_t cp : task->vocab_cp_) task->vocab_.push_back(encode_utf8(cp));

  const auto& v = task->vocab_cp_;
  std::vector<double> count(v.size(), 0.0);
  task->ids_.reserve(cps.size());
  for (char32_t cp : cps) {
    const int id = int(std::lower_bound(v.begin(), v.end(), cp) - v.begin());
    task->ids_.push_back(id);
    count[size_t(id)] += 1;
  }
  const double n = double(cps.size());
  double entropy = 0, most = 0;
  for (double k : count) {
    entropy -= (k / n) * std::log(k / n);
    most = std::max(most, k);
  }
  TaskInfo& info = task->info_;
  info.name = "text";
  info.description = "Predict the next character of the text (" +
                     std::to_string(v.size()) + " distinct characters).";
  info.metric_name = "accuracy";
  info.metric_higher_is_better = true;
  info.chance_metric = most / n;
  info.chance_loss = entropy;
  return task;
}

void TextTask::sample(Rng& rng, Index B, Batch<float>& batch) const {
  const Index V = Index(vocab_.size()), N = Index(ids_.size());
  task_util::prepare(batch, T_, B, V, V, LossKind::Xent);
  for (Index b = 0; b < B; ++b) {
    const Index start = Index(rng.below(N - T_));  // window [start, start+T]
    for (Index t = 0; t < T_; ++t) {
      const Index c = batch.col(t, b);
      batch.x(ids_[size_t(start + t)], c) = 1.0f;
      batch.target[size_t(c)] = ids_[size_t(start + t + 1)];
      batch.weight[size_t(c)] = 1.0f;
    }
  }
}

double TextTask::metric(const Batch<float>& batch, const Mat<float>& out) const {
  return task_util::accuracy(batch, out);
}

std::string TextTask::render(const Batch<float>& batch, const Mat<float>& out,
                             Index b) const {
  if (b < 0 || b >= batch.B) return "(no such sequence)";
  const bool fits = task_util::out_fits(batch, out);
  const Index shown = batch.T < 40 ? batch.T : 40, t0 = batch.T - shown;
  const std::string cut = t0 > 0 ? "…" : "";
  std::string in, target, model;
  for (Index t = t0; t < batch.T; ++t) {
    const Index c = batch.col(t, b);
    for (Index i = 0; i < batch.I; ++i)
      if (batch.x(i, c) > 0) in += visible(vocab_[size_t(i)]);
    target += visible(vocab_[size_t(batch.target[size_t(c)])]);
    if (fits) model += visible(vocab_[size_t(task_util::argmax(out, c))]);
  }
  std::string s = "input:  " + cut + in + "\ntarget: " + cut + target + "\n";
  return s + (fits ? "model:  " + cut + model : "model:  (no prediction)");
}

bool TextTask::encode(const std::string& text, std::vector<int>* ids,
                      std::string* error) const {
  std::vector<char32_t> cps;
  std::string utf8_error;
  ids->clear();
  if (!normalise(text, &cps, &utf8_error))
    return fail(error, "text is not valid UTF-8: " + utf8_error);
  for (size_t i = 0; i < cps.size(); ++i) {
    const auto it = std::lower_bound(vocab_cp_.begin(), vocab_cp_.end(), cps[i]);
    if (it == vocab_cp_.end() || *it != cps[i])
      return fail(error, "character " + std::to_string(i) + " ('" +
                             encode_utf8(cps[i]) + "') is not in the vocabulary");
    ids->push_back(int(it - vocab_cp_.begin()));
  }
  return true;
}

std::string TextTask::decode(const std::vector<int>& ids) const {
  std::string s;
  for (int id : ids)
    s += (id >= 0 && size_t(id) < vocab_.size()) ? vocab_[size_t(id)]
                                                  : encode_utf8(0xFFFD);
  return s;
}

std::unique_ptr<TextTask> make_text_task(bool user_corpus,
                                         const std::string& text, Index T,
                                         std::string* error) {
  if (!user_corpus) return TextTask::create(tiny_corpus(), T, error);
  if (text.empty()) {
    if (error)
      *error = "corpus=user needs a text: paste or load at least T+1 = " +
               std::to_string(T + 1) + " characters";
    return nullptr;
  }
  return TextTask::create(text, T, error);
}

int sample_token(const float* logits, Index n, double temperature, Rng& rng) {
  if (n <= 0) return -1;
  Index best = 0;
  for (Index i = 1; i < n; ++i)
    if (logits[i] > logits[best]) best = i;
  if (!(temperature > 0) || !std::isfinite(temperature)) return int(best);
  // p_i ~ exp((l_i - l_max) / temperature): the shift keeps exp <= 1.
  double total = 0;
  for (Index i = 0; i < n; ++i)
    total += std::exp((double(logits[i]) - double(logits[best])) / temperature);
  double u = rng.uniform() * total;
  for (Index i = 0; i < n; ++i) {
    u -= std::exp((double(logits[i]) - double(logits[best])) / temperature);
    if (u < 0) return int(i);
  }
  return int(best);  // rounding left u >= 0: the mode is a safe answer
}

}  // namespace unroll
