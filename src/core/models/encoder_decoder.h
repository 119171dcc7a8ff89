// Recurrent encoder-decoder (Sutskever et al. 2014; Cho et al. 2014) with
// any of the four cells, optionally with attention (seq_attention.h).
//
//   encoder: stacked cells read the source; its final hidden state per
//            layer is the CONTEXT VECTOR that starts the decoder (h only:
//            an LSTM decoder starts with c = 0)
//   decoder: stacked cells read [go, y_0, y_1, ...] (teacher forcing in
//            training; its own argmax predictions in greedy decoding)
//   output:  no attention   out_t = W_o d_t + b_o
//            attention      out_t = W_o tanh(W_c [c_t; d_t] + b_c) + b_o
//
// Without attention everything the decoder knows about the source must
// pass through that one H-vector: the bottleneck attention removes.
#pragma once
#include "core/rnn/cell_kind.h"
#include "core/tensor/param_list.h"
#include "core/tensor/rng.h"
#include "core/layers/seq_attention.h"
#include "core/rnn/workspace.h"

namespace unroll {

struct EncoderDecoderSpec {
  CellKind cell = CellKind::Lstm;
  Index src_input = 1;  // source features (one-hot tokens)
  Index input = 1;      // decoder input features
  Index hidden = 64, layers = 1;
  Index output = 1;     // classes
  AttnKind attn = AttnKind::None;
};

template <class S>
class EncoderDecoder {
 public:
  explicit EncoderDecoder(const EncoderDecoderSpec& spec);

  const EncoderDecoderSpec& spec() const { return spec_; }
  ParamList<S>& params() { return params_; }
  const ParamList<S>& params() const { return params_; }
  Index param_count() const { return unroll::param_count(params_); }

  // Names encoder.* / decoder.* as torch.nn.{RNN,LSTM,GRU} ("weight_ih_l0"...),
  // init as PyTorch: every tensor U(-1/sqrt(H), 1/sqrt(H)); LSTM forget
  // bias rows of b_ih = forget_bias.
  void init(Rng& rng, double forget_bias);

  // Teacher-forced pass: src (I_s x Ts*B), x decoder inputs (I x Tt*B).
  void forward(const Mat<S>& src, const Mat<S>& x, Index B);
  // From dL/dout (O x Tt*B): ADDS every parameter grad.
  void backward(const Mat<S>& src, const Mat<S>& x, const Mat<S>& dout);
  // Greedy decoding: x's first step must hold the start token; steps
  // 1..Tt-1 are overwritten with the one-hot argmax of the previous output
  // (x must be one-hot over the output classes + extra tokens).
  void greedy(const Mat<S>& src, Mat<S>& x, Index B);

  const Mat<S>& out() const { return out_; }
  // Attention weights of sequence b from the last pass: Tt x Ts (decoder
  // steps x source steps); empty without attention.
  Mat<S> attention(Index b) const;
  // ||dL/dh_t|| per encoder layer and step from the last backward (the
  // gradient reaching each source step).
  std::vector<std::vector<double>> encoder_dh_norm() const;

 private:
  const Param<S>* enc(Index l) const { return &params_[size_t(4 * l)]; }
  const Param<S>* dec(Index l) const { return &params_[size_t(4 * (spec_.layers + l))]; }
  Param<S>* enc(Index l) { return &params_[size_t(4 * l)]; }
  Param<S>* dec(Index l) { return &params_[size_t(4 * (spec_.layers + l))]; }
  void encode(const Mat<S>& src, Index B, Index Tt);
  void decode_steps(const Mat<S>& x, Index t0, Index t1);
  // dL/d(decoder initial h) of layer l after the decoder's backward: H x B
  void initial_state_grad(Index l, Mat<S>& g) const;

  EncoderDecoderSpec spec_;
  ParamList<S> params_;
  SeqAttnRef attn_;
  int comb_w_ = -1, comb_b_ = -1, head_w_ = -1, head_b_ = -1;

  Index B_ = 0;
  RnnWorkspace<S> enc_ws_, dec_ws_;
  SeqAttnCache<S> attn_c_;
  Mat<S> ctx_, cat_, hat_, out_;  // H x Tt*B, 2H x Tt*B, H x Tt*B, O x Tt*B
  Mat<S> dhat_, dcat_, dctx_, dD_, dE_, dy_, g_;
};

}  // namespace unroll
