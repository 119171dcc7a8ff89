#include "core/models/seq_net.h"

#include <algorithm>

#include "core/layers/loss.h"

namespace unroll {
namespace {

CellKind cell_of(const std::string& s) {
  CellKind k = CellKind::Lstm;
  parse_cell(s, &k);
  return k;
}

AttnKind attn_of(const std::string& s) {
  if (s == "bahdanau") return AttnKind::Bahdanau;
  if (s == "luong") return AttnKind::Luong;
  return AttnKind::None;
}

// The longest sequence a config makes the model read (train and eval_T).
Index longest(const Config& cfg, const Task& task) {
  Index n = task.seq_len();
  if (auto* s = dynamic_cast<const Seq2SeqTask*>(&task)) {
    n = std::max(s->src_len(), s->tgt_len());
    const Index e = Index(cfg.i("eval_T"));
    if (e > 0) {
      std::string err;
      if (auto t = Seq2SeqTask::create(s->kind(), e, &err))
        n = std::max({n, t->src_len(), t->tgt_len()});
    }
  }
  return n;
}

}  // namespace

std::unique_ptr<SeqNet> SeqNet::create(const Config& cfg, const Task& task, std::string* error) {
  std::unique_ptr<SeqNet> net(new SeqNet());
  const auto* s2s_task = dynamic_cast<const Seq2SeqTask*>(&task);
  net->pairs_ = s2s_task != nullptr;
  const std::string& model = cfg.s("model");
  if (model == "seq2seq") {
    if (!s2s_task) {
      *error = "model=seq2seq needs a sequence-to-sequence task (task=reverse, repeat, sort or "
               "addition); task=" + cfg.s("task") + " is one stream. Use model=rnn or "
               "model=transformer for it.";
      return nullptr;
    }
    EncoderDecoderSpec s;
    s.cell = cell_of(cfg.s("arch"));
    s.src_input = task.input_size();
    s.input = task.input_size();
    s.hidden = Index(cfg.i("hidden"));
    s.layers = Index(cfg.i("layers"));
    s.output = task.output_size();
    s.attn = attn_of(cfg.s("attn"));
    net->s2s_ = std::make_unique<EncoderDecoder<float>>(s);
    return net;
  }
  TransformerSpec s;
  s.d_model = Index(cfg.i("d_model"));
  s.heads = Index(cfg.i("heads"));
  if (s.d_model % s.heads != 0) {
    *error = "d_model (" + std::to_string(s.d_model) + ") must be a multiple of heads (" +
             std::to_string(s.heads) + "): each head gets d_model/heads dimensions. Try heads=" +
             (s.d_model % 4 == 0 ? "4" : "1") + ".";
    return nullptr;
  }
  s.src_input = net->pairs_ ? task.input_size() : 0;
  s.input = task.input_size();
  s.output = task.output_size();
  s.ff = Index(cfg.i("ff"));
  s.layers = Index(cfg.i("layers"));
  s.pos = cfg.s("pos") == "learned" ? PosKind::Learned : PosKind::Sinusoidal;
  s.max_len = longest(cfg, task);
  net->tf_ = std::make_unique<Transformer<float>>(s);
  return net;
}

ParamList<float>& SeqNet::params() { return tf_ ? tf_->params() : s2s_->params(); }
const ParamList<float>& SeqNet::params() const { return tf_ ? tf_->params() : s2s_->params(); }
Index SeqNet::param_count() const { return tf_ ? tf_->param_count() : s2s_->param_count(); }
const Mat<float>& SeqNet::out() const { return tf_ ? tf_->out() : s2s_->out(); }

Index SeqNet::max_len() const {
  return tf_ && tf_->spec().pos == PosKind::Learned ? tf_->spec().max_len : 0;
}

void SeqNet::init(Rng& rng, double forget_bias) {
  if (tf_) tf_->init(rng);
  else s2s_->init(rng, forget_bias);
}

double SeqNet::train_grads(const Task& task, Rng& rng, Index B, double* metric,
                           std::vector<std::vector<double>>* dh_norm) {
  zero_grads(params());
  Batch<float>& batch = pairs_ ? pb_.dec : sb_;
  if (pairs_) {
    static_cast<const Seq2SeqTask&>(task).sample_pairs(rng, B, pb_);
    if (tf_) tf_->forward(&pb_.src, pb_.dec.x, B);
    else s2s_->forward(pb_.src, pb_.dec.x, B);
  } else {
    task.sample(rng, B, sb_);
    tf_->forward(nullptr, sb_.x, B);
  }
  const double n = batch.counted();
  dout_.resize(out().rows(), out().cols());
  const double loss = loss_chunk(batch, out(), 0, batch.T, n > 0 ? 1.0 / n : 0.0, dout_);
  *metric = task.metric(batch, out());
  if (tf_) tf_->backward(pairs_ ? &pb_.src : nullptr, batch.x, dout_);
  else s2s_->backward(pb_.src, pb_.dec.x, dout_);
  if (dh_norm) {
    if (s2s_) *dh_norm = s2s_->encoder_dh_norm();
    else dh_norm->clear();
  }
  return n > 0 ? loss / n : 0.0;
}

void SeqNet::greedy(PairBatch& p) {
  const Index B = p.B, Tt = p.dec.T;
  if (s2s_) {
    s2s_->greedy(p.src, p.dec.x, B);
    return;
  }
  // The Transformer decodes the whole prefix again for each step: the
  // causal mask makes output t depend on inputs 0..t only, so the last
  // pass's outputs are exactly the step-by-step ones.
  tf_->encode(p.src, B);
  for (Index t = 0; t < Tt; ++t) {
    tf_->decode(p.dec.x, B);
    if (t + 1 == Tt) break;
    for (Index b = 0; b < B; ++b) {
      Index k = 0;
      tf_->out().col(t * B + b).maxCoeff(&k);
      p.dec.x.col((t + 1) * B + b).setZero();
      p.dec.x(k, (t + 1) * B + b) = 1.0f;
    }
  }
}

EvalResult SeqNet::evaluate(const Seq2SeqTask& task, Rng& rng, Index n) {
  EvalResult r;
  r.length = task.length();
  r.chance_token = task.info().chance_metric;
  r.chance_sequence = task.chance_sequence();
  if (!pairs_) {
    r.error = "greedy evaluation needs the encoder-decoder (pair) view of a seq2seq task";
    return r;
  }
  const Index need = std::max(task.src_len(), task.tgt_len());
  if (max_len() > 0 && need > max_len()) {
    r.error = "learned positions exist for " + std::to_string(max_len()) +
              " steps only; length " + std::to_string(task.length()) + " needs " +
              std::to_string(need) + " (use pos=sinusoidal, or set eval_T to cover it)";
    return r;
  }
  PairBatch p;
  double tok = 0, seq = 0;
  Index done = 0;
  while (done < n) {
    const Index B = std::min<Index>(64, n - done);
    task.sample_pairs(rng, B, p);
    greedy(p);
    tok += task.metric(p.dec, out()) * double(B);
    seq += sequence_accuracy(p.dec, out()) * double(B);
    done += B;
  }
  r.token_accuracy = tok / double(n);
  r.sequence_accuracy = seq / double(n);
  return r;
}

void SeqNet::probe(const Task& task, const Batch<float>& stream, const PairBatch& pairs,
                   Mat<float>* out_m, double* metric, std::vector<std::string>* rendered,
                   AttentionProbe* attn) {
  rendered->clear();
  if (pairs_) {
    pb_ = pairs;
    greedy(pb_);
    *out_m = out();
    const auto& st = static_cast<const Seq2SeqTask&>(task);
    *metric = task.metric(pb_.dec, *out_m);
    for (Index b = 0; b < pb_.B; ++b) rendered->push_back(st.render_pair(pb_, *out_m, b));
  } else {
    tf_->forward(nullptr, stream.x, stream.B);
    *out_m = out();
    *metric = task.metric(stream, *out_m);
    for (Index b = 0; b < stream.B; ++b) rendered->push_back(task.render(stream, *out_m, b));
  }
  *attn = AttentionProbe();
  if (s2s_) {
    Mat<float> a = s2s_->attention(0);
    if (a.size()) attn->attention = {{a}};
    return;
  }
  attn->attention = tf_->self_attention(0);
  attn->encoder_attention = tf_->encoder_attention(0);
  attn->cross_attention = tf_->cross_attention(0);
  attn->positions = tf_->positions(pairs_ ? pb_.dec.T : stream.T);
}

}  // namespace unroll
