// Register-tiled float GEMM micro-kernels on 4-lane vectors (GCC/Clang
// vector extensions: wasm simd128 f32x4 with -msimd128, SSE natively).
//
// The shapes the cells need (gH = gates * H, n = T*B):
//   NN  C += A B      W_hh h_{t-1}: (gH x H)(H x B), W_ih X: (gH x I)(I x n)
//   TN  C  = A^T B    dL/dh = W_hh^T dG: (H x gH)(gH x B)
//   NT  C += A B^T    dW = dG X^T: (gH x n)(n x I or H)
//
// NN and NT share one kernel: an 8 x 4 tile of C held in 8 vectors; each step
// p loads 8 rows of A's column p (2 vectors) and multiplies them by 4
// broadcast entries of B (from B's column j: NN, or B's column p: NT).
// TN is dot products down the columns of A and B (both contiguous), a 4 x 2
// tile of C in 8 vector accumulators, summed across lanes at the end.
#include <cstring>

#include "gemm.h"

namespace unroll {
namespace {

typedef float v4 __attribute__((vector_size(16)));

inline v4 load4(const float* p) {
  v4 v;
  std::memcpy(&v, p, sizeof v);  // one unaligned vector load
  return v;
}
inline void store4(float* p, v4 v) { std::memcpy(p, &v, sizeof v); }
inline v4 splat4(float x) { return v4{x, x, x, x}; }
inline float lane_sum(v4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// Column-major operand: element (r, col) at data[col * ld + r].
struct View {
  const float* data;
  Index ld;
};

// B's entry (p, j) of the product, for op(B) = B (NN) or B^T (NT).
template <bool kBT>
inline float b_at(const View& b, Index p, Index j) {
  return kBT ? b.data[p * b.ld + j] : b.data[j * b.ld + p];
}

// C[0:MV*4, 0:NR] (+)= A[0:MV*4, p0:p1] op(B)[p0:p1, 0:NR]
template <int MV, int NR, bool kBT>
inline void tile(const View& a, const View& b, Index p0, Index p1, float* c, Index ldc,
                 bool accumulate) {
  v4 acc[NR][MV];
  for (int j = 0; j < NR; ++j)
    for (int v = 0; v < MV; ++v) acc[j][v] = accumulate ? load4(c + j * ldc + 4 * v) : splat4(0);
  for (Index p = p0; p < p1; ++p) {
    const float* ap = a.data + p * a.ld;
    v4 av[MV];
    for (int v = 0; v < MV; ++v) av[v] = load4(ap + 4 * v);
    for (int j = 0; j < NR; ++j) {
      const v4 bj = splat4(b_at<kBT>(b, p, j));
      for (int v = 0; v < MV; ++v) acc[j][v] += av[v] * bj;
    }
  }
  for (int j = 0; j < NR; ++j)
    for (int v = 0; v < MV; ++v) store4(c + j * ldc + 4 * v, acc[j][v]);
}

// Rows that do not fill a vector: plain dot products.
template <bool kBT>
void scalar_rows(const View& a, const View& b, Index r0, Index m, Index n, Index p0, Index p1,
                 float* c, Index ldc, bool accumulate) {
  for (Index j = 0; j < n; ++j)
    for (Index r = r0; r < m; ++r) {
      float s = accumulate ? c[j * ldc + r] : 0.f;
      for (Index p = p0; p < p1; ++p) s += a.data[p * a.ld + r] * b_at<kBT>(b, p, j);
      c[j * ldc + r] = s;
    }
}

// C (m x n) (+)= A (m x k) op(B) (k x n), B^T when kBT.
template <bool kBT>
void gemm_nx(const View& a, View b, Index m, Index n, Index k, float* c, Index ldc,
             bool accumulate) {
  // Blocks of kc steps keep an 8-row strip of A (8 x kc floats) in L1 while
  // it meets every column group of B.
  constexpr Index kc = 128;
  for (Index p0 = 0; p0 < k || p0 == 0; p0 += kc) {
    const Index p1 = p0 + kc < k ? p0 + kc : k;
    const bool acc = accumulate || p0 > 0;
    Index r = 0;
    for (; r + 8 <= m; r += 8) {
      const View ar{a.data + r, a.ld};
      Index j = 0;
      for (; j + 4 <= n; j += 4) {
        const View bj{kBT ? b.data + j : b.data + j * b.ld, b.ld};
        tile<2, 4, kBT>(ar, bj, p0, p1, c + j * ldc + r, ldc, acc);
      }
      for (; j < n; ++j) {
        const View bj{kBT ? b.data + j : b.data + j * b.ld, b.ld};
        tile<2, 1, kBT>(ar, bj, p0, p1, c + j * ldc + r, ldc, acc);
      }
    }
    for (; r + 4 <= m; r += 4) {
      const View ar{a.data + r, a.ld};
      for (Index j = 0; j < n; ++j) {
        const View bj{kBT ? b.data + j : b.data + j * b.ld, b.ld};
        tile<1, 1, kBT>(ar, bj, p0, p1, c + j * ldc + r, ldc, acc);
      }
    }
    scalar_rows<kBT>(a, b, r, m, n, p0, p1, c, ldc, acc);
    if (k == 0) break;
  }
}

// C (m x n) (+)= A^T B with A k x m, B k x n: dot products of columns.
void gemm_tn(const View& a, const View& b, Index m, Index n, Index k, float* c, Index ldc,
             bool accumulate) {
  const Index k4 = k & ~Index(3);
  auto dot_tail = [&](Index i, Index j, float s) {
    const float* ai = a.data + i * a.ld;
    const float* bj = b.data + j * b.ld;
    for (Index p = k4; p < k; ++p) s += ai[p] * bj[p];
    float& out = c[j * ldc + i];
    out = accumulate ? out + s : s;
  };
  Index j = 0;
  for (; j + 2 <= n; j += 2) {
    Index i = 0;
    for (; i + 4 <= m; i += 4) {
      v4 acc[2][4];
      for (auto& row : acc)
        for (auto& x : row) x = splat4(0);
      for (Index p = 0; p < k4; p += 4) {
        const v4 b0 = load4(b.data + j * b.ld + p), b1 = load4(b.data + (j + 1) * b.ld + p);
        for (int u = 0; u < 4; ++u) {
          const v4 au = load4(a.data + (i + u) * a.ld + p);
          acc[0][u] += au * b0;
          acc[1][u] += au * b1;
        }
      }
      for (int jj = 0; jj < 2; ++jj)
        for (int u = 0; u < 4; ++u) dot_tail(i + u, j + jj, lane_sum(acc[jj][u]));
    }
    for (; i < m; ++i)
      for (Index jj = j; jj < j + 2; ++jj) {
        v4 acc = splat4(0);
        for (Index p = 0; p < k4; p += 4)
          acc += load4(a.data + i * a.ld + p) * load4(b.data + jj * b.ld + p);
        dot_tail(i, jj, lane_sum(acc));
      }
  }
  for (; j < n; ++j)
    for (Index i = 0; i < m; ++i) {
      v4 acc = splat4(0);
      for (Index p = 0; p < k4; p += 4)
        acc += load4(a.data + i * a.ld + p) * load4(b.data + j * b.ld + p);
      dot_tail(i, j, lane_sum(acc));
    }
}

}  // namespace

void gemm_simd(const CMatRef<float>& a, Op op_a, const CMatRef<float>& b, Op op_b,
               MatRef<float> c, bool accumulate) {
  const View av{a.data(), a.outerStride()}, bv{b.data(), b.outerStride()};
  const Index m = c.rows(), n = c.cols();
  if (m == 0 || n == 0) return;
  if (op_a == Op::N) {
    const Index k = a.cols();
    if (op_b == Op::N) gemm_nx<false>(av, bv, m, n, k, c.data(), c.outerStride(), accumulate);
    else gemm_nx<true>(av, bv, m, n, k, c.data(), c.outerStride(), accumulate);
  } else if (op_b == Op::N) {
    gemm_tn(av, bv, m, n, a.rows(), c.data(), c.outerStride(), accumulate);
  } else {
    // A^T B^T = (B A)^T: not used by the engine; plain loops keep it correct.
    const Index k = a.rows();
    for (Index j = 0; j < n; ++j)
      for (Index i = 0; i < m; ++i) {
        float s = 0;
        for (Index p = 0; p < k; ++p) s += a(p, i) * b(j, p);
        c(i, j) = accumulate ? c(i, j) + s : s;
      }
  }
}

}  // namespace unroll
