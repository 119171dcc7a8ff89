#include "core/models/encoder_decoder.h"

#include <cmath>

#include "core/rnn/cells.h"
#include "core/rnn/bptt.h"

namespace unroll {
namespace {

RnnSpec layer_spec(const EncoderDecoderSpec& s, Index input) {
  RnnSpec m;
  m.cell = s.cell;
  m.input = input;
  m.hidden = s.hidden;
  m.layers = s.layers;
  m.output = 1;  // the workspace's own head buffers are unused
  return m;
}

}  // namespace

template <class S>
EncoderDecoder<S>::EncoderDecoder(const EncoderDecoderSpec& spec) : spec_(spec) {
  const Index g = gate_count(spec.cell), H = spec.hidden;
  for (const char* side : {"encoder", "decoder"})
    for (Index l = 0; l < spec.layers; ++l) {
      const std::string sfx = "_l" + std::to_string(l), pre = std::string(side) + ".";
      const Index in = l > 0 ? H : (side[0] == 'e' ? spec.src_input : spec.input);
      add_param(params_, pre + "weight_ih" + sfx, g * H, in);
      add_param(params_, pre + "weight_hh" + sfx, g * H, H);
      add_param(params_, pre + "bias_ih" + sfx, g * H, 1);
      add_param(params_, pre + "bias_hh" + sfx, g * H, 1);
    }
  attn_ = add_seq_attention(params_, spec.attn, H);
  if (spec.attn != AttnKind::None) {
    comb_w_ = add_param(params_, "attn.combine.weight", H, 2 * H);
    comb_b_ = add_param(params_, "attn.combine.bias", H, 1);
  }
  head_w_ = add_param(params_, "head.weight", spec.output, H);
  head_b_ = add_param(params_, "head.bias", spec.output, 1);
}

template <class S>
void EncoderDecoder<S>::init(Rng& rng, double forget_bias) {
  const double k = 1.0 / std::sqrt(double(spec_.hidden));
  for (auto& p : params_) {
    const double bound = p.name == "attn.combine.weight" || p.name == "attn.combine.bias"
                             ? 1.0 / std::sqrt(double(2 * spec_.hidden)) : k;
    fill_uniform(p.value, bound, rng);
  }
  if (spec_.cell == CellKind::Lstm) {
    const Index H = spec_.hidden;
    for (Index l = 0; l < 2 * spec_.layers; ++l) {
      params_[size_t(4 * l + kBih)].value.middleRows(H, H).setConstant(S(forget_bias));
      params_[size_t(4 * l + kBhh)].value.middleRows(H, H).setZero();
    }
  }
}

template <class S>
void EncoderDecoder<S>::encode(const Mat<S>& src, Index B, Index Tt) {
  const Index Ts = src.cols() / B, L = spec_.layers, H = spec_.hidden;
  B_ = B;
  enc_ws_.resize(layer_spec(spec_, spec_.src_input), Ts, B);
  dec_ws_.resize(layer_spec(spec_, spec_.input), Tt, B);
  enc_ws_.reset_state();
  for (Index l = 0; l < L; ++l)
    cell_forward<S>(spec_.cell, enc(l), layer_input<S>(src, enc_ws_, l), 0, Ts, B,
                    enc_ws_.layers[size_t(l)]);
  // the context vector: each decoder layer starts from its encoder layer's
  // final h (c = 0 for LSTM)         H x B
  dec_ws_.reset_state();
  for (Index l = 0; l < L; ++l)
    dec_ws_.layers[size_t(l)].h.leftCols(B) = enc_ws_.layers[size_t(l)].h.rightCols(B);
  if (spec_.attn != AttnKind::None) {
    const auto E = enc_ws_.layers.back().h.rightCols(Ts * B);  // H x Ts*B
    seq_attention_prepare<S>(params_, attn_, E, B, Tt, attn_c_);
    ctx_.setZero(H, Tt * B);
    cat_.setZero(2 * H, Tt * B);
    hat_.setZero(H, Tt * B);
  }
  out_.setZero(spec_.output, Tt * B);
}

template <class S>
void EncoderDecoder<S>::decode_steps(const Mat<S>& x, Index t0, Index t1) {
  const Index B = B_, L = spec_.layers, H = spec_.hidden, n = (t1 - t0) * B;
  for (Index l = 0; l < L; ++l)
    cell_forward<S>(spec_.cell, dec(l), layer_input<S>(x, dec_ws_, l), t0, t1, B,
                    dec_ws_.layers[size_t(l)]);
  const Index Tt = dec_ws_.T;
  const auto D = dec_ws_.layers.back().h.rightCols(Tt * B);  // H x Tt*B
  auto out = out_.middleCols(t0 * B, n);                     // O x n
  const Mat<S>& Wo = params_[size_t(head_w_)].value;
  if (spec_.attn == AttnKind::None) {
    // out = W_o D + b_o      O x n = (O x H)(H x n)
    out.noalias() = Wo * D.middleCols(t0 * B, n);
  } else {
    const Mat<S> E = enc_ws_.layers.back().h.rightCols(enc_ws_.T * B);
    const Mat<S> Dm = D;
    seq_attention_forward<S>(params_, attn_, E, Dm, t0, t1, attn_c_, ctx_);
    // hat = tanh(W_c [c; d] + b_c)     H x n = (H x 2H)(2H x n)
    cat_.middleCols(t0 * B, n).topRows(H) = ctx_.middleCols(t0 * B, n);
    cat_.middleCols(t0 * B, n).bottomRows(H) = D.middleCols(t0 * B, n);
    auto hat = hat_.middleCols(t0 * B, n);
    hat.noalias() = params_[size_t(comb_w_)].value * cat_.middleCols(t0 * B, n);
    hat.colwise() += params_[size_t(comb_b_)].value.col(0);
    hat = hat.array().tanh().matrix();
    out.noalias() = Wo * hat;
  }
  out.colwise() += params_[size_t(head_b_)].value.col(0);
}

template <class S>
void EncoderDecoder<S>::forward(const Mat<S>& src, const Mat<S>& x, Index B) {
  const Index Tt = x.cols() / B;
  encode(src, B, Tt);
  decode_steps(x, 0, Tt);
}

template <class S>
void EncoderDecoder<S>::greedy(const Mat<S>& src, Mat<S>& x, Index B) {
  const Index Tt = x.cols() / B;
  encode(src, B, Tt);
  for (Index t = 0; t < Tt; ++t) {
    decode_steps(x, t, t + 1);
    if (t + 1 == Tt) break;
    for (Index b = 0; b < B; ++b) {
      Index k = 0;
      out_.col(t * B + b).maxCoeff(&k);
      x.col((t + 1) * B + b).setZero();
      x(k, (t + 1) * B + b) = S(1);
    }
  }
}

template <class S>
void EncoderDecoder<S>::initial_state_grad(Index l, Mat<S>& g) const {
  const LayerCache<S>& c = dec_ws_.layers[size_t(l)];
  const Index B = B_, H = spec_.hidden;
  // every cell: W_hh^T dG_h[0]      H x B = (H x gH)(gH x B)
  g.noalias() = dec(l)[kWhh].value.transpose() * c.dgh.leftCols(B);
  // GRU also passes h_{-1} straight through: h_0 = (1-z) n + z h_{-1}
  if (spec_.cell == CellKind::Gru)
    g.array() += c.dh.leftCols(B).array() * c.act.leftCols(B).middleRows(H, H).array();
}

template <class S>
void EncoderDecoder<S>::backward(const Mat<S>& src, const Mat<S>& x, const Mat<S>& dout) {
  const Index B = B_, L = spec_.layers, H = spec_.hidden;
  const Index Tt = dec_ws_.T, Ts = enc_ws_.T;
  const auto D = dec_ws_.layers.back().h.rightCols(Tt * B);
  dD_.setZero(H, Tt * B);
  dE_.setZero(H, Ts * B);
  Param<S>& Wo = params_[size_t(head_w_)];
  // head: db_o += row sums of dout
  params_[size_t(head_b_)].grad.col(0) += dout.rowwise().sum();
  if (spec_.attn == AttnKind::None) {
    // dW_o += dout D^T (O x H);  dD = W_o^T dout (H x Tt*B)
    Wo.grad.noalias() += dout * D.transpose();
    dD_.noalias() = Wo.value.transpose() * dout;
  } else {
    Wo.grad.noalias() += dout * hat_.transpose();
    // dhat = W_o^T dout; through tanh: dz = dhat .* (1 - hat^2)   H x Tt*B
    dhat_.noalias() = Wo.value.transpose() * dout;
    dhat_ = (dhat_.array() * (S(1) - hat_.array().square())).matrix();
    // dW_c += dz [c; d]^T (H x 2H);  d[c; d] = W_c^T dz (2H x Tt*B)
    params_[size_t(comb_w_)].grad.noalias() += dhat_ * cat_.transpose();
    params_[size_t(comb_b_)].grad.col(0) += dhat_.rowwise().sum();
    dcat_.noalias() = params_[size_t(comb_w_)].value.transpose() * dhat_;
    dctx_ = dcat_.topRows(H);
    dD_ = dcat_.bottomRows(H);
    const Mat<S> E = enc_ws_.layers.back().h.rightCols(Ts * B);
    const Mat<S> Dm = D;
    seq_attention_backward<S>(params_, attn_, E, Dm, dctx_, attn_c_, dE_, dD_);
  }
  // decoder stack, top to bottom (the top layer's dy is dD)
  for (Index l = L - 1; l >= 0; --l) {
    const Mat<S>& dy = l == L - 1 ? dD_ : dec_ws_.layers[size_t(l + 1)].dx;
    cell_backward<S>(spec_.cell, dec(l), layer_input<S>(x, dec_ws_, l), dy, 0, Tt, B,
                     dec_ws_.layers[size_t(l)], /*need_dx=*/l > 0);
  }
  // encoder stack: each layer's final step also receives its decoder
  // layer's initial-state gradient (the context vector's gradient)
  for (Index l = L - 1; l >= 0; --l) {
    dy_ = l == L - 1 ? dE_ : enc_ws_.layers[size_t(l + 1)].dx;
    initial_state_grad(l, g_);
    dy_.rightCols(B) += g_;
    cell_backward<S>(spec_.cell, enc(l), layer_input<S>(src, enc_ws_, l), dy_, 0, Ts, B,
                     enc_ws_.layers[size_t(l)], /*need_dx=*/l > 0);
  }
}

template <class S>
Mat<S> EncoderDecoder<S>::attention(Index b) const {
  if (spec_.attn == AttnKind::None || attn_c_.attn.size() == 0) return Mat<S>();
  const Index B = B_, Tt = attn_c_.attn.cols() / B;
  Mat<S> m(Tt, attn_c_.Ts);  // decoder steps x source steps
  for (Index t = 0; t < Tt; ++t) m.row(t) = attn_c_.attn.col(t * B + b).transpose();
  return m;
}

template <class S>
std::vector<std::vector<double>> EncoderDecoder<S>::encoder_dh_norm() const {
  std::vector<std::vector<double>> r;
  for (const auto& c : enc_ws_.layers) r.push_back(c.dh_norm);
  return r;
}

template class EncoderDecoder<float>;
template class EncoderDecoder<double>;

}  // namespace unroll
