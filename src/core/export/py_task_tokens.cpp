// The token tasks with a fixed layout: copy (tasks/task_copy.cpp) and
// parity (tasks/task_parity.cpp).
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kCopy = R"PY(
# ---- the task: copy (Unroll's tasks/task_copy.cpp) --------------------------

T = {{T}}  # the blank delay
SYMBOLS = {{SYMBOLS}}  # K letters to remember
ALPHABET = {{ALPHABET}}  # A letters to draw them from


class CopyTask:
    """Copy memory (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016).

    L = 2K + T + 1 steps: K letters, T blanks, go, then K blanks during
    which the K letters must be recalled in order. Input tokens: letters
    0..A-1, blank A, go A+1 (I = A + 2); classes: letters and blank
    (O = A + 1). Only the K recall steps count (cross-entropy), so echoing
    blanks earns nothing. Chance: uniform guessing, accuracy 1/A, loss log A."""

    name, metric_name = "copy", "recall accuracy"
    input_size, output_size, seq_len = ALPHABET + 2, ALPHABET + 1, 2 * SYMBOLS + T + 1

    def sample(self, gen, B):
        K, L, blank, go = SYMBOLS, self.seq_len, ALPHABET, ALPHABET + 1
        letters = torch.randint(0, ALPHABET, (K, B), generator=gen)  # [K, B]
        tokens = torch.full((L, B), blank, dtype=torch.long)  # [L, B]
        tokens[:K] = letters
        tokens[K + T] = go
        target = torch.full((L, B), blank, dtype=torch.long)  # [L, B]
        target[K + T + 1:] = letters
        weight = torch.zeros(L, B)
        weight[K + T + 1:] = 1.0
        return Batch(one_hot(tokens, self.input_size), weight, target=target)

    def metric(self, batch, out):
        return accuracy_counts(batch, out)

    def chance_loss(self):
        return math.log(ALPHABET)


def make_task():
    return CopyTask()
)PY";

const char* kParity = R"PY(
# ---- the task: parity (Unroll's tasks/task_parity.cpp) ----------------------

T = {{T}}
PARITY_EVERY = {{EVERY}}  # parity_at=every: a target at every step; else only at the last


class ParityTask:
    """Running parity (XOR) of fair coin bits: x[t] = bit_t, target[t] =
    bit_0 xor ... xor bit_t (2 classes, cross-entropy), counted at every
    step or only at the last. Chance: the parity is a fair coin whatever
    came before: accuracy 0.5, loss log 2."""

    name, metric_name = "parity", "accuracy"
    input_size, output_size, seq_len = 1, 2, T

    def sample(self, gen, B):
        bits = torch.randint(0, 2, (T, B), generator=gen)  # [T, B]
        target = bits.cumsum(dim=0) % 2  # [T, B]
        if PARITY_EVERY:
            weight = torch.ones(T, B)
        else:
            weight = torch.zeros(T, B)
            weight[T - 1] = 1.0
        return Batch(bits.float().unsqueeze(2), weight, target=target)  # x: [T, B, 1]

    def metric(self, batch, out):
        return accuracy_counts(batch, out)

    def chance_loss(self):
        return math.log(2.0)


def make_task():
    return ParityTask()
)PY";

}  // namespace

std::string py_task_tokens(const Context& c) {
  const TaskSpec& t = c.spec.task;
  if (t.kind == TaskKind::Copy)
    return fill(kCopy, {{"T", std::to_string(t.T)}, {"SYMBOLS", std::to_string(t.symbols)},
                        {"ALPHABET", std::to_string(t.alphabet)}});
  return fill(kParity, {{"T", std::to_string(t.T)}, {"EVERY", py_bool(t.parity_every)}});
}

}  // namespace unroll::torch_export
