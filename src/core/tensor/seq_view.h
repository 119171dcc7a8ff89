// Views of ONE sequence inside a time-major F x (T*B) matrix (tensor.h):
// sequence b's columns are b, b+B, b+2B, ... so its F x T view is a plain
// Eigen map with outer stride F*B. No copy: attention reads and writes each
// sequence in place.
#pragma once
#include "core/tensor/tensor.h"

namespace unroll {

template <class S> using SeqMap = Eigen::Map<Mat<S>, 0, Eigen::OuterStride<>>;
template <class S> using CSeqMap = Eigen::Map<const Mat<S>, 0, Eigen::OuterStride<>>;

// F x T view of sequence b of m (F x T*B).
template <class S>
SeqMap<S> seq_view(Mat<S>& m, Index b, Index B) {
  return SeqMap<S>(m.data() + b * m.rows(), m.rows(), m.cols() / B,
                   Eigen::OuterStride<>(m.rows() * B));
}
template <class S>
CSeqMap<S> seq_view(const Mat<S>& m, Index b, Index B) {
  return CSeqMap<S>(m.data() + b * m.rows(), m.rows(), m.cols() / B,
                    Eigen::OuterStride<>(m.rows() * B));
}

// Rows [r0, r0 + n) of sequence b's F x T view (e.g. one attention head).
template <class S>
SeqMap<S> seq_rows(Mat<S>& m, Index b, Index B, Index r0, Index n) {
  return SeqMap<S>(m.data() + b * m.rows() + r0, n, m.cols() / B,
                   Eigen::OuterStride<>(m.rows() * B));
}
template <class S>
CSeqMap<S> seq_rows(const Mat<S>& m, Index b, Index B, Index r0, Index n) {
  return CSeqMap<S>(m.data() + b * m.rows() + r0, n, m.cols() / B,
                    Eigen::OuterStride<>(m.rows() * B));
}

}  // namespace unroll
