// model=rnn (models/recurrent_net.h, rnn/stack.h): torch.nn.RNN / LSTM /
// GRU + nn.Linear, which ARE Unroll's equations and parameter layout.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kRecurrent = R"PY(
# ---- the model: model=rnn (Unroll's models/recurrent_net.h) ----------------

CELL = "{{CELL}}"  # rnn_tanh, rnn_relu, lstm or gru
HIDDEN, LAYERS = {{HIDDEN}}, {{LAYERS}}


def recurrent_layers(input_size):
    """Unroll's cells are torch.nn's, equation for equation (gate rows
    LSTM i, f, g, o; GRU r, z, n with n = tanh(W_in x + b_in + r * (W_hn h + b_hn)))."""
    if CELL == "lstm":
        return nn.LSTM(input_size, HIDDEN, num_layers=LAYERS)
    if CELL == "gru":
        return nn.GRU(input_size, HIDDEN, num_layers=LAYERS)
    return nn.RNN(input_size, HIDDEN, num_layers=LAYERS, nonlinearity=CELL[4:])  # tanh or relu


class RecurrentNet(nn.Module):
    """Stacked recurrent layers read the sequence; a linear head reads the
    top layer at every step. state_dict names and shapes are Unroll's
    weights file's: rnn.weight_ih_l0 [gH, I], rnn.weight_hh_l0 [gH, H],
    rnn.bias_ih_l0 [gH], rnn.bias_hh_l0 [gH], ..., head.weight [O, H],
    head.bias [O] (g = 4 LSTM, 3 GRU, 1 Elman)."""

    def __init__(self, task):
        super().__init__()
        self.rnn = recurrent_layers(task.input_size)
        self.head = nn.Linear(HIDDEN, task.output_size)

    def forward(self, x, state=None):
        # x [T, B, I] -> h [T, B, H] (top layer) -> out [T, B, O]; state: h_n [L, B, H] (LSTM: (h_n, c_n))
        h, state = self.rnn(x, state)
        return self.head(h), state
)PY";

}  // namespace

std::string py_model_recurrent(const Context& c) {
  const NetSpec& n = c.spec.net;
  return fill(kRecurrent, {{"CELL", cell_name(n.cell)},
                           {"HIDDEN", std::to_string(n.hidden)},
                           {"LAYERS", std::to_string(n.layers)}});
}

}  // namespace unroll::torch_export
