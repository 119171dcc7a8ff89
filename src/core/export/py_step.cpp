// One training step: Net::train_batch (chunks of truncated BPTT for the
// recurrent stack, one pass for the others) and Experiment::step (clipping
// and the optimiser at every update point, the step's metrics).
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kShared = R"PY(
# ---- one training step (Unroll's Net::train_batch, Experiment::step) -------

WORLD, RANK, DEVICE = 1, 0, torch.device("cpu")  # data-parallel ranks (main() sets them)


def global_sums(*values):
    """Each number summed over every data-parallel rank (itself when alone)."""
    if WORLD == 1:
        return list(values)
    t = torch.tensor(values, dtype=torch.float64, device=DEVICE)
    dist.all_reduce(t)
    return t.tolist()
)PY";

const char* kRecurrent = R"PY(
TBPTT = {{TBPTT}}  # cut the gradient every TBPTT steps; 0 = full backpropagation through time
UPDATE_PER_CHUNK = {{PER_CHUNK}}  # tbptt_update=chunk: update after every chunk; else once per batch


def detach(state):
    """The state at a chunk boundary: values carry on, the graph is cut."""
    if state is None:
        return None
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


def forward_backward(net, batch, update):
    """Forward and backward over chunks of TBPTT steps. The state carries
    forward across a chunk boundary; no gradient crosses it. With one
    update per batch the weights do not change between chunks, so the
    chunks' gradients add up (TBPTT >= T is full BPTT exactly); with
    per-chunk updates each chunk's loss is the mean over its own counted
    positions. Calls update() at every update point. Returns (this rank's
    loss sum, the counted positions of all ranks, the outputs [T, B, O])."""
    T = batch.x.shape[0]
    k = min(TBPTT, T) if TBPTT > 0 else T
    n_total = global_sums(batch.weight.sum().item())[0]
    state, loss, outs = None, 0.0, []
    for t0 in range(0, T, k):
        t1 = min(T, t0 + k)
        n = global_sums(batch.weight[t0:t1].sum().item())[0] if UPDATE_PER_CHUNK else n_total
        out, state = net(batch.x[t0:t1], state)  # [t1 - t0, B, O]
        state = detach(state)
        s = loss_sum(batch, out, t0, t1)
        # the mean over every rank's counted positions (DDP averages the WORLD ranks' gradients)
        (s * (WORLD / n if n > 0 else 0.0)).backward()
        loss += s.item()
        outs.append(out.detach())
        if UPDATE_PER_CHUNK or t1 == T:
            if UPDATE_PER_CHUNK and n == 0:
                continue  # nothing counted in this chunk: no update
            if not update():
                return loss, n_total, None
    return loss, n_total, torch.cat(outs)
)PY";

const char* kOnePass = R"PY(

def forward_backward(net, batch, update):
    """One forward and backward pass over the whole batch (no recurrence to
    truncate), then the update. Returns (this rank's loss sum, the counted
    positions of all ranks, the outputs [T, B, O])."""
    n = global_sums(batch.weight.sum().item())[0]
    out = net(batch.src, batch.x)  # [T, B, O]; src is None for one-stream tasks
    s = loss_sum(batch, out, 0, out.shape[0])
    # the mean over every rank's counted positions (DDP averages the WORLD ranks' gradients)
    (s * (WORLD / n if n > 0 else 0.0)).backward()
    ok = update()
    return s.item(), n, out.detach() if ok else None
)PY";

const char* kStep = R"PY(

def update_ratio(params, before):
    """||delta w|| / ||w|| over all parameters (~1e-3 is the usual healthy range)."""
    delta = sum((p.detach().double() - b.double()).pow(2).sum().item() for p, b in zip(params, before))
    size = sum(b.double().pow(2).sum().item() for b in before)
    return math.sqrt(delta / size) if size > 0 else 0.0


def train_step(net, params, opt, task, batch):
    """One step on this rank's share of a batch: forward, loss, backward
    and, at every update point, clipping then the optimiser. Returns the
    metrics `unroll train --jsonl` writes (but "step"), and whether the
    gradient norm overflowed (the update was then not applied)."""
    m = {"loss": 0.0, "metric": 0.0, "grad_norm": 0.0, "applied_grad_norm": 0.0, "clipped": False,
         "update_ratio": 0.0}
    bad = []

    def update():
        before, after, clipped = clip_gradients(params)
        if not math.isfinite(before):
            bad.append(True)
            m["grad_norm"], m["applied_grad_norm"] = before, after
            return False
        # with several updates in a step (per-chunk TBPTT): the largest norms, any clipping
        m["grad_norm"] = max(m["grad_norm"], before)
        m["applied_grad_norm"] = max(m["applied_grad_norm"], after)
        m["clipped"] = m["clipped"] or clipped
        old = [p.detach().clone() for p in params]
        opt.step()
        m["update_ratio"] = update_ratio(params, old)
        opt.zero_grad(set_to_none=True)
        return True

    opt.zero_grad(set_to_none=True)
    loss, n, out = forward_backward(net, batch, update)
    right, counted = task.metric(batch, out) if out is not None else (float("nan"), 1)
    loss, right, counted = global_sums(loss, right, counted)
    m["loss"] = loss / n if n > 0 else 0.0
    m["metric"] = right / counted if counted > 0 else float("nan")
    return m, bool(bad)


class Divergence:
    """Unroll's rule: training has diverged when the loss is not finite, the
    gradient norm overflowed, the weights are not finite, or the median
    loss of the last 50 steps is above 10 x max(the first loss, the chance
    loss): it ran away and is not coming back."""

    def __init__(self, chance_loss):
        self.chance, self.first, self.recent = chance_loss, None, []

    def reason(self, step, loss, bad, params):
        at = f" at step {step}"
        if not math.isfinite(loss):
            return "The loss became " + ("NaN" if math.isnan(loss) else "infinite") + at
        if bad:
            return "The gradient norm overflowed" + at + " (the update was not applied)"
        if not all(torch.isfinite(p).all() for p in params):
            return "The weights became NaN/infinite" + at
        if self.first is None:
            self.first = loss
        self.recent = (self.recent + [loss])[-50:]
        line = 10 * max(self.first, self.chance)
        if len(self.recent) == 50 and sorted(self.recent)[25] > line:
            return f"The loss ran away: its median over the last 50 steps is above {line:.3g}" + at
        return None
)PY";

}  // namespace

std::string py_step(const Context& c) {
  std::string s = kShared;
  if (c.spec.net.kind == ModelKind::Recurrent)
    s += fill(kRecurrent, {{"TBPTT", std::to_string(c.spec.net.tbptt)},
                           {"PER_CHUNK", py_bool(c.spec.net.update_per_chunk)}});
  else
    s += kOnePass;
  return s + kStep;
}

}  // namespace unroll::torch_export
