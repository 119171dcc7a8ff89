// The embedded Reber grammar (tasks/task_reber.cpp).
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kReber = R"PY(
# ---- the task: embedded Reber grammar (Unroll's tasks/task_reber.cpp) -------

T = {{T}}  # the padded length
B_, T_, P_, S_, X_, V_, E_ = range(7)  # the symbols B T P S X V E as classes 0..6
# The inner Reber graph: node -> two (symbol, next node) edges, each a fair
# coin; next node -1 = emit E and stop. Node 0 is "after B".
REBER_GRAPH = [
    [(T_, 1), (P_, 2)],  # after B
    [(S_, 1), (X_, 3)],  # n2
    [(T_, 2), (V_, 4)],  # n3
    [(X_, 2), (S_, -1)],  # n4
    [(P_, 3), (V_, -1)],  # n5
]


class Coins:
    """Fair coin flips from a torch.Generator, drawn in blocks (the walks
    below need them one at a time)."""

    def __init__(self, gen):
        self.gen, self.bits = gen, []

    def flip(self):
        if not self.bits:
            self.bits = torch.randint(0, 2, (4096,), generator=self.gen).tolist()
        return self.bits.pop()


def reber_string(coins):
    """One embedded Reber string B c <Reber string> c E (c in T, P) of at
    most T symbols; longer ones are redrawn."""
    while True:
        c = P_ if coins.flip() else T_
        s, node = [B_, c, B_], 0
        while node >= 0 and len(s) <= T:
            sym, node = REBER_GRAPH[node][coins.flip()]
            s.append(sym)
        s += [E_, c, E_]
        if len(s) <= T:
            return s


class ReberTask:
    """Next-symbol prediction on embedded Reber strings (Fahlman 1991;
    Hochreiter & Schmidhuber 1997), padded to T steps. The second-last
    symbol repeats the second across the whole inner string: the long-range
    dependency. Every symbol with a successor counts (cross-entropy); x = 0
    after the string. Metric: the long-range accuracy (the prediction of
    that second-last symbol); chance 0.5."""

    name, metric_name = "reber", "long-range accuracy"
    input_size, output_size, seq_len = 7, 7, T

    def sample(self, gen, B):
        coins = Coins(gen)
        x = torch.zeros(T, B, 7)
        target = torch.full((T, B), E_, dtype=torch.long)  # E where nothing counts
        weight = torch.zeros(T, B)
        for b in range(B):
            s = reber_string(coins)
            n = len(s)
            x[torch.arange(n), b, torch.tensor(s)] = 1.0  # one-hot of s_t, t < n
            target[:n - 1, b] = torch.tensor(s[1:])  # the next symbol
            weight[:n - 1, b] = 1.0
        return Batch(x, weight, target=target)

    def metric(self, batch, out):
        """(sequences whose long-range symbol is predicted right, sequences):
        the step before the last counted one predicts it."""
        L, B = batch.weight.shape
        steps = torch.arange(L, device=batch.weight.device)[:, None].expand(L, B)  # [T, B]
        last = torch.where(batch.weight > 0, steps, torch.zeros_like(steps)).max(dim=0).values  # [B]
        at = (last - 1).clamp(min=0)  # [B]
        cols = torch.arange(B, device=at.device)
        right = out[at, cols].argmax(dim=1) == batch.target[at, cols]  # [B]
        return right.sum().item(), B

    def chance_loss(self):
        """The best constant predictor's loss: the entropy of the
        next-symbol frequencies (it depends on T through the redraws),
        estimated from 20000 strings drawn with a fixed seed."""
        coins = Coins(torch.Generator().manual_seed(0x5245424552))  # "REBER"
        count, total = [0] * 7, 0
        for _ in range(20000):
            s = reber_string(coins)
            for sym in s[1:]:
                count[sym] += 1
            total += len(s) - 1
        return -sum(k / total * math.log(k / total) for k in count if k > 0)


def make_task():
    return ReberTask()
)PY";

}  // namespace

std::string py_task_reber(const Context& c) {
  return fill(kReber, {{"T", std::to_string(c.spec.task.T)}});
}

}  // namespace unroll::torch_export
