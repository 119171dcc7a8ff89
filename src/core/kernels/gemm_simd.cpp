// Register-tiled float GEMM micro-kernels on 4-lane vectors (GCC/Clang
// vector extensions: wasm simd128 f32x4 with -msimd128, SSE natively).
//
// The shapes the cells need (gH = gates * H, n = T*B):
//   NN  C += A B      W_hh h_{t-1}: (gH x H)(H x B), W_ih X: (gH x I)(I x n)
//   TN  C  = A^T B    dL/dh = W_hh^T dG: (H x gH)(gH x B)
//   NT  C += A B^T    dW = dG X^T: (gH x n)(n x I or H)
//
// All four ops share one packed kernel: for each block of kc inner steps,
// op(B) is copied into 4-column panels and op(A) into 8-row strips (both
// p-major), and an 8 x 4 tile of C is held in 8 vectors; each step p loads
// the strip's 2 vectors and multiplies them by 4 load-and-splat entries of
// the panel. The kernel walks both packs with pointer bumps so every load
// has a constant offset (wasm folds it into the instruction; an index
// expression costs an integer add per load): 36 GFLOP/s against 22-24 with
// indices, kernel alone in Chromium 156 on the bench machine.
#include <vector>

#include "core/kernels/gemm.h"
#include "core/kernels/simd4.h"

