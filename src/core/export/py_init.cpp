// The initialisation of each model kind, by Unroll's rules (rnn/init.cpp,
// EncoderDecoder::init, Transformer::init), drawn from torch's generator.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kRecurrent = R"PY(
# ---- the initialisation (Unroll's rnn/init.cpp) -----------------------------

INIT = "{{INIT}}"  # pytorch, xavier, orthogonal or identity
RHO = {{RHO}}  # > 0: every H x H gate block of W_hh rescaled to this spectral radius
FBIAS = {{FBIAS}}  # LSTM: the forget rows of b_ih (those of b_hh are 0)


def random_orthogonal(n, gen):
    """Uniform orthogonal matrix: QR of a Gaussian, signs fixed by diag(R)   [n, n]."""
    q, r = torch.linalg.qr(torch.randn(n, n, generator=gen, dtype=torch.float64))
    return (q * torch.where(torch.diagonal(r) < 0, -1.0, 1.0)).float()


@torch.no_grad()
def initialise(net, gen):
    """pytorch: every tensor U(-1/sqrt(H), 1/sqrt(H)), as torch.nn.LSTM;
    xavier: Glorot uniform per gate block, biases 0; orthogonal: W_hh gate
    blocks orthogonal (Saxe et al. 2014), W_ih Xavier, biases 0; identity:
    W_hh gate blocks = I (IRNN, Le et al. 2015), W_ih Xavier, biases 0.
    The head is nn.Linear's default U(-1/sqrt(H), 1/sqrt(H))."""
    H, k = HIDDEN, 1.0 / math.sqrt(HIDDEN)
    gates = {"lstm": 4, "gru": 3}.get(CELL, 1)
    for l in range(LAYERS):
        w_ih, w_hh, b_ih, b_hh = (getattr(net.rnn, f"{n}_l{l}") for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))
        if INIT == "pytorch":
            for w in (w_ih, w_hh, b_ih, b_hh):
                w.uniform_(-k, k, generator=gen)
        else:
            bound = math.sqrt(6.0 / (w_ih.shape[1] + H))  # fan_in I_l, fan_out H (one gate block)
            w_ih.uniform_(-bound, bound, generator=gen)
            b_ih.zero_()
            b_hh.zero_()
            for g in range(gates):
                block = w_hh[g * H:(g + 1) * H]  # [H, H], a view
                if INIT == "xavier":
                    block.uniform_(-math.sqrt(3.0 / H), math.sqrt(3.0 / H), generator=gen)
                elif INIT == "orthogonal":
                    block.copy_(random_orthogonal(H, gen))
                else:
                    block.copy_(torch.eye(H))
        if RHO > 0:
            for g in range(gates):
                block = w_hh[g * H:(g + 1) * H]
                radius = torch.linalg.eigvals(block.double()).abs().max().item()
                if radius > 0:
                    block.mul_(RHO / radius)
        if CELL == "lstm":
            b_ih[H:2 * H] = FBIAS  # rows H..2H are the forget gate (order i, f, g, o)
            b_hh[H:2 * H] = 0.0
    net.head.weight.uniform_(-k, k, generator=gen)
    net.head.bias.uniform_(-k, k, generator=gen)
)PY";

const char* kSeq2Seq = R"PY(
# ---- the initialisation (Unroll's EncoderDecoder::init) ---------------------

FBIAS = {{FBIAS}}  # LSTM: the forget rows of every b_ih (those of b_hh are 0)


@torch.no_grad()
def initialise(net, gen):
    """Every tensor U(-1/sqrt(H), 1/sqrt(H)) as PyTorch's default, except
    attn.combine (its fan-in is 2H): U(-1/sqrt(2H), 1/sqrt(2H)). Unroll's
    encoder-decoder reads neither init nor rho."""
    for name, p in net.named_parameters():
        fan_in = 2 * HIDDEN if name.startswith("attn.combine.") else HIDDEN
        p.uniform_(-1.0 / math.sqrt(fan_in), 1.0 / math.sqrt(fan_in), generator=gen)
    if CELL == "lstm":
        H = HIDDEN
        for stack in (net.encoder, net.decoder):
            for l in range(LAYERS):
                getattr(stack, f"bias_ih_l{l}")[H:2 * H] = FBIAS
                getattr(stack, f"bias_hh_l{l}")[H:2 * H] = 0.0
)PY";

const char* kTransformer = R"PY(
# ---- the initialisation (Unroll's Transformer::init) ------------------------


@torch.no_grad()
def initialise(net, gen):
    """PyTorch-like defaults, by name: LayerNorm weights 1 and biases 0;
    in_proj_weight Xavier uniform over the stacked [3d, d]; embeddings and
    learned positions N(0, 1); every other weight nn.Linear's
    U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as are linear1/linear2/head
    biases; attention biases 0."""
    for name, p in net.named_parameters():
        if ".norm" in name or name.startswith("norm"):
            if name.endswith("weight"):
                p.fill_(1.0)
            else:
                p.zero_()
        elif name.endswith("in_proj_weight"):
            bound = math.sqrt(6.0 / (4 * D_MODEL))
            p.uniform_(-bound, bound, generator=gen)
        elif name.endswith("embed.weight") or name.endswith("pos.weight"):
            p.normal_(0.0, 1.0, generator=gen)
        elif name.endswith(".weight"):
            bound = 1.0 / math.sqrt(p.shape[1])  # fan_in
            p.uniform_(-bound, bound, generator=gen)
        elif name.endswith("linear1.bias") or name.endswith("linear2.bias") or name == "head.bias":
            bound = 1.0 / math.sqrt(FF if name.endswith("linear2.bias") else D_MODEL)
            p.uniform_(-bound, bound, generator=gen)
        else:
            p.zero_()  # attention biases
)PY";

const char* init_name(InitKind k) {
  switch (k) {
    case InitKind::PyTorch: return "pytorch";
    case InitKind::Xavier: return "xavier";
    case InitKind::Orthogonal: return "orthogonal";
    case InitKind::Identity: return "identity";
  }
  return "?";
}

}  // namespace

std::string py_init(const Context& c) {
  const NetSpec& n = c.spec.net;
  switch (n.kind) {
    case ModelKind::Recurrent:
      return fill(kRecurrent, {{"INIT", init_name(n.init.kind)},
                               {"RHO", py_float(n.init.rho)},
                               {"FBIAS", py_float(n.init.forget_bias)}});
    case ModelKind::EncoderDecoder: return fill(kSeq2Seq, {{"FBIAS", py_float(n.init.forget_bias)}});
    case ModelKind::Transformer: break;
  }
  return kTransformer;
}

}  // namespace unroll::torch_export
