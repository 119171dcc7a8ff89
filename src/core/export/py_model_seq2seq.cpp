// model=seq2seq (models/encoder_decoder.h, layers/seq_attention.h): two
// torch.nn recurrent stacks, optionally Bahdanau or Luong attention.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kCells = R"PY(
# ---- the model: model=seq2seq (Unroll's models/encoder_decoder.h) ----------

CELL = "{{CELL}}"  # rnn_tanh, rnn_relu, lstm or gru: the encoder's and the decoder's
HIDDEN, LAYERS = {{HIDDEN}}, {{LAYERS}}
ATTN = "{{ATTN}}"  # none, bahdanau or luong


def recurrent_layers(input_size):
    """Unroll's cells are torch.nn's, equation for equation."""
    if CELL == "lstm":
        return nn.LSTM(input_size, HIDDEN, num_layers=LAYERS)
    if CELL == "gru":
        return nn.GRU(input_size, HIDDEN, num_layers=LAYERS)
    return nn.RNN(input_size, HIDDEN, num_layers=LAYERS, nonlinearity=CELL[4:])
)PY";

const char* kLuong = R"PY(

class LuongAttention(nn.Module):
    """Luong et al. 2015, general scores: s_tj = d_t . (W_a e_j),
    a_t = softmax_j(s_tj), c_t = sum_j a_tj e_j. attn.W_a [H, H];
    attn.combine [H, 2H] mixes [c_t; d_t] (below)."""

    def __init__(self):
        super().__init__()
        self.W_a = nn.Parameter(torch.empty(HIDDEN, HIDDEN))
        self.combine = nn.Linear(2 * HIDDEN, HIDDEN)

    def forward(self, D, E):
        keys = E @ self.W_a.T  # [Ts, B, H]: W_a e_j
        scores = torch.einsum("tbh,sbh->bts", D, keys)  # [B, Tt, Ts]
        a = scores.softmax(dim=2)  # over the source steps
        return torch.einsum("bts,sbh->tbh", a, E)  # [Tt, B, H]: the context c_t
)PY";

const char* kBahdanau = R"PY(

class BahdanauAttention(nn.Module):
    """Bahdanau et al. 2015, additive scores: s_tj = v . tanh(W_q d_t + W_k e_j),
    a_t = softmax_j(s_tj), c_t = sum_j a_tj e_j. attn.W_q, attn.W_k [H, H],
    attn.v [H]; attn.combine [H, 2H] mixes [c_t; d_t] (below)."""

    def __init__(self):
        super().__init__()
        self.W_q = nn.Parameter(torch.empty(HIDDEN, HIDDEN))
        self.W_k = nn.Parameter(torch.empty(HIDDEN, HIDDEN))
        self.v = nn.Parameter(torch.empty(HIDDEN))
        self.combine = nn.Linear(2 * HIDDEN, HIDDEN)

    def forward(self, D, E):
        q = D @ self.W_q.T  # [Tt, B, H]
        k = E @ self.W_k.T  # [Ts, B, H]
        z = torch.tanh(q[:, None] + k[None])  # [Tt, Ts, B, H]: every (decoder step, source step)
        scores = z @ self.v  # [Tt, Ts, B]
        a = scores.softmax(dim=1)  # over the source steps
        return torch.einsum("tsb,sbh->tbh", a, E)  # [Tt, B, H]: the context c_t
)PY";

const char* kNet = R"PY(

class EncoderDecoder(nn.Module):
    """Sutskever et al. 2014; Cho et al. 2014. The encoder reads the source;
    each decoder layer starts from its encoder layer's final h (the context
    vector; an LSTM decoder starts with c = 0) and reads [go, y_0, ...]
    (teacher forcing). Without attention out_t = W_o d_t + b_o: everything
    about the source passes through that one H-vector. With attention
    out_t = W_o tanh(W_c [c_t; d_t] + b_c) + b_o, c_t over ALL encoder
    states. Names: encoder.*, decoder.* as nn.LSTM/GRU/RNN, attn.*, head.*."""

    def __init__(self, task):
        super().__init__()
        self.encoder = recurrent_layers(task.input_size)
        self.decoder = recurrent_layers(task.input_size)
        if ATTN != "none":
            self.attn = {{ATTN_CLASS}}()
        self.head = nn.Linear(HIDDEN, task.output_size)

    def forward(self, src, x):
        # E [Ts, B, H]: the top encoder layer at every step; final: h_n [L, B, H] (LSTM: (h_n, c_n))
        E, final = self.encoder(src)
        h0 = final[0] if CELL == "lstm" else final
        state = (h0, torch.zeros_like(h0)) if CELL == "lstm" else h0
        D, _ = self.decoder(x, state)  # [Tt, B, H]
        if ATTN == "none":
            return self.head(D)  # [Tt, B, O]
        ctx = self.attn(D, E)  # [Tt, B, H]
        hat = torch.tanh(self.attn.combine(torch.cat([ctx, D], dim=2)))  # [Tt, B, 2H] -> [Tt, B, H]
        return self.head(hat)  # [Tt, B, O]
)PY";

}  // namespace

std::string py_model_seq2seq(const Context& c) {
  const NetSpec& n = c.spec.net;
  const char* attn = n.attn == AttnKind::Bahdanau ? "bahdanau" : n.attn == AttnKind::Luong ? "luong" : "none";
  std::string s = fill(kCells, {{"CELL", cell_name(n.cell)},
                                {"HIDDEN", std::to_string(n.hidden)},
                                {"LAYERS", std::to_string(n.layers)},
                                {"ATTN", attn}});
  if (n.attn == AttnKind::Luong) s += kLuong;
  if (n.attn == AttnKind::Bahdanau) s += kBahdanau;
  const char* cls = n.attn == AttnKind::Bahdanau ? "BahdanauAttention" : "LuongAttention";
  return s + fill(kNet, {{"ATTN_CLASS", cls}});
}

}  // namespace unroll::torch_export
