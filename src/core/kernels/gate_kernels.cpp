// Fused gate kernels (see gate_kernels.h): 4 rows at a time with the
// vector activations of activations.h; a block's last rows that do not
// fill a vector go through the same code with partial loads, so every
// element sees the same arithmetic.
#include "core/kernels/gate_kernels.h"

#include "core/kernels/activations.h"

namespace unroll {
namespace {

using simd::load_part;
using simd::splat4;
using simd::store_part;
using simd::v4;

// Calls body(column b, first row r, lane count) for rows r = 0, 4, 8 ..
// of each of the B columns of an H-row state block. The whole vectors get
// a literal 4, so once body is inlined their partial-load branches vanish.
template <class Body>
inline void for_each_row4(Index H, Index B, Body body) {
  for (Index b = 0; b < B; ++b) {
    Index r = 0;
    for (; r + 4 <= H; r += 4) body(b, r, 4);
    if (r < H) body(b, r, int(H - r));
  }
}

// The same over n contiguous values: body(first index j, lane count).
template <class Body>
inline void for_each4(Index n, Body body) {
  Index j = 0;
  for (; j + 4 <= n; j += 4) body(j, 4);
  if (j < n) body(j, int(n - j));
}

}  // namespace

void lstm_gates_forward(float* act, const float* gi, const float* c_prev, float* c,
                        float* tanh_c, float* h, Index H, Index B) {
  for_each_row4(H, B, [&](Index b, Index r, int n) {
    float* a = act + b * 4 * H + r;       // gate rows of column b
    const float* g_in = gi + b * 4 * H + r;
    const Index s = b * H + r;            // state element (r, b)
    const v4 i = simd::sigmoid4(load_part(a, n) + load_part(g_in, n));
    const v4 f = simd::sigmoid4(load_part(a + H, n) + load_part(g_in + H, n));
    const v4 g = simd::tanh4(load_part(a + 2 * H, n) + load_part(g_in + 2 * H, n));
    const v4 o = simd::sigmoid4(load_part(a + 3 * H, n) + load_part(g_in + 3 * H, n));
    store_part(a, i, n);
    store_part(a + H, f, n);
    store_part(a + 2 * H, g, n);
    store_part(a + 3 * H, o, n);
    const v4 cv = f * load_part(c_prev + s, n) + i * g;
    const v4 tc = simd::tanh4(cv);
    store_part(c + s, cv, n);
    store_part(tanh_c + s, tc, n);
    store_part(h + s, o * tc, n);
  });
}

void lstm_gates_backward(const float* act, const float* tanh_c, const float* c_prev,
                         const float* dh, float* dc, float* dact, Index H, Index B) {
  const v4 one = splat4(1.f);
  for_each_row4(H, B, [&](Index b, Index r, int n) {
    const float* a = act + b * 4 * H + r;
    float* da = dact + b * 4 * H + r;
    const Index s = b * H + r;
    const v4 i = load_part(a, n), f = load_part(a + H, n), g = load_part(a + 2 * H, n),
             o = load_part(a + 3 * H, n);
    const v4 tc = load_part(tanh_c + s, n), dhv = load_part(dh + s, n);
    // dL/dc_t = (carried from t+1) + dh o (1 - tanh(c)^2)
    const v4 dcv = load_part(dc + s, n) + dhv * o * (one - tc * tc);
    store_part(da, dcv * g * i * (one - i), n);
    store_part(da + H, dcv * load_part(c_prev + s, n) * f * (one - f), n);
    store_part(da + 2 * H, dcv * i * (one - g * g), n);
    store_part(da + 3 * H, dhv * tc * o * (one - o), n);
    store_part(dc + s, dcv * f, n);  // what flows on to c_{t-1}
  });
}

void gru_gates_forward(const float* gh, const float* gi, const float* b_hn, float* act,
                       float* ghn, const float* h_prev, float* h, Index H, Index B) {
  const v4 one = splat4(1.f);
  for_each_row4(H, B, [&](Index b, Index r, int n) {
    const Index k = b * 3 * H + r;  // gate row r of column b
    const Index s = b * H + r;
    const v4 rv = simd::sigmoid4(load_part(gh + k, n) + load_part(gi + k, n));
    const v4 z = simd::sigmoid4(load_part(gh + k + H, n) + load_part(gi + k + H, n));
    const v4 hn = load_part(gh + k + 2 * H, n) + load_part(b_hn + r, n);
    const v4 nv = simd::tanh4(load_part(gi + k + 2 * H, n) + rv * hn);
    store_part(act + k, rv, n);
    store_part(act + k + H, z, n);
    store_part(act + k + 2 * H, nv, n);
    store_part(ghn + s, hn, n);
    store_part(h + s, (one - z) * nv + z * load_part(h_prev + s, n), n);
  });
}

void gru_gates_backward(const float* act, const float* ghn, const float* h_prev,
                        const float* dh, float* dgi, float* dgh, Index H, Index B) {
  const v4 one = splat4(1.f);
  for_each_row4(H, B, [&](Index b, Index r, int n) {
    const Index k = b * 3 * H + r;
    const Index s = b * H + r;
    const v4 rv = load_part(act + k, n), z = load_part(act + k + H, n),
             nv = load_part(act + k + 2 * H, n);
    const v4 dhv = load_part(dh + s, n);
    // n row: dL/d(W_in x + b_in + r * ghn)
    const v4 dan = dhv * (one - z) * (one - nv * nv);
    const v4 daz = dhv * (load_part(h_prev + s, n) - nv) * z * (one - z);
    const v4 dar = dan * load_part(ghn + s, n) * rv * (one - rv);
    store_part(dgi + k, dar, n);
    store_part(dgi + k + H, daz, n);
    store_part(dgi + k + 2 * H, dan, n);
    store_part(dgh + k, dar, n);
    store_part(dgh + k + H, daz, n);
    store_part(dgh + k + 2 * H, dan * rv, n);
  });
}

void elman_tanh_forward(float* act, const float* gi, float* h, Index n) {
  for_each4(n, [&](Index j, int m) {
    const v4 y = simd::tanh4(load_part(act + j, m) + load_part(gi + j, m));
    store_part(act + j, y, m);
    store_part(h + j, y, m);
  });
}

void elman_tanh_backward(const float* act, const float* dh, float* da, Index n) {
  const v4 one = splat4(1.f);
  for_each4(n, [&](Index j, int m) {
    const v4 y = load_part(act + j, m);
    store_part(da + j, load_part(dh + j, m) * (one - y * y), m);
  });
}

}  // namespace unroll
