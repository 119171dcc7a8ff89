#include "core/layers/transformer_block.h"

namespace unroll {

template <class S>
EncoderLayerRef add_encoder_layer(ParamList<S>& P, const std::string& prefix, Index d,
                                  Index heads, Index ff) {
  EncoderLayerRef r;
  r.self_attn = add_mha(P, prefix + "self_attn.", d, heads);
  r.ff = add_feed_forward(P, prefix, d, ff);
  r.norm1 = add_layer_norm(P, prefix + "norm1", d);
  r.norm2 = add_layer_norm(P, prefix + "norm2", d);
  return r;
}

template <class S>
DecoderLayerRef add_decoder_layer(ParamList<S>& P, const std::string& prefix, Index d,
                                  Index heads, Index ff) {
  DecoderLayerRef r;
  r.self_attn = add_mha(P, prefix + "self_attn.", d, heads);
  r.cross_attn = add_mha(P, prefix + "multihead_attn.", d, heads);
  r.ff = add_feed_forward(P, prefix, d, ff);
  r.norm1 = add_layer_norm(P, prefix + "norm1", d);
  r.norm2 = add_layer_norm(P, prefix + "norm2", d);
  r.norm3 = add_layer_norm(P, prefix + "norm3", d);
  return r;
}

template <class S>
void encoder_layer_forward(const ParamList<S>& P, const EncoderLayerRef& r, const Mat<S>& x,
                           Index B, bool causal, BlockCache<S>& c, Mat<S>& y) {
  // x1 = x + SA(LN1 x)      d x N
  layer_norm_forward(P, r.norm1, x, c.a, c.ln1);
  mha_forward(P, r.self_attn, c.a, c.a, B, causal, c.sa, c.t1);
  c.x1 = x + c.t1;
  // y = x1 + FF(LN2 x1)     d x N
  layer_norm_forward(P, r.norm2, c.x1, c.b, c.ln2);
  feed_forward_forward(P, r.ff, c.b, c.t1, c.ff);
  y = c.x1 + c.t1;
}

template <class S>
void encoder_layer_backward(ParamList<S>& P, const EncoderLayerRef& r, const Mat<S>& x,
                            const Mat<S>& dy, BlockCache<S>& c, Mat<S>& dx) {
  (void)x;
  // dx1 = dy + LN2'(FF'(dy))          d x N
  feed_forward_backward(P, r.ff, c.b, dy, c.ff, c.t1);
  layer_norm_backward(P, r.norm2, c.t1, c.ln2, c.t2);
  c.t2 += dy;  // t2 = dx1
  // da = SA' (query and key/value paths both read a = LN1 x)
  mha_backward(P, r.self_attn, c.a, c.a, c.t2, c.sa, c.t1, c.t3);
  c.t1 += c.t3;
  layer_norm_backward(P, r.norm1, c.t1, c.ln1, dx);
  dx += c.t2;
}

template <class S>
void decoder_layer_forward(const ParamList<S>& P, const DecoderLayerRef& r, const Mat<S>& x,
                           const Mat<S>& memory, Index B, BlockCache<S>& c, Mat<S>& y) {
  // x1 = x + SA(LN1 x, causal)        d x Tt*B
  layer_norm_forward(P, r.norm1, x, c.a, c.ln1);
  mha_forward(P, r.self_attn, c.a, c.a, B, /*causal=*/true, c.sa, c.t1);
  c.x1 = x + c.t1;
  // x2 = x1 + CA(LN2 x1, memory)      queries d x Tt*B, keys d x Ts*B
  layer_norm_forward(P, r.norm2, c.x1, c.b, c.ln2);
  mha_forward(P, r.cross_attn, c.b, memory, B, /*causal=*/false, c.ca, c.t1);
  c.x2 = c.x1 + c.t1;
  // y = x2 + FF(LN3 x2)
  layer_norm_forward(P, r.norm3, c.x2, c.e, c.ln3);
  feed_forward_forward(P, r.ff, c.e, c.t1, c.ff);
  y = c.x2 + c.t1;
}

template <class S>
void decoder_layer_backward(ParamList<S>& P, const DecoderLayerRef& r, const Mat<S>& x,
                            const Mat<S>& memory, const Mat<S>& dy, BlockCache<S>& c, Mat<S>& dx,
                            Mat<S>& dmemory) {
  (void)x;
  // dx2 = dy + LN3'(FF'(dy))
  feed_forward_backward(P, r.ff, c.e, dy, c.ff, c.t1);
  layer_norm_backward(P, r.norm3, c.t1, c.ln3, c.t2);
  c.t2 += dy;  // t2 = dx2
  // cross attention: query side back to x1 through LN2, key/value side to memory
  mha_backward(P, r.cross_attn, c.b, memory, c.t2, c.ca, c.t1, c.t3);
  dmemory += c.t3;
  layer_norm_backward(P, r.norm2, c.t1, c.ln2, c.t3);
  c.t2 += c.t3;  // t2 = dx1
  mha_backward(P, r.self_attn, c.a, c.a, c.t2, c.sa, c.t1, c.t3);
  c.t1 += c.t3;
  layer_norm_backward(P, r.norm1, c.t1, c.ln1, dx);
  dx += c.t2;
}

#define UNROLL_INSTANTIATE(S)                                                                   \
  template EncoderLayerRef add_encoder_layer<S>(ParamList<S>&, const std::string&, Index,     \
                                                Index, Index);                                \
  template DecoderLayerRef add_decoder_layer<S>(ParamList<S>&, const std::string&, Index,     \
                                                Index, Index);                                \
  template void encoder_layer_forward<S>(const ParamList<S>&, const EncoderLayerRef&,         \
                                         const Mat<S>&, Index, bool, BlockCache<S>&, Mat<S>&); \
  template void encoder_layer_backward<S>(ParamList<S>&, const EncoderLayerRef&,              \
                                          const Mat<S>&, const Mat<S>&, BlockCache<S>&,       \
                                          Mat<S>&);                                           \
  template void decoder_layer_forward<S>(const ParamList<S>&, const DecoderLayerRef&,         \
                                         const Mat<S>&, const Mat<S>&, Index, BlockCache<S>&, \
                                         Mat<S>&);                                            \
  template void decoder_layer_backward<S>(ParamList<S>&, const DecoderLayerRef&,              \
                                          const Mat<S>&, const Mat<S>&, const Mat<S>&,        \
                                          BlockCache<S>&, Mat<S>&, Mat<S>&);
UNROLL_INSTANTIATE(float)
UNROLL_INSTANTIATE(double)
#undef UNROLL_INSTANTIATE

}  // namespace unroll
