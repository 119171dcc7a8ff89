#include "core/models/transformer.h"

#include <cmath>

namespace unroll {

template <class S>
Transformer<S>::Transformer(const TransformerSpec& spec) : spec_(spec) {
  const Index d = spec.d_model, L = spec.layers;
  auto& P = params_;
  if (spec.enc_dec()) {
    src_embed_ = add_dense(P, "src_embed", spec.src_input, d, /*bias=*/false);
    if (spec.pos == PosKind::Learned) src_pos_ = add_param(P, "src_pos.weight", d, spec.max_len);
    for (Index l = 0; l < L; ++l)
      enc_.push_back(add_encoder_layer(P, "encoder.layers." + std::to_string(l) + ".", d,
                                       spec.heads, spec.ff));
    enc_norm_ = add_layer_norm(P, "encoder.norm", d);
  }
  tgt_embed_ = add_dense(P, spec.enc_dec() ? "tgt_embed" : "embed", spec.input, d, false);
  if (spec.pos == PosKind::Learned) tgt_pos_ = add_param(P, spec.enc_dec() ? "tgt_pos.weight" : "pos.weight", d, spec.max_len);
  for (Index l = 0; l < L; ++l) {
    const std::string pre = "decoder.layers." + std::to_string(l) + ".";
    if (spec.enc_dec()) dec_.push_back(add_decoder_layer(P, pre, d, spec.heads, spec.ff));
    else enc_.push_back(add_encoder_layer(P, pre, d, spec.heads, spec.ff));
  }
  final_norm_ = add_layer_norm(P, "decoder.norm", d);
  head_ = add_dense(P, "head", d, spec.output);
}

template <class S>
void Transformer<S>::init(Rng& rng) {
  const Index d = spec_.d_model;
  for (auto& p : params_) {
    const std::string& n = p.name;
    auto ends = [&](const char* s) {
      const std::string t(s);
      return n.size() >= t.size() && n.compare(n.size() - t.size(), t.size(), t) == 0;
    };
    if (ends("norm1.weight") || ends("norm2.weight") || ends("norm3.weight") ||
        ends("norm.weight"))
      p.value.setOnes();
    else if (ends("in_proj_weight"))  // Xavier uniform over the stacked 3d x d
      fill_uniform(p.value, std::sqrt(6.0 / double(4 * d)), rng);
    else if (ends("embed.weight") || ends("pos.weight"))
      fill_normal(p.value, 1.0, rng);
    else if (ends(".weight"))  // nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in))
      fill_uniform(p.value, 1.0 / std::sqrt(double(p.value.cols())), rng);
    else if (ends("linear1.bias") || ends("linear2.bias") || n == "head.bias") {
      const Index fan_in = n == "head.bias" ? d : (ends("linear1.bias") ? d : spec_.ff);
      fill_uniform(p.value, 1.0 / std::sqrt(double(fan_in)), rng);
    } else {
      p.value.setZero();  // attention biases, LayerNorm biases
    }
  }
}

template <class S>
Mat<S> Transformer<S>::positions(Index T) const {
  if (spec_.pos == PosKind::Learned) {
    return params_[size_t(tgt_pos_)].value.leftCols(std::min(T, spec_.max_len));
  }
  if (sinus_.cols() < T) sinus_ = sinusoidal_encoding<S>(spec_.d_model, T);
  return sinus_.leftCols(T);
}

template <class S>
void Transformer<S>::embed(const Mat<S>& x, DenseRef emb, int pos_param, Index B, Mat<S>& h) const {
  const Index T = x.cols() / B;
  // h = W_emb x      d x T*B = (d x I)(I x T*B)
  dense_forward(params_, emb, x, h);
  if (pos_param >= 0) {
    add_positions(h, params_[size_t(pos_param)].value, B);
  } else {
    if (sinus_.cols() < T) sinus_ = sinusoidal_encoding<S>(spec_.d_model, T);
    add_positions(h, sinus_, B);
  }
}

template <class S>
void Transformer<S>::embed_backward(const Mat<S>& x, DenseRef emb, int pos_param, Index B,
                                    const Mat<S>& dh) {
  // dW_emb += dh x^T   (d x T*B)(T*B x I)
  dense_backward(params_, emb, x, dh, static_cast<Mat<S>*>(nullptr));
  if (pos_param >= 0) add_position_grads(dh, params_[size_t(pos_param)].grad, B);
}

template <class S>
void Transformer<S>::encode(const Mat<S>& src, Index B) {
  const Index L = spec_.layers;
  B_ = B;
  enc_h_.resize(size_t(L + 1));
  enc_c_.resize(size_t(L));
  embed(src, src_embed_, src_pos_, B, enc_h_[0]);
  for (Index l = 0; l < L; ++l)
    encoder_layer_forward(params_, enc_[size_t(l)], enc_h_[size_t(l)], B, /*causal=*/false,
                          enc_c_[size_t(l)], enc_h_[size_t(l + 1)]);
  // memory = LN_enc(h_L)     d x Ts*B
  layer_norm_forward(params_, enc_norm_, enc_h_[size_t(L)], memory_, enc_ln_);
}

template <class S>
void Transformer<S>::decode(const Mat<S>& x, Index B) {
  const Index L = spec_.layers;
  B_ = B;
  dec_h_.resize(size_t(L + 1));
  dec_c_.resize(size_t(L));
  embed(x, tgt_embed_, tgt_pos_, B, dec_h_[0]);
  for (Index l = 0; l < L; ++l) {
    if (spec_.enc_dec())
      decoder_layer_forward(params_, dec_[size_t(l)], dec_h_[size_t(l)], memory_, B,
                            dec_c_[size_t(l)], dec_h_[size_t(l + 1)]);
    else
      encoder_layer_forward(params_, enc_[size_t(l)], dec_h_[size_t(l)], B, /*causal=*/true,
                            dec_c_[size_t(l)], dec_h_[size_t(l + 1)]);
  }
  // out = W_o LN_f(h_L) + b_o     O x T*B
  layer_norm_forward(params_, final_norm_, dec_h_[size_t(L)], top_, final_ln_);
  dense_forward(params_, head_, top_, out_);
}

template <class S>
void Transformer<S>::forward(const Mat<S>* src, const Mat<S>& x, Index B) {
  if (spec_.enc_dec()) encode(*src, B);
  decode(x, B);
}

template <class S>
void Transformer<S>::backward(const Mat<S>* src, const Mat<S>& x, const Mat<S>& dout) {
  const Index L = spec_.layers, B = B_;
  // head and final norm:  dtop = W_o^T dout (d x T*B), then LN_f'
  dense_backward(params_, head_, top_, dout, &dtmp_);
  layer_norm_backward(params_, final_norm_, dtmp_, final_ln_, dh_);
  if (spec_.enc_dec()) dmem_.setZero(memory_.rows(), memory_.cols());
  for (Index l = L - 1; l >= 0; --l) {
    if (spec_.enc_dec())
      decoder_layer_backward(params_, dec_[size_t(l)], dec_h_[size_t(l)], memory_, dh_,
                             dec_c_[size_t(l)], dtmp_, dmem_);
    else
      encoder_layer_backward(params_, enc_[size_t(l)], dec_h_[size_t(l)], dh_,
                             dec_c_[size_t(l)], dtmp_);
    dh_.swap(dtmp_);
  }
  embed_backward(x, tgt_embed_, tgt_pos_, B, dh_);
  if (!spec_.enc_dec()) return;
  // memory = LN_enc(h_L): back through the encoder stack
  layer_norm_backward(params_, enc_norm_, dmem_, enc_ln_, dh_);
  for (Index l = L - 1; l >= 0; --l) {
    encoder_layer_backward(params_, enc_[size_t(l)], enc_h_[size_t(l)], dh_, enc_c_[size_t(l)],
                           dtmp_);
    dh_.swap(dtmp_);
  }
  embed_backward(*src, src_embed_, src_pos_, B, dh_);
}

template <class S>
std::vector<std::vector<Mat<S>>> Transformer<S>::self_attention(Index b) const {
  std::vector<std::vector<Mat<S>>> r;
  for (const auto& c : dec_c_) {
    r.emplace_back();
    for (Index h = 0; h < spec_.heads; ++h) r.back().push_back(attention_map(c.sa, spec_.heads, b, h));
  }
  return r;
}

template <class S>
std::vector<std::vector<Mat<S>>> Transformer<S>::encoder_attention(Index b) const {
  std::vector<std::vector<Mat<S>>> r;
  if (!spec_.enc_dec()) return r;
  for (const auto& c : enc_c_) {
    r.emplace_back();
    for (Index h = 0; h < spec_.heads; ++h) r.back().push_back(attention_map(c.sa, spec_.heads, b, h));
  }
  return r;
}

template <class S>
std::vector<std::vector<Mat<S>>> Transformer<S>::cross_attention(Index b) const {
  std::vector<std::vector<Mat<S>>> r;
  if (!spec_.enc_dec()) return r;
  for (const auto& c : dec_c_) {
    r.emplace_back();
    for (Index h = 0; h < spec_.heads; ++h) r.back().push_back(attention_map(c.ca, spec_.heads, b, h));
  }
  return r;
}

template class Transformer<float>;
template class Transformer<double>;

}  // namespace unroll
