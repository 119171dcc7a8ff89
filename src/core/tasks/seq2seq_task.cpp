#include "core/tasks/seq2seq_task.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/tasks/task_util.h"
#include "core/tasks/tasks.h"

namespace unroll {
namespace {

const char* kind_name(Seq2SeqKind k) {
  switch (k) {
    case Seq2SeqKind::Reverse: return "reverse";
    case Seq2SeqKind::Repeat: return "repeat";
    case Seq2SeqKind::Sort: return "sort";
    case Seq2SeqKind::Add: return "addition";
  }
  return "?";
}

void one_hot(Mat<float>& x, Index col, int tok) { x(tok, col) = 1.0f; }

}  // namespace

Seq2SeqTask::Seq2SeqTask(Seq2SeqKind kind, Index n) : kind_(kind), n_(n) {
  for (int d = 0; d < 10; ++d) vocab_.push_back(std::string(1, char('0' + d)));
  vocab_.push_back(".");
  vocab_.push_back("+");
  vocab_.push_back("=");
  info_.name = kind_name(kind);
  const std::string ns = std::to_string(n);
  switch (kind) {
    case Seq2SeqKind::Reverse: info_.description = "Read " + ns + " digits, write them backwards."; break;
    case Seq2SeqKind::Repeat: info_.description = "Read " + ns + " digits, write them again in order."; break;
    case Seq2SeqKind::Sort: info_.description = "Read " + ns + " digits, write them sorted ascending."; break;
    case Seq2SeqKind::Add:
      info_.description = "Add two numbers of up to " + ns + " digits written as text: 123+45= gives 168.";
      break;
  }
  info_.metric_name = "token accuracy";
  info_.metric_higher_is_better = true;
  // Chance: the best input-blind guess per target position (its most
  // frequent token) and per whole target, from fixed-seed samples.
  Rng rng(0x5eed5eedULL);
  const Index Tt = tgt_len();
  std::vector<std::vector<double>> freq(size_t(Tt), std::vector<double>(size_t(kSeqClasses), 0));
  std::map<std::vector<int>, int> whole;
  const int kSamples = 4096;
  std::vector<int> s, t;
  for (int i = 0; i < kSamples; ++i) {
    draw(rng, &s, &t);
    for (Index k = 0; k < Tt; ++k) freq[size_t(k)][size_t(t[size_t(k)])] += 1;
    whole[t] += 1;
  }
  double acc = 0, ent = 0;
  for (const auto& f : freq) {
    acc += *std::max_element(f.begin(), f.end()) / kSamples;
    for (double c : f)
      if (c > 0) ent -= c / kSamples * std::log(c / kSamples);
  }
  info_.chance_metric = acc / double(Tt);
  info_.chance_loss = ent / double(Tt);
  int best = 0;
  for (const auto& kv : whole) best = std::max(best, kv.second);
  // one sample of a target that is (nearly) never repeated says "~0"
  chance_seq_ = best > 1 ? double(best) / kSamples : 0.0;
}

std::unique_ptr<Seq2SeqTask> Seq2SeqTask::create(Seq2SeqKind kind, Index n, std::string* error) {
  const Index hi = kind == Seq2SeqKind::Add ? 200 : kMaxTaskT;
  const std::string e = task_util::check_range(kind_name(kind), "T", n, 1, hi);
  if (!e.empty()) {
    if (error) *error = e;
    return nullptr;
  }
  return std::unique_ptr<Seq2SeqTask>(new Seq2SeqTask(kind, n));
}

Index Seq2SeqTask::src_len() const { return kind_ == Seq2SeqKind::Add ? 2 * n_ + 1 : n_; }
Index Seq2SeqTask::tgt_len() const { return kind_ == Seq2SeqKind::Add ? n_ + 1 : n_; }

void Seq2SeqTask::draw(Rng& rng, std::vector<int>* src, std::vector<int>* tgt) const {
  src->clear();
  tgt->clear();
  if (kind_ != Seq2SeqKind::Add) {
    for (Index k = 0; k < n_; ++k) src->push_back(int(rng.below(10)));
    *tgt = *src;
    if (kind_ == Seq2SeqKind::Reverse) std::reverse(tgt->begin(), tgt->end());
    if (kind_ == Seq2SeqKind::Sort) std::sort(tgt->begin(), tgt->end());
    return;
  }
  // Two numbers of 1..n digits (no leading zeros), "a+b" padded with '.'.
  std::vector<int> a, b;
  for (std::vector<int>* num : {&a, &b}) {
    const Index len = 1 + Index(rng.below(n_));
    for (Index k = 0; k < len; ++k) num->push_back(int(k == 0 && len > 1 ? 1 + rng.below(9) : rng.below(10)));
  }
  *src = a;
  src->push_back(kTokPlus);
  src->insert(src->end(), b.begin(), b.end());
  src->resize(size_t(src_len()), kTokPad);
  // Schoolbook addition from the least significant digit.
  std::vector<int> sum;
  int carry = 0;
  for (size_t k = 0; k < std::max(a.size(), b.size()) || carry; ++k) {
    const int da = k < a.size() ? a[a.size() - 1 - k] : 0;
    const int db = k < b.size() ? b[b.size() - 1 - k] : 0;
    sum.push_back((da + db + carry) % 10);
    carry = (da + db + carry) / 10;
  }
  tgt->assign(sum.rbegin(), sum.rend());
  tgt->resize(size_t(tgt_len()), kTokPad);
}

void Seq2SeqTask::sample_pairs(Rng& rng, Index B, PairBatch& p) const {
  const Index Ts = src_len(), Tt = tgt_len();
  p.Ts = Ts;
  p.B = B;
  if (p.src.rows() != kSeqTokens || p.src.cols() != Ts * B) p.src.resize(kSeqTokens, Ts * B);
  p.src.setZero();
  task_util::prepare(p.dec, Tt, B, kSeqTokens, kSeqClasses, LossKind::Xent);
  std::vector<int> s, t;
  for (Index b = 0; b < B; ++b) {
    draw(rng, &s, &t);
    for (Index k = 0; k < Ts; ++k) one_hot(p.src, k * B + b, s[size_t(k)]);
    for (Index k = 0; k < Tt; ++k) {
      const Index c = p.dec.col(k, b);
      one_hot(p.dec.x, c, k == 0 ? kTokGo : t[size_t(k - 1)]);
      p.dec.target[size_t(c)] = t[size_t(k)];
      p.dec.weight[size_t(c)] = 1.0f;
    }
  }
}

void Seq2SeqTask::sample(Rng& rng, Index B, Batch<float>& batch) const {
  const Index Ts = src_len(), Tt = tgt_len();
  task_util::prepare(batch, Ts + Tt, B, kSeqTokens, kSeqClasses, LossKind::Xent);
  std::vector<int> s, t;
  for (Index b = 0; b < B; ++b) {
    draw(rng, &s, &t);
    for (Index k = 0; k < Ts; ++k) one_hot(batch.x, batch.col(k, b), s[size_t(k)]);
    for (Index k = 0; k < Tt; ++k) {
      const Index c = batch.col(Ts + k, b);
      one_hot(batch.x, c, k == 0 ? kTokGo : t[size_t(k - 1)]);
      batch.target[size_t(c)] = t[size_t(k)];
      batch.weight[size_t(c)] = 1.0f;
    }
  }
}

double Seq2SeqTask::metric(const Batch<float>& batch, const Mat<float>& out) const {
  return task_util::accuracy(batch, out);
}

namespace {

std::string tokens(const std::vector<std::string>& vocab, const Mat<float>& x, Index t0, Index t1,
                   Index b, Index B) {
  std::string s;
  for (Index t = t0; t < t1; ++t) {
    Index tok = 0;
    x.col(t * B + b).maxCoeff(&tok);
    s += vocab[size_t(tok)];
  }
  return s;
}

std::string predicted(const std::vector<std::string>& vocab, const Batch<float>& batch,
                      const Mat<float>& out, Index t0, Index b, int* right, Index* counted) {
  std::string s;
  *right = 0;
  *counted = 0;
  for (Index t = t0; t < batch.T; ++t) {
    const Index c = batch.col(t, b);
    if (batch.weight[size_t(c)] <= 0) continue;
    const int p = task_util::argmax(out, c);
    s += vocab[size_t(p)];
    *right += p == batch.target[size_t(c)];
    *counted += 1;
  }
  return s;
}

std::string targets(const std::vector<std::string>& vocab, const Batch<float>& batch, Index t0,
                    Index b) {
  std::string s;
  for (Index t = t0; t < batch.T; ++t) {
    const Index c = batch.col(t, b);
    if (batch.weight[size_t(c)] > 0) s += vocab[size_t(batch.target[size_t(c)])];
  }
  return s;
}

}  // namespace

std::string Seq2SeqTask::render(const Batch<float>& batch, const Mat<float>& out, Index b) const {
  if (b < 0 || b >= batch.B) return "(no such sequence)";
  const Index Ts = src_len();
  std::string s = "input:  " + tokens(vocab_, batch.x, 0, Ts, b, batch.B) + "=\ntarget: " +
                  targets(vocab_, batch, Ts, b) + "\n";
  if (!task_util::out_fits(batch, out)) return s + "model:  (no prediction)";
  int right = 0;
  Index counted = 0;
  const std::string m = predicted(vocab_, batch, out, Ts, b, &right, &counted);
  return s + "model:  " + m + "  (" + std::to_string(right) + "/" + std::to_string(counted) + " right)";
}

std::vector<std::string> Seq2SeqTask::source_tokens(const PairBatch& p, Index b) const {
  std::vector<std::string> out;
  for (Index t = 0; t < p.Ts; ++t) {
    Index tok = 0;
    p.src.col(t * p.B + b).maxCoeff(&tok);
    out.push_back(vocab_[size_t(tok)]);
  }
  return out;
}

std::string Seq2SeqTask::render_pair(const PairBatch& p, const Mat<float>& out, Index b) const {
  if (b < 0 || b >= p.B) return "(no such sequence)";
  std::string s = "input:  " + tokens(vocab_, p.src, 0, p.Ts, b, p.B) + "=\ntarget: " +
                  targets(vocab_, p.dec, 0, b) + "\n";
  if (!task_util::out_fits(p.dec, out)) return s + "model:  (no prediction)";
  int right = 0;
  Index counted = 0;
  const std::string m = predicted(vocab_, p.dec, out, 0, b, &right, &counted);
  return s + "model:  " + m + "  (" + std::to_string(right) + "/" + std::to_string(counted) + " right)";
}

double sequence_accuracy(const Batch<float>& batch, const Mat<float>& out) {
  if (!task_util::out_fits(batch, out) || batch.loss != LossKind::Xent || batch.B == 0)
    return std::numeric_limits<double>::quiet_NaN();
  double whole = 0;
  for (Index b = 0; b < batch.B; ++b) {
    bool ok = true;
    for (Index t = 0; t < batch.T && ok; ++t) {
      const Index c = batch.col(t, b);
      if (batch.weight[size_t(c)] > 0 && task_util::argmax(out, c) != batch.target[size_t(c)]) ok = false;
    }
    whole += ok;
  }
  return whole / double(batch.B);
}

}  // namespace unroll
