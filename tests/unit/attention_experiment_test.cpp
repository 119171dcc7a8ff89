// model=seq2seq / model=transformer through Experiment (the object the CLI
// and the UI drive), the seq2seq tasks, and the evaluation helpers.
#include <gtest/gtest.h>

#include <cmath>

#include "core/models/recurrent_net.h"
#include "core/tasks/seq2seq_task.h"
#include "core/train/experiment.h"
#include "core/train/length_eval.h"

namespace unroll {
namespace {

std::unique_ptr<Experiment> make(const std::string& q, std::string* error = nullptr) {
  std::vector<ConfigError> errors;
  Config cfg = Config::parse(q, &errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  std::string e;
  auto x = Experiment::create(cfg, "", &e);
  if (error) *error = e;
  return x;
}

TEST(AttentionConfig, ExistingLinksKeepTheirMeaning) {
  std::vector<ConfigError> errors;
  const Config c = Config::parse("v=1&arch=gru&task=adding&T=30", &errors);
  ASSERT_TRUE(errors.empty());
  EXPECT_EQ(c.s("model"), "rnn");
  EXPECT_EQ(c.to_query(), "v=1&arch=gru&T=30");  // defaults (task=adding) omitted, as before
  auto e = make("v=1&arch=gru&task=adding&T=30");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind(), ModelKind::Recurrent);
  EXPECT_EQ(&e->params(), &static_cast<const RecurrentNet&>(e->net()).stack().params());
}

TEST(AttentionConfig, Seq2SeqNeedsAPairTask) {
  std::string error;
  EXPECT_FALSE(make("v=1&model=seq2seq&task=adding", &error));
  EXPECT_NE(error.find("model=seq2seq needs a sequence-to-sequence task"), std::string::npos) << error;
}

TEST(AttentionConfig, HeadsMustDivideDModel) {
  std::string error;
  EXPECT_FALSE(make("v=1&model=transformer&task=reverse&d_model=30&heads=4", &error));
  EXPECT_NE(error.find("d_model (30) must be a multiple of heads (4)"), std::string::npos) << error;
}

TEST(AttentionExperiment, SameSeedSameNumbers) {
  for (const char* q : {"v=1&model=transformer&task=sort&T=6&d_model=16&heads=2&ff=32",
                        "v=1&model=seq2seq&attn=luong&arch=lstm&task=addition&T=3&hidden=16",
                        "v=1&model=transformer&task=text&T=12&d_model=16&heads=2&ff=16"}) {
    auto a = make(q), b = make(q);
    ASSERT_TRUE(a && b) << q;
    for (int s = 0; s < 3; ++s) {
      ASSERT_TRUE(a->step());
      ASSERT_TRUE(b->step());
      EXPECT_EQ(a->last().loss, b->last().loss) << q;
      EXPECT_EQ(a->last().clip.norm_before, b->last().clip.norm_before) << q;
    }
    EXPECT_EQ(a->last().param_grad_norm.size(), a->params().size());
    EXPECT_TRUE(std::isfinite(a->last().metric));
  }
}

TEST(AttentionExperiment, TrainingLowersTheLoss) {
  auto e = make("v=1&model=transformer&task=reverse&T=5&d_model=32&heads=2&ff=64&lr=0.003");
  ASSERT_TRUE(e);
  ASSERT_TRUE(e->step());
  const double first = e->last().loss;
  for (int s = 0; s < 60; ++s) ASSERT_TRUE(e->step());
  EXPECT_LT(e->last().loss, 0.7 * first);
}

TEST(AttentionProbe, TransformerEncoderDecoderShapes) {
  auto e = make("v=1&model=transformer&task=addition&T=3&layers=2&d_model=16&heads=4&ff=16");
  ASSERT_TRUE(e);
  const ProbeSnapshot s = e->probe();
  const Index Ts = 7, Tt = 4;  // "123+45." and 4 answer digits
  ASSERT_EQ(s.attn.attention.size(), 2u);
  ASSERT_EQ(s.attn.attention[0].size(), 4u);
  EXPECT_EQ(s.attn.attention[1][3].rows(), Tt);
  EXPECT_EQ(s.attn.attention[1][3].cols(), Tt);
  // causal: decoder step 0 attends only to itself
  EXPECT_FLOAT_EQ(s.attn.attention[0][0](0, 0), 1.0f);
  ASSERT_EQ(s.attn.cross_attention.size(), 2u);
  EXPECT_EQ(s.attn.cross_attention[0][0].rows(), Tt);
  EXPECT_EQ(s.attn.cross_attention[0][0].cols(), Ts);
  for (Index t = 0; t < Tt; ++t) EXPECT_NEAR(s.attn.cross_attention[0][1].row(t).sum(), 1.0, 1e-5);
  ASSERT_EQ(s.attn.encoder_attention.size(), 2u);
  EXPECT_EQ(s.attn.encoder_attention[0][0].rows(), Ts);
  EXPECT_EQ(s.attn.positions.rows(), 16);
  EXPECT_EQ(s.attn.positions.cols(), Tt);
  EXPECT_EQ(s.rendered.size(), size_t(s.B));
  EXPECT_NE(s.rendered[0].find("target: "), std::string::npos);
}

TEST(AttentionProbe, Seq2SeqAttentionIsDecoderStepsBySourceSteps) {
  auto e = make("v=1&model=seq2seq&attn=bahdanau&arch=gru&task=reverse&T=6&hidden=16");
  ASSERT_TRUE(e);
  ASSERT_TRUE(e->step());
  EXPECT_EQ(e->last().dh_norm.size(), 1u);     // encoder layer
  EXPECT_EQ(e->last().dh_norm[0].size(), 6u);  // one per source step
  const ProbeSnapshot s = e->probe();
  ASSERT_EQ(s.attn.attention.size(), 1u);
  ASSERT_EQ(s.attn.attention[0].size(), 1u);
  const Mat<float>& a = s.attn.attention[0][0];
  ASSERT_EQ(a.rows(), 6);
  ASSERT_EQ(a.cols(), 6);
  for (Index t = 0; t < 6; ++t) EXPECT_NEAR(a.row(t).sum(), 1.0, 1e-5);
  auto none = make("v=1&model=seq2seq&attn=none&task=reverse&T=6&hidden=16");
  EXPECT_TRUE(none->probe().attn.attention.empty());
}

TEST(AttentionEvaluate, ExplainsWhatItCannotMeasure) {
  auto rnn = make("v=1&arch=gru&task=reverse&T=5");
  EXPECT_NE(rnn->evaluate(5, 8).error.find("needs task=reverse"), std::string::npos);
  auto learned = make("v=1&model=transformer&task=reverse&T=5&pos=learned&d_model=16&heads=2");
  const EvalResult r = learned->evaluate(9, 8);
  EXPECT_NE(r.error.find("learned positions exist for 5 steps only"), std::string::npos) << r.error;
  auto covered = make("v=1&model=transformer&task=reverse&T=5&eval_T=9&pos=learned&d_model=16&heads=2");
  EXPECT_TRUE(covered->evaluate(9, 8).error.empty());
  auto sinus = make("v=1&model=transformer&task=reverse&T=5&d_model=16&heads=2");
  const auto rs = evaluate_by_length(*sinus, {3, 12}, 16);
  ASSERT_EQ(rs.size(), 2u);
  for (const auto& x : rs) {
    EXPECT_TRUE(x.error.empty()) << x.error;
    EXPECT_GE(x.sequence_accuracy, 0.0);
    EXPECT_LE(x.sequence_accuracy, x.token_accuracy);
  }
}

TEST(AttentionEvaluate, StepTimeByLength) {
  std::vector<ConfigError> errors;
  const Config c = Config::parse("v=1&model=transformer&task=reverse&d_model=16&heads=2&batch=4", &errors);
  const auto ts = step_time_by_length(c, {4, 8}, 2);
  ASSERT_EQ(ts.size(), 2u);
  for (const auto& t : ts) {
    EXPECT_TRUE(t.error.empty()) << t.error;
    EXPECT_GT(t.seconds_per_step, 0.0);
  }
  EXPECT_FALSE(step_time_by_length(c, {0}, 1)[0].error.empty());
}

TEST(Seq2SeqTasks, TargetsAreRight) {
  for (auto kind : {Seq2SeqKind::Reverse, Seq2SeqKind::Repeat, Seq2SeqKind::Sort, Seq2SeqKind::Add}) {
    std::string error;
    auto t = Seq2SeqTask::create(kind, 4, &error);
    ASSERT_TRUE(t) << error;
    Rng rng(3);
    PairBatch p;
    t->sample_pairs(rng, 50, p);
    for (Index b = 0; b < 50; ++b) {
      std::vector<int> src, tgt;
      for (Index k = 0; k < p.Ts; ++k) {
        Index tok = 0;
        p.src.col(k * 50 + b).maxCoeff(&tok);
        src.push_back(int(tok));
      }
      for (Index k = 0; k < p.dec.T; ++k) tgt.push_back(p.dec.target[size_t(p.dec.col(k, b))]);
      // teacher forcing: decoder input k is the go token, then target k-1
      for (Index k = 0; k < p.dec.T; ++k)
        EXPECT_EQ(p.dec.x(k == 0 ? kTokGo : tgt[size_t(k - 1)], p.dec.col(k, b)), 1.0f);
      std::vector<int> want = src;
      if (kind == Seq2SeqKind::Reverse) std::reverse(want.begin(), want.end());
      if (kind == Seq2SeqKind::Sort) std::sort(want.begin(), want.end());
      if (kind == Seq2SeqKind::Add) {
        // "a+b" padded with '.', answer padded with '.'
        long a = 0, bb = 0, *cur = &a;
        for (int tok : src) {
          if (tok == kTokPlus) cur = &bb;
          else if (tok < 10) *cur = *cur * 10 + tok;
        }
        const std::string sum = std::to_string(a + bb);
        want.clear();
        for (char ch : sum) want.push_back(ch - '0');
        want.resize(5, kTokPad);
      }
      EXPECT_EQ(tgt, want);
    }
  }
  std::string error;
  EXPECT_FALSE(Seq2SeqTask::create(Seq2SeqKind::Add, 201, &error));
  EXPECT_NE(error.find("between 1 and 200"), std::string::npos) << error;
}

TEST(Seq2SeqTasks, StreamViewCountsOnlyTheAnswer) {
  auto e = make("v=1&arch=gru&task=sort&T=5");  // model=rnn reads one stream
  ASSERT_TRUE(e);
  ASSERT_TRUE(e->step());
  const Batch<float>& b = static_cast<const RecurrentNet&>(e->net()).batch();
  EXPECT_EQ(b.T, 10);
  EXPECT_EQ(b.counted(), 5.0 * double(b.B));
  // sorted digits: a blind guess (0 first, 9 last...) beats 1/10
  EXPECT_GT(e->task().info().chance_metric, 0.15);
  EXPECT_LT(e->task().info().chance_metric, 0.5);
}

}  // namespace
}  // namespace unroll
