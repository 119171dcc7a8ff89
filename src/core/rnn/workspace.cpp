#include "core/rnn/workspace.h"

namespace unroll {

template <class S>
void RnnWorkspace<S>::resize(const RnnSpec& spec, Index T_, Index B_) {
  // Already the right shape (every field of the spec shows in some buffer's
  // size: gates*H, H, I, O, and LSTM/GRU-only buffers): nothing to allocate.
  const bool same_cell = !layers.empty() &&
                         (layers[0].c.size() > 0) == (spec.cell == CellKind::Lstm) &&
                         (layers[0].ghn.size() > 0) == (spec.cell == CellKind::Gru);
  if (T_ == T && B_ == B && Index(layers.size()) == spec.layers && out.rows() == spec.output &&
      same_cell && layers[0].gi.rows() == gate_count(spec.cell) * spec.hidden &&
      layers[0].dh.rows() == spec.hidden && layers[0].dx.rows() == spec.input)
    return;
  T = T_;
  B = B_;
  const Index H = spec.hidden, gH = gate_count(spec.cell) * H, n = T * B;
  const bool lstm = spec.cell == CellKind::Lstm, gru = spec.cell == CellKind::Gru;
  layers.assign(size_t(spec.layers), LayerCache<S>());
  for (Index l = 0; l < spec.layers; ++l) {
    LayerCache<S>& c = layers[size_t(l)];
    const Index in = l == 0 ? spec.input : H;
    c.gi.setZero(gH, n);
    c.act.setZero(gH, n);
    c.h.setZero(H, n + B);
    c.c.setZero(lstm ? H : 0, lstm ? n + B : 0);
    c.tanh_c.setZero(lstm ? H : 0, lstm ? n : 0);
    c.ghn.setZero(gru ? H : 0, gru ? n : 0);
    c.dh.setZero(H, n);
    c.dgh.setZero(gH, n);
    c.dgi.setZero(gru ? gH : 0, gru ? n : 0);
    c.dc.setZero(lstm ? H : 0, lstm ? B : 0);
    c.dx.setZero(in, n);
    c.scratch.setZero(gH, B);
    c.dh_norm.assign(size_t(T), 0.0);
  }
  out.setZero(spec.output, n);
  dout.setZero(spec.output, n);
  dtop.setZero(H, n);
}

template <class S>
void RnnWorkspace<S>::reset_state() {
  for (auto& c : layers) {
    c.h.leftCols(B).setZero();
    if (c.c.size()) c.c.leftCols(B).setZero();
  }
}

template struct RnnWorkspace<float>;
template struct RnnWorkspace<double>;

}  // namespace unroll
