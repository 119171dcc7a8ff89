// The recurrent cell types, spelled as in the weights file and the URL.
#pragma once
#include <string>
#include <string_view>

#include "core/tensor/tensor.h"

namespace unroll {

enum class CellKind { RnnTanh, RnnRelu, Lstm, Gru };

// Gate blocks stacked in weight_ih / weight_hh (PyTorch's row order):
// Elman 1, LSTM 4 (i, f, g, o), GRU 3 (r, z, n).
inline Index gate_count(CellKind k) {
  switch (k) {
    case CellKind::Lstm: return 4;
    case CellKind::Gru: return 3;
    default: return 1;
  }
}

inline const char* cell_name(CellKind k) {
  switch (k) {
    case CellKind::RnnTanh: return "rnn_tanh";
    case CellKind::RnnRelu: return "rnn_relu";
    case CellKind::Lstm: return "lstm";
    case CellKind::Gru: return "gru";
  }
  return "?";
}

// False if `name` is not one of the four spellings.
inline bool parse_cell(std::string_view name, CellKind* out) {
  for (CellKind k : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru})
    if (name == cell_name(k)) { *out = k; return true; }
  return false;
}

}  // namespace unroll