namespace unroll {
namespace {

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

// Four adjacent columns of a column-major block, rows 0..kc-1, written
// across: dst[p * stride + q] = src[q * ld + p]. Whole groups of 4 rows go
// through a 4 x 4 register transpose (a scalar gather cost a third of the
// time of a transposed product's packing).
__attribute__((noinline)) void transpose_4cols(const float* src, Index ld, float* dst, Index stride, Index kc) {
  Index p = 0;
  for (; p + 4 <= kc; p += 4) {
    const v4 c0 = load4(src + p), c1 = load4(src + ld + p), c2 = load4(src + 2 * ld + p),
             c3 = load4(src + 3 * ld + p);
    const v4 t0 = __builtin_shufflevector(c0, c1, 0, 4, 1, 5);  // c0[0] c1[0] c0[1] c1[1]
    const v4 t1 = __builtin_shufflevector(c0, c1, 2, 6, 3, 7);
    const v4 t2 = __builtin_shufflevector(c2, c3, 0, 4, 1, 5);
    const v4 t3 = __builtin_shufflevector(c2, c3, 2, 6, 3, 7);
    store4(dst + p * stride, __builtin_shufflevector(t0, t2, 0, 1, 4, 5));
    store4(dst + (p + 1) * stride, __builtin_shufflevector(t0, t2, 2, 3, 6, 7));
    store4(dst + (p + 2) * stride, __builtin_shufflevector(t1, t3, 0, 1, 4, 5));
    store4(dst + (p + 3) * stride, __builtin_shufflevector(t1, t3, 2, 3, 6, 7));
  }
  for (; p < kc; ++p)
    for (Index q = 0; q < 4; ++q) dst[p * stride + q] = src[q * ld + p];
}

// op(A)(r + i, p) = A(r + i, p) (N) or A(p, r + i) (T).
template <bool kAT>
void pack_a(const View& a, Index r, Index m, Index p0, Index kc, float* ap) {
  const Index rows = m - r < kMr ? m - r : kMr;
  if (kAT) {
    // Row i of the strip is column r + i of A: read it down, write it across.
    if (rows == kMr) {
      transpose_4cols(a.data + r * a.ld + p0, a.ld, ap, kMr, kc);
      transpose_4cols(a.data + (r + 4) * a.ld + p0, a.ld, ap + 4, kMr, kc);
      return;
    }
    for (Index i = 0; i < kMr; ++i) {
      float* dst = ap + i;
      if (i >= rows) {  // past the matrix edge: zeros (no pointer into A formed)
        for (Index p = 0; p < kc; ++p) dst[p * kMr] = 0.f;
        continue;
      }
      const float* col = a.data + (r + i) * a.ld + p0;
      for (Index p = 0; p < kc; ++p) dst[p * kMr] = col[p];
    }
    return;
  }
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
  if (!kBT && cols == kNr) return transpose_4cols(b.data + j * b.ld + p0, b.ld, bp, kNr, kc);
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
__attribute__((noinline)) void kernel_8x4(const float* ap, const float* bp, Index kc, float* c, Index ldc, Index rows,
                Index cols, bool accumulate) {
  v4 acc[kNr][2];
  for (auto& col : acc) col[0] = col[1] = splat4(0);
  // Pointer bumps (not p * 8 + q indices) give every load a constant
  // offset. Unrolling this loop by 2 or widening the tile (12 x 4, 8 x 6)
  // measured slower in Chromium: V8 keeps 15 vector registers, and the
  // 8 accumulators + 2 A vectors + 1 splat leave no room for more.
  const float* a = ap;
  const float* b = bp;
  for (Index p = 0; p < kc; ++p, a += kMr, b += kNr) {
    const v4 a0 = load4(a), a1 = load4(a + 4);
    for (int q = 0; q < kNr; ++q) {
      const v4 bq = splat4(b[q]);  // one load-and-splat
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

// C (m x n) (+)= op(A) (m x k) op(B) (k x n), where strip(r, p0, kc) gives
// the packed 8-row strip of op(A) at rows r.., inner steps p0..p0+kc.
template <bool kBT, class Strip>
void multiply(Strip strip, View b, Index m, Index n, Index k, float* c, Index ldc,
              bool accumulate) {
  if (k == 0) {
    if (!accumulate)
      for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < m; ++i) c[j * ldc + i] = 0.f;
    return;
  }
  static thread_local std::vector<float> b_buf;
  const Index n_tiles = (n + kNr - 1) / kNr;
  for (Index p0 = 0; p0 < k; p0 += kKc) {
    const Index kc = p0 + kKc < k ? kKc : k - p0;
    // The whole B block for these kc steps, one 4-column panel after another.
    float* bp = scratch(b_buf, size_t(n_tiles * kNr * kc));
    for (Index t = 0; t < n_tiles; ++t) pack_b<kBT>(b, t * kNr, n, p0, kc, bp + t * kNr * kc);
    // The first block overwrites C unless accumulating; later blocks add.
    const bool acc = accumulate || p0 > 0;
    for (Index r = 0; r < m; r += kMr) {
      const float* ap = strip(r, p0, kc);
      const Index rows = m - r < kMr ? m - r : kMr;
      for (Index t = 0; t < n_tiles; ++t) {
        const Index j = t * kNr, cols = n - j < kNr ? n - j : kNr;
        kernel_8x4(ap, bp + t * kNr * kc, kc, c + j * ldc + r, ldc, rows, cols, acc);
      }
    }
  }
}

template <bool kAT, bool kBT>
void gemm_packed(const View& a, View b, Index m, Index n, Index k, float* c, Index ldc,
                 bool accumulate) {
  static thread_local std::vector<float> a_buf;
  float* ap = scratch(a_buf, size_t(kMr * (k < kKc ? k : kKc)));
  auto strip = [&](Index r, Index p0, Index kc) {
    pack_a<kAT>(a, r, m, p0, kc, ap);
    return static_cast<const float*>(ap);
  };
  multiply<kBT>(strip, b, m, n, k, c, ldc, accumulate);
}

// Where the prepacked strip (rows r.., block p0 of kc steps) starts: whole
// blocks of kKc steps come first, each holding every strip of the rows.
Index prepacked_offset(Index m, Index r, Index p0, Index kc) {
  const Index m_pad = (m + kMr - 1) / kMr * kMr;
  return p0 * m_pad + r * kc;
}

}  // namespace

void gemm_simd_pack(const CMatRef<float>& a, Op op_a, std::vector<float>& packed) {
  const View av{a.data(), a.outerStride()};
  const Index m = op_a == Op::N ? a.rows() : a.cols(), k = op_a == Op::N ? a.cols() : a.rows();
  const Index m_pad = (m + kMr - 1) / kMr * kMr;
  packed.resize(size_t(m_pad * k));
  for (Index p0 = 0; p0 < k; p0 += kKc) {
    const Index kc = p0 + kKc < k ? kKc : k - p0;
    for (Index r = 0; r < m; r += kMr) {
      float* ap = packed.data() + prepacked_offset(m, r, p0, kc);
      if (op_a == Op::N) pack_a<false>(av, r, m, p0, kc, ap);
      else pack_a<true>(av, r, m, p0, kc, ap);
    }
  }
}

void gemm_simd_prepacked(const float* packed, const CMatRef<float>& b, MatRef<float> c,
                         bool accumulate) {
  const Index m = c.rows(), n = c.cols(), k = b.rows();
  if (m == 0 || n == 0) return;
  auto strip = [&](Index r, Index p0, Index kc) { return packed + prepacked_offset(m, r, p0, kc); };
  multiply<false>(strip, View{b.data(), b.outerStride()}, m, n, k, c.data(), c.outerStride(),
                  accumulate);
}

void gemm_simd(const CMatRef<float>& a, Op op_a, const CMatRef<float>& b, Op op_b,
               MatRef<float> c, bool accumulate) {
  const View av{a.data(), a.outerStride()}, bv{b.data(), b.outerStride()};
  const Index m = c.rows(), n = c.cols();
  if (m == 0 || n == 0) return;
  const Index k = op_a == Op::N ? a.cols() : a.rows();
  float* cd = c.data();
  const Index ldc = c.outerStride();
  if (op_a == Op::N) {
    if (op_b == Op::N) gemm_packed<false, false>(av, bv, m, n, k, cd, ldc, accumulate);
    else gemm_packed<false, true>(av, bv, m, n, k, cd, ldc, accumulate);
  } else {
    if (op_b == Op::N) gemm_packed<true, false>(av, bv, m, n, k, cd, ldc, accumulate);
    else gemm_packed<true, true>(av, bv, m, n, k, cd, ldc, accumulate);
  }
}

}  // namespace unroll
