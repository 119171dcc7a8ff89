#include "core/models/transformer_net.h"

#include <algorithm>

#include "core/layers/loss.h"
#include "core/models/pair_decoding.h"

namespace unroll {
namespace {

// The longest sequence a spec makes the model read (training and eval_T):
// what learned positions must cover.
Index longest(const NetSpec& spec, const Task& task) {
  Index n = task.seq_len();
  if (auto* s = dynamic_cast<const Seq2SeqTask*>(&task)) {
    n = std::max(s->src_len(), s->tgt_len());
    if (spec.eval_T > 0) {
      std::string err;
      if (auto t = Seq2SeqTask::create(s->kind(), spec.eval_T, &err))
        n = std::max({n, t->src_len(), t->tgt_len()});
    }
  }
  return n;
}

TransformerSpec model_spec(const NetSpec& spec, const Task& task) {
  TransformerSpec s;
  const bool pairs = dynamic_cast<const Seq2SeqTask*>(&task) != nullptr;
  s.d_model = spec.d_model;
  s.heads = spec.heads;
  s.src_input = pairs ? task.input_size() : 0;
  s.input = task.input_size();
  s.output = task.output_size();
  s.ff = spec.ff;
  s.layers = spec.layers;
  s.pos = spec.pos;
  s.max_len = longest(spec, task);
  return s;
}

}  // namespace

TransformerNet::TransformerNet(const NetSpec& spec, const Task& task)
    : model_(model_spec(spec, task)) {}

std::string TransformerNet::describe() const {
  const TransformerSpec& s = model_.spec();
  return std::string("a Transformer (") + (s.enc_dec() ? "encoder-decoder" : "decoder-only") +
         ", d_model " + std::to_string(s.d_model) + ", " + std::to_string(s.heads) +
         " heads, " + std::to_string(s.layers) + " layer(s))";
}

Index TransformerNet::max_len() const {
  return model_.spec().pos == PosKind::Learned ? model_.spec().max_len : 0;
}

double TransformerNet::train_batch(const Task& task, Rng& rng, Index B, const UpdateHook& update,
                                   double* metric) {
  zero_grad();
  Batch<float>& batch = pairs() ? pairs_.dec : stream_;
  if (pairs()) {
    static_cast<const Seq2SeqTask&>(task).sample_pairs(rng, B, pairs_);
    model_.forward(&pairs_.src, pairs_.dec.x, B);
  } else {
    task.sample(rng, B, stream_);
    model_.forward(nullptr, stream_.x, B);
  }
  const Mat<float>& out = model_.out();
  const double n = batch.counted();
  dout_.resize(out.rows(), out.cols());
  const double loss = loss_chunk(batch, out, 0, batch.T, n > 0 ? 1.0 / n : 0.0, dout_);
  *metric = task.metric(batch, out);
  model_.backward(pairs() ? &pairs_.src : nullptr, batch.x, dout_);
  update();
  return n > 0 ? loss / n : 0.0;
}

// The Transformer decodes the whole prefix again for each step: the causal
// mask makes output t depend on inputs 0..t only, so the last pass's
// outputs are exactly the step-by-step ones.
const Mat<float>& TransformerNet::greedy(PairBatch& p) {
  const Index B = p.B, Tt = p.dec.T;
  model_.encode(p.src, B);
  for (Index t = 0; t < Tt; ++t) {
    model_.decode(p.dec.x, B);
    if (t + 1 == Tt) break;
    for (Index b = 0; b < B; ++b) {
      Index k = 0;
      model_.out().col(t * B + b).maxCoeff(&k);
      p.dec.x.col((t + 1) * B + b).setZero();
      p.dec.x(k, (t + 1) * B + b) = 1.0f;
    }
  }
  return model_.out();
}

void TransformerNet::prepare_probe(const Task& task, uint64_t probe_seed, Index n) {
  if (pairs()) {
    Rng rng(probe_seed ^ 1);
    static_cast<const Seq2SeqTask&>(task).sample_pairs(rng, n, probe_pairs_);
  } else {
    Rng rng(probe_seed);
    task.sample(rng, n, probe_stream_);
  }
}

ProbeSnapshot TransformerNet::probe(const Task& task) {
  ProbeSnapshot s;
  if (pairs()) {
    s = probe_pairs(static_cast<const Seq2SeqTask&>(task), probe_pairs_, work_,
                    [this](PairBatch& p) -> const Mat<float>& { return greedy(p); });
  } else {
    model_.forward(nullptr, probe_stream_.x, probe_stream_.B);
    s.out = model_.out();
    s.metric = task.metric(probe_stream_, s.out);
    for (Index b = 0; b < probe_stream_.B; ++b)
      s.rendered.push_back(task.render(probe_stream_, s.out, b));
    s.B = probe_stream_.B;
    s.T = s.out.cols() / s.B;
    s.batch = probe_stream_;
  }
  s.attn.attention = model_.self_attention(0);
  s.attn.encoder_attention = model_.encoder_attention(0);
  s.attn.cross_attention = model_.cross_attention(0);
  s.attn.positions = model_.positions(pairs() ? probe_pairs_.dec.T : probe_stream_.T);
  return s;
}

EvalResult TransformerNet::evaluate(const Task& task, Index length, Index n, Rng& rng, Index first) {
  if (!pairs()) return Net::evaluate(task, length, n, rng, first);
  return evaluate_pairs(task, length, n, rng, first, max_len(),
                        [this](PairBatch& p) -> const Mat<float>& { return greedy(p); });
}

}  // namespace unroll
