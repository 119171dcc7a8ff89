// A small Transformer (Vaswani et al. 2017, pre-LN variant):
//
//   decoder-only (src_input == 0), for next-token tasks like text:
//     h0 = W_emb x + PE;  h_l = EncoderLayer_l(h_{l-1}, causal);
//     out = W_o LN_f(h_L) + b_o
//   encoder-decoder (src_input > 0), for sequence-to-sequence tasks:
//     memory = LN_enc(EncoderLayers(W_src src + PE))           (no mask)
//     h_l = DecoderLayer_l(h_{l-1}, memory)  (causal self-attn + cross-attn)
//     out = W_o LN_dec(h_L) + b_o
//
// Inputs are one-hot (or real-valued) feature columns, so the embedding is
// a bias-free linear map; time-major d x T*B everywhere (tensor.h).
// Parameter names follow torch.nn.Transformer's state_dict where it has one.
#pragma once
#include <vector>

#include "core/layers/dense.h"
#include "core/layers/positional.h"
#include "core/tensor/rng.h"
#include "core/layers/transformer_block.h"

namespace unroll {

struct TransformerSpec {
  Index src_input = 0;  // I_s: encoder input features; 0 = decoder-only
  Index input = 1;      // I: (decoder) input features
  Index output = 1;     // O: classes or regression outputs
  Index d_model = 64, heads = 4, ff = 128, layers = 2;
  PosKind pos = PosKind::Sinusoidal;
  Index max_len = 64;   // learned positions exist for steps 0..max_len-1
  bool enc_dec() const { return src_input > 0; }
};

template <class S>
class Transformer {
 public:
  explicit Transformer(const TransformerSpec& spec);

  const TransformerSpec& spec() const { return spec_; }
  ParamList<S>& params() { return params_; }
  const ParamList<S>& params() const { return params_; }
  Index param_count() const { return unroll::param_count(params_); }

  // PyTorch-like default initialisation (nn.Linear uniform, in_proj Xavier,
  // embeddings N(0,1), LayerNorm 1/0).
  void init(Rng& rng);

  // Encoder pass (enc-dec only): src I_s x Ts*B -> memory().
  void encode(const Mat<S>& src, Index B);
  // Decoder pass over x (I x T*B) with the memory of the last encode();
  // writes out() (O x T*B).
  void decode(const Mat<S>& x, Index B);
  // encode (if enc-dec) + decode.
  void forward(const Mat<S>* src, const Mat<S>& x, Index B);
  // From dL/d out (O x T*B) of the last forward: ADDS every parameter grad.
  void backward(const Mat<S>* src, const Mat<S>& x, const Mat<S>& dout);

  const Mat<S>& out() const { return out_; }
  const Mat<S>& memory() const { return memory_; }

  // The positional encodings added to T steps: d x T (learned: the first T
  // columns of the table; T must be <= max_len).
  Mat<S> positions(Index T) const;
  // Attention weights of sequence b from the last forward, [layer][head],
  // each queries x keys: self-attention of the decoder (or decoder-only
  // stack), the encoder's self-attention, and cross-attention.
  std::vector<std::vector<Mat<S>>> self_attention(Index b) const;
  std::vector<std::vector<Mat<S>>> encoder_attention(Index b) const;
  std::vector<std::vector<Mat<S>>> cross_attention(Index b) const;

 private:
  void embed(const Mat<S>& x, DenseRef emb, int pos_param, Index B, Mat<S>& h) const;
  void embed_backward(const Mat<S>& x, DenseRef emb, int pos_param, Index B, const Mat<S>& dh);

  TransformerSpec spec_;
  ParamList<S> params_;
  DenseRef src_embed_, tgt_embed_, head_;
  int src_pos_ = -1, tgt_pos_ = -1;  // learned position tables, d x max_len
  std::vector<EncoderLayerRef> enc_;  // encoder (enc-dec) or the whole stack (decoder-only)
  std::vector<DecoderLayerRef> dec_;
  LayerNormRef enc_norm_, final_norm_;

  Index B_ = 0;
  mutable Mat<S> sinus_;               // d x (longest T seen) cached sinusoid
  std::vector<Mat<S>> enc_h_, dec_h_;  // layer inputs (+ final output)   d x T*B
  std::vector<BlockCache<S>> enc_c_, dec_c_;
  LayerNormCache<S> enc_ln_, final_ln_;
  Mat<S> memory_, top_, out_;          // d x Ts*B, d x T*B, O x T*B
  Mat<S> dmem_, dh_, dtmp_;
};

}  // namespace unroll
