// Register-tiled float GEMM micro-kernels on 4-lane vectors (GCC/Clang
// vector extensions: wasm simd128 f32x4 with -msimd128, SSE natively).
//
// The shapes the cells need (gH = gates * H, n = T*B):
//   NN  C += A B      W_hh h_{t-1}: (gH x H)(H x B), W_ih X: (gH x I)(I x n)
//   TN  C  = A^T B    dL/dh = W_hh^T dG: (H x gH)(gH x B)
//   NT  C += A B^T    dW = dG X^T: (gH x n)(n x I or H)
//
// NN and NT share one packed kernel: for each block of kc inner steps, op(B)
// is copied into 4-column panels and A into 8-row strips (both p-major), and
// an 8 x 4 tile of C is held in 8 vectors; each step p loads the strip's 2
// vectors and multiplies them by 4 load-and-splat entries of the panel.
// TN is dot products down the columns of A and B (both contiguous), a 4 x 2
// tile of C in 8 vector accumulators, summed across lanes at the end.
#include <vector>

#include "gemm.h"
#include "simd4.h"

namespace unroll {
namespace {

using simd::lane_sum;
using simd::load4;
using simd::splat4;
using simd::store4;
using simd::v4;

// Column-major operand: element (r, col) at data[col * ld + r].
struct View {
  const float* data;
  Index ld;
};

// Packed panels: the operands of one block of kc inner steps copied so the
// micro-kernel reads both as straight sequential streams (a strided walk
// down W_hh or dG columns 1-2 KB apart was what held the products back).
//   A strip: 8 rows x kc, stored p-major: ap[p * 8 + i] = A(r + i, p0 + p)
//   B panel: kc x 4 columns, stored p-major: bp[p * 4 + q] = op(B)(p0 + p, j + q)
// Rows / columns past the matrix edge are packed as zeros, so one full
// 8 x 4 kernel serves every shape and only the stores are clipped.
constexpr int kMr = 8, kNr = 4;
constexpr Index kKc = 256;

// Grow-only scratch (the first product of a given size allocates, later
// ones reuse it: the training step does not allocate).
float* scratch(std::vector<float>& buf, size_t n) {
  if (buf.size() < n) buf.resize(n);
  return buf.data();
}

void pack_a(const View& a, Index r, Index m, Index p0, Index kc, float* ap) {
  const Index rows = m - r < kMr ? m - r : kMr;
  for (Index p = 0; p < kc; ++p) {
    const float* col = a.data + (p0 + p) * a.ld + r;
    float* dst = ap + p * kMr;
    if (rows == kMr) {
      store4(dst, load4(col));
      store4(dst + 4, load4(col + 4));
    } else {
      for (Index i = 0; i < kMr; ++i) dst[i] = i < rows ? col[i] : 0.f;
    }
  }
}

// op(B)(p, j) = B(p, j) (NN) or B(j, p) (NT).
template <bool kBT>
void pack_b(const View& b, Index j, Index n, Index p0, Index kc, float* bp) {
  const Index cols = n - j < kNr ? n - j : kNr;
  for (Index p = 0; p < kc; ++p) {
    float* dst = bp + p * kNr;
    if (kBT && cols == kNr) {
      store4(dst, load4(b.data + (p0 + p) * b.ld + j));  // 4 adjacent entries of B's column
      continue;
    }
    for (Index q = 0; q < kNr; ++q)
      dst[q] = q >= cols ? 0.f
               : kBT     ? b.data[(p0 + p) * b.ld + j + q]
                         : b.data[(j + q) * b.ld + p0 + p];
  }
}

// C tile (rows x cols of an 8 x 4 block at c) (+)= packed A strip * packed B panel.
void kernel_8x4(const float* ap, const float* bp, Index kc, float* c, Index ldc, Index rows,
                Index cols, bool accumulate) {
  v4 acc[kNr][2];
  for (auto& col : acc) col[0] = col[1] = splat4(0);
  for (Index p = 0; p < kc; ++p) {
    const v4 a0 = load4(ap + p * kMr), a1 = load4(ap + p * kMr + 4);
    for (int q = 0; q < kNr; ++q) {
      const v4 bq = splat4(bp[p * kNr + q]);  // one load-and-splat
      acc[q][0] += a0 * bq;
      acc[q][1] += a1 * bq;
    }
  }
  if (rows == kMr && cols == kNr) {
    for (int q = 0; q < kNr; ++q) {
      float* cq = c + q * ldc;
      if (accumulate) {
        acc[q][0] += load4(cq);
        acc[q][1] += load4(cq + 4);
      }
      store4(cq, acc[q][0]);
      store4(cq + 4, acc[q][1]);
    }
    return;
  }
  float tile[kNr][kMr];
  for (int q = 0; q < kNr; ++q) {
    store4(tile[q], acc[q][0]);
    store4(tile[q] + 4, acc[q][1]);
  }
  for (Index q = 0; q < cols; ++q)
    for (Index i = 0; i < rows; ++i)
      c[q * ldc + i] = accumulate ? c[q * ldc + i] + tile[q][i] : tile[q][i];
}

// C (m x n) (+)= A (m x k) op(B) (k x n), B^T when kBT.
template <bool kBT>
void gemm_nx(const View& a, View b, Index m, Index n, Index k, float* c, Index ldc,
             bool accumulate) {
  if (k == 0) {
    if (!accumulate)
      for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < m; ++i) c[j * ldc + i] = 0.f;
    return;
  }
  static thread_local std::vector<float> a_buf, b_buf;
  const Index n_tiles = (n + kNr - 1) / kNr;
  for (Index p0 = 0; p0 < k; p0 += kKc) {
    const Index kc = p0 + kKc < k ? kKc : k - p0;
    // The whole B block for these kc steps, one 4-column panel after another.
    float* bp = scratch(b_buf, size_t(n_tiles * kNr * kc));
    for (Index t = 0; t < n_tiles; ++t) pack_b<kBT>(b, t * kNr, n, p0, kc, bp + t * kNr * kc);
    float* ap = scratch(a_buf, size_t(kMr * kc));
    // The first block overwrites C unless accumulating; later blocks add.
    const bool acc = accumulate || p0 > 0;
    for (Index r = 0; r < m; r += kMr) {
      pack_a(a, r, m, p0, kc, ap);
      const Index rows = m - r < kMr ? m - r : kMr;
      for (Index t = 0; t < n_tiles; ++t) {
        const Index j = t * kNr, cols = n - j < kNr ? n - j : kNr;
        kernel_8x4(ap, bp + t * kNr * kc, kc, c + j * ldc + r, ldc, rows, cols, acc);
      }
    }
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
