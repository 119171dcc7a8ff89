// Greedy evaluation of the pair models (models/pair_decoding.cpp): what
// `unroll train` reports as "eval", at the training length and at eval_T.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kEval = R"PY(
# ---- greedy evaluation (Unroll's models/pair_decoding.cpp) -----------------

EVAL_LENGTHS = {{LENGTHS}}  # the training T, then eval_T when it differs
EVAL_N = 512  # sequences per length, in batches of 64 (unroll train --eval-n)


@torch.no_grad()
def greedy(model, batch):
    """Decode with the model's own argmax fed back: step 0 holds the go token;
    the decoder is causal (output t reads inputs 0..t only), so decoding the
    whole prefix again at each step gives the step-by-step outputs."""
    x = batch.x.clone()  # [Tt, B, TOKENS]
    for t in range(x.shape[0]):
        out = model(batch.src, x)  # [Tt, B, CLASSES]
        if t + 1 < x.shape[0]:
            x[t + 1] = one_hot(out[t].argmax(dim=1), TOKENS)  # a class is also a token
    return out


def evaluate(model, length, seed):
    """Token and whole-sequence accuracy of greedy decoding on EVAL_N fresh
    pairs of `length` digits, with the blind baselines."""
    if KIND == "addition" and length > 200:
        return {"T": length, "error": f"addition needs T between 1 and 200 (got {length})"}
    task = DigitsTask(length)
    need = max(task.src_len, task.tgt_len)
    if globals().get("POS") == "learned" and need > MAX_LEN:
        return {"T": length, "error": f"learned positions exist for {MAX_LEN} steps only; length {length} "
                                      f"needs {need} (use pos=sinusoidal, or set eval_T to cover it)"}
    gen = torch.Generator().manual_seed(seed * 1000003 + length)
    device = next(model.parameters()).device
    token = whole = 0.0
    for done in range(0, EVAL_N, 64):
        B = min(64, EVAL_N - done)
        batch = task.sample_pairs(gen, B).to(device)
        right = greedy(model, batch).argmax(dim=2) == batch.target  # [Tt, B]
        token += right.double().mean().item() * B
        whole += right.all(dim=0).double().sum().item()
    _, chance_token, chance_sequence = task.chance()
    return {"T": length, "token_accuracy": token / EVAL_N, "sequence_accuracy": whole / EVAL_N,
            "chance_token": chance_token, "chance_sequence": chance_sequence}


def evaluations(model, seed):
    model.eval()
    result = [evaluate(model, n, seed) for n in EVAL_LENGTHS]
    model.train()
    return result
)PY";

const char* kNone = R"PY(

def evaluations(model, seed):
    return None  # greedy evaluation is for the models that read pairs
)PY";

}  // namespace

std::string py_eval(const Context& c) {
  if (!c.pairs) return kNone;
  std::string lengths = "[" + std::to_string(c.spec.task.T);
  if (c.spec.net.eval_T > 0 && c.spec.net.eval_T != c.spec.task.T) lengths += ", " + std::to_string(c.spec.net.eval_T);
  return fill(kEval, {{"LENGTHS", lengths + "]"}});
}

}  // namespace unroll::torch_export
