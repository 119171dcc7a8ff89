// model=transformer (models/transformer.h, layers/transformer_block.h):
// torch.nn.TransformerEncoderLayer / DecoderLayer with norm_first=True are
// Unroll's pre-LN blocks, names included.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kCommon = R"PY(
# ---- the model: model=transformer (Unroll's models/transformer.h) ----------

D_MODEL, HEADS, FF, LAYERS = {{D_MODEL}}, {{HEADS}}, {{FF}}, {{LAYERS}}
POS = "{{POS}}"  # sinusoidal or learned
MAX_LEN = {{MAX_LEN}}  # learned positions exist for steps 0..MAX_LEN-1 (training and eval_T lengths)


def sinusoidal(T):
    """PE[t, 2k] = sin(t / 10000^(2k/d)), PE[t, 2k+1] = cos(same), computed
    in float64 like Unroll   [T, D_MODEL]."""
    i = torch.arange(D_MODEL, dtype=torch.float64)
    freq = torch.pow(10000.0, -(i - i % 2) / D_MODEL)  # [d]: pairs share a frequency
    ang = torch.arange(T, dtype=torch.float64)[:, None] * freq  # [T, d]
    return torch.where(i % 2 == 0, torch.sin(ang), torch.cos(ang)).float()


class LearnedPositions(nn.Module):
    """One trained vector per position; weight [D_MODEL, MAX_LEN] as in
    Unroll's weights file (column t = position t)."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(D_MODEL, MAX_LEN))

    def forward(self, T):
        return self.weight[:, :T].T  # [T, D_MODEL]


def causal_mask(T, device):
    """Query t sees keys 0..t only: -inf above the diagonal   [T, T]."""
    return torch.triu(torch.full((T, T), float("-inf"), device=device), diagonal=1)


def encoder_stack():
    """LAYERS pre-LN encoder blocks (x1 = x + SA(LN1 x); y = x1 + FF(LN2 x1)),
    then a final LayerNorm. No dropout: Unroll has none."""
    layer = nn.TransformerEncoderLayer(D_MODEL, HEADS, FF, dropout=0.0, norm_first=True)
    return nn.TransformerEncoder(layer, LAYERS, norm=nn.LayerNorm(D_MODEL), enable_nested_tensor=False)
)PY";

const char* kEncDec = R"PY(

class TransformerNet(nn.Module):
    """Encoder-decoder (Vaswani et al. 2017, pre-LN) for the pair tasks:
    memory = LN_enc(EncoderLayers(W_src src + PE)) (no mask); the decoder's
    blocks are x1 = x + SA(LN1 x, causal), x2 = x1 + CA(LN2 x1, memory),
    y = x2 + FF(LN3 x2); out = W_o LN_dec(h_L) + b_o. Inputs are one-hot,
    so the embeddings are bias-free linear maps. Names as Unroll's (and
    torch.nn.Transformer's): src_embed, src_pos, encoder.layers.l.*,
    encoder.norm, tgt_embed, tgt_pos, decoder.layers.l.*, decoder.norm, head."""

    def __init__(self, task):
        super().__init__()
        self.src_embed = nn.Linear(task.input_size, D_MODEL, bias=False)  # weight [d, I]
        if POS == "learned":
            self.src_pos = LearnedPositions()
        self.encoder = encoder_stack()
        self.tgt_embed = nn.Linear(task.input_size, D_MODEL, bias=False)
        if POS == "learned":
            self.tgt_pos = LearnedPositions()
        layer = nn.TransformerDecoderLayer(D_MODEL, HEADS, FF, dropout=0.0, norm_first=True)
        self.decoder = nn.TransformerDecoder(layer, LAYERS, norm=nn.LayerNorm(D_MODEL))
        self.head = nn.Linear(D_MODEL, task.output_size)

    def positions(self, which, T, device):
        return which(T) if POS == "learned" else sinusoidal(T).to(device)  # [T, d]

    def forward(self, src, x):
        Ts, Tt = src.shape[0], x.shape[0]
        pos_s = self.positions(getattr(self, "src_pos", None), Ts, src.device)
        pos_t = self.positions(getattr(self, "tgt_pos", None), Tt, x.device)
        # [Ts, B, I] -> [Ts, B, d], positions broadcast over the batch
        memory = self.encoder(self.src_embed(src) + pos_s[:, None])  # [Ts, B, d], with encoder.norm
        h = self.decoder(self.tgt_embed(x) + pos_t[:, None], memory,
                         tgt_mask=causal_mask(Tt, x.device))  # [Tt, B, d], with decoder.norm
        return self.head(h)  # [Tt, B, O]
)PY";

const char* kDecoderOnly = R"PY(

class TransformerNet(nn.Module):
    """Decoder-only (causal) Transformer for the one-stream tasks:
    h0 = W_emb x + PE; h_l = EncoderLayer_l(h_{l-1}, causal);
    out = W_o LN_f(h_L) + b_o. Names as Unroll's: embed, pos,
    decoder.layers.l.* (encoder-style blocks), decoder.norm, head."""

    def __init__(self, task):
        super().__init__()
        self.embed = nn.Linear(task.input_size, D_MODEL, bias=False)  # weight [d, I]
        if POS == "learned":
            self.pos = LearnedPositions()
        self.decoder = encoder_stack()
        self.head = nn.Linear(D_MODEL, task.output_size)

    def forward(self, src, x):
        T = x.shape[0]
        pos = self.pos(T) if POS == "learned" else sinusoidal(T).to(x.device)  # [T, d]
        # [T, B, I] -> [T, B, d]; output t reads inputs 0..t only
        h = self.decoder(self.embed(x) + pos[:, None], mask=causal_mask(T, x.device))
        return self.head(h)  # [T, B, O]
)PY";

// Columns of the learned position table (0 for sinusoidal positions).
Index learned_len(const Net& net) {
  for (const Param<float>& p : net.params()) {
    const std::string& n = p.name;
    if (n.size() >= 10 && n.compare(n.size() - 10, 10, "pos.weight") == 0) return p.value.cols();
  }
  return 0;
}

}  // namespace

std::string py_model_transformer(const Context& c) {
  const NetSpec& n = c.spec.net;
  const std::string s = fill(kCommon, {{"D_MODEL", std::to_string(n.d_model)},
                                       {"HEADS", std::to_string(n.heads)},
                                       {"FF", std::to_string(n.ff)},
                                       {"LAYERS", std::to_string(n.layers)},
                                       {"POS", n.pos == PosKind::Learned ? "learned" : "sinusoidal"},
                                       {"MAX_LEN", std::to_string(learned_len(c.net))}});
  return s + (c.pairs ? kEncDec : kDecoderOnly);
}

}  // namespace unroll::torch_export
