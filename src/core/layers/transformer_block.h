// Pre-LayerNorm Transformer blocks (norm_first=True in PyTorch's names):
//
//   encoder layer:  x1 = x + SelfAttn(LN1 x)          [causal for decoder-only]
//                   y  = x1 + FF(LN2 x1)
//   decoder layer:  x1 = x + SelfAttn(LN1 x, causal)
//                   x2 = x1 + CrossAttn(LN2 x1, memory)
//                   y  = x2 + FF(LN3 x2)
//
// The residual path is never normalised, so gradients reach early layers
// undamped: why pre-LN trains without warm-up at these sizes.
// All activations d x T*B (time-major); memory d x Ts*B.
#pragma once
#include "core/layers/dense.h"
#include "core/layers/layer_norm.h"
#include "core/layers/mha.h"

namespace unroll {

struct EncoderLayerRef {
  MhaRef self_attn;
  FeedForwardRef ff;
  LayerNormRef norm1, norm2;
};

struct DecoderLayerRef {
  MhaRef self_attn, cross_attn;
  FeedForwardRef ff;
  LayerNormRef norm1, norm2, norm3;
};

// Names as torch.nn.TransformerEncoderLayer / DecoderLayer's state_dict,
// each prefixed by `prefix` (e.g. "encoder.layers.0.").
template <class S>
EncoderLayerRef add_encoder_layer(ParamList<S>& P, const std::string& prefix, Index d,
                                  Index heads, Index ff);
template <class S>
DecoderLayerRef add_decoder_layer(ParamList<S>& P, const std::string& prefix, Index d,
                                  Index heads, Index ff);

template <class S>
struct BlockCache {
  LayerNormCache<S> ln1, ln2, ln3;
  MhaCache<S> sa, ca;
  FeedForwardCache<S> ff;
  Mat<S> a, x1, b, x2, e;  // LN1 x, x + SA, LN2 x1, x1 + CA, LN3 x2     d x N
  Mat<S> t1, t2, t3;       // scratch                                    d x N
};

template <class S>
void encoder_layer_forward(const ParamList<S>& P, const EncoderLayerRef& r, const Mat<S>& x,
                           Index B, bool causal, BlockCache<S>& c, Mat<S>& y);
// WRITES dx from dy.
template <class S>
void encoder_layer_backward(ParamList<S>& P, const EncoderLayerRef& r, const Mat<S>& x,
                            const Mat<S>& dy, BlockCache<S>& c, Mat<S>& dx);

template <class S>
void decoder_layer_forward(const ParamList<S>& P, const DecoderLayerRef& r, const Mat<S>& x,
                           const Mat<S>& memory, Index B, BlockCache<S>& c, Mat<S>& y);
// WRITES dx, ADDS to dmemory (d x Ts*B).
template <class S>
void decoder_layer_backward(ParamList<S>& P, const DecoderLayerRef& r, const Mat<S>& x,
                            const Mat<S>& memory, const Mat<S>& dy, BlockCache<S>& c, Mat<S>& dx,
                            Mat<S>& dmemory);

}  // namespace unroll
