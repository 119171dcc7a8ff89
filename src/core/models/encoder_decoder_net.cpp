#include "core/models/encoder_decoder_net.h"

#include "core/layers/loss.h"
#include "core/models/pair_decoding.h"

namespace unroll {
namespace {

EncoderDecoderSpec model_spec(const NetSpec& s, const Task& task) {
  EncoderDecoderSpec m;
  m.cell = s.cell;
  m.src_input = task.input_size();
  m.input = task.input_size();
  m.hidden = s.hidden;
  m.layers = s.layers;
  m.output = task.output_size();
  m.attn = s.attn;
  return m;
}

const char* attn_name(AttnKind a) {
  switch (a) {
    case AttnKind::Bahdanau: return "Bahdanau attention";
    case AttnKind::Luong: return "Luong attention";
    case AttnKind::None: break;
  }
  return "no attention";
}

}  // namespace

EncoderDecoderNet::EncoderDecoderNet(const NetSpec& spec, const Seq2SeqTask& task)
    : model_(model_spec(spec, task)), forget_bias_(spec.init.forget_bias) {}

std::string EncoderDecoderNet::describe() const {
  const EncoderDecoderSpec& s = model_.spec();
  return std::string("an encoder-decoder (") + cell_name(s.cell) + ", hidden " +
         std::to_string(s.hidden) + ", " + std::to_string(s.layers) + " layer(s), " +
         attn_name(s.attn) + ")";
}

double EncoderDecoderNet::train_batch(const Task& task, Rng& rng, Index B,
                                      const UpdateHook& update, double* metric) {
  zero_grad();
  static_cast<const Seq2SeqTask&>(task).sample_pairs(rng, B, batch_);
  model_.forward(batch_.src, batch_.dec.x, B);
  const Batch<float>& dec = batch_.dec;
  const Mat<float>& out = model_.out();
  const double n = dec.counted();
  dout_.resize(out.rows(), out.cols());
  const double loss = loss_chunk(dec, out, 0, dec.T, n > 0 ? 1.0 / n : 0.0, dout_);
  *metric = task.metric(dec, out);
  model_.backward(batch_.src, batch_.dec.x, dout_);
  dh_norm_ = model_.encoder_dh_norm();
  update();
  return n > 0 ? loss / n : 0.0;
}

const Mat<float>& EncoderDecoderNet::greedy(PairBatch& p) {
  model_.greedy(p.src, p.dec.x, p.B);
  return model_.out();
}

void EncoderDecoderNet::prepare_probe(const Task& task, uint64_t probe_seed, Index n) {
  Rng rng(probe_seed ^ 1);
  static_cast<const Seq2SeqTask&>(task).sample_pairs(rng, n, probe_pairs_);
}

ProbeSnapshot EncoderDecoderNet::probe(const Task& task) {
  ProbeSnapshot s = probe_pairs(static_cast<const Seq2SeqTask&>(task), probe_pairs_, work_,
                                [this](PairBatch& p) -> const Mat<float>& { return greedy(p); });
  Mat<float> a = model_.attention(0);
  if (a.size()) s.attn.attention = {{a}};
  return s;
}

EvalResult EncoderDecoderNet::evaluate(const Task& task, Index length, Index n, Rng& rng, Index first) {
  return evaluate_pairs(task, length, n, rng, first, 0,
                        [this](PairBatch& p) -> const Mat<float>& { return greedy(p); });
}

}  // namespace unroll
