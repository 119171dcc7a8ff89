// The sequence-to-sequence tasks on digit strings (tasks/seq2seq_task.cpp):
// reverse, repeat, sort, addition; as pairs for encoder-decoders, as one
// stream for the other models.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kDigits = R"PY(
# ---- the task: {{NAME}} (Unroll's tasks/seq2seq_task.cpp) ------------------

KIND = "{{NAME}}"
N_DIGITS = {{T}}  # digits per sequence (addition: per operand)
PAD, PLUS, GO = 10, 11, 12  # tokens: digits 0-9, '.' pad, '+', '=' (also the decoder's go token)
TOKENS, CLASSES = 13, 11  # input vocabulary; output classes (digits and pad)


class DigitsTask:
    """Map digit strings to digit strings: reverse them, repeat them, sort
    them ascending, or add two numbers of 1..N digits (no leading zeros)
    written as text ("123+45" padded with '.'; the sum padded to N+1).

    Two views of the same data: pairs (sample_pairs) for encoder-decoders,
    a source and a teacher-forced decoder side (input [=, y_0 .. y_{Tt-2}],
    target [y_0 .. y_{Tt-1}], all counted); and one stream (sample) for the
    other models: source, '=', y_0 .. y_{Tt-2}, counted on the last Tt
    steps. Metric: token accuracy. Chance: per target position, its most
    frequent token (estimated from 4096 samples drawn with a fixed seed)."""

    name, metric_name = KIND, "token accuracy"
    input_size, output_size = TOKENS, CLASSES

    def __init__(self, n=N_DIGITS):
        self.n = n
        self.src_len = 2 * n + 1 if KIND == "addition" else n
        self.tgt_len = n + 1 if KIND == "addition" else n
        self.seq_len = self.src_len + self.tgt_len

    def draw(self, gen, B):
        """Source and target token ids   [Ts, B], [Tt, B]."""
        n = self.n
        if KIND != "addition":
            src = torch.randint(0, 10, (n, B), generator=gen)  # [n, B]
            if KIND == "reverse":
                return src, src.flip(0)
            if KIND == "sort":
                return src, src.sort(dim=0).values
            return src, src.clone()
        lengths = torch.randint(1, n + 1, (2, B), generator=gen).tolist()  # [2, B]
        firsts = torch.randint(1, 10, (2, B), generator=gen).tolist()  # a leading digit is 1-9
        digits = torch.randint(0, 10, (2, B, n), generator=gen).tolist()
        src = torch.full((self.src_len, B), PAD, dtype=torch.long)
        tgt = torch.full((self.tgt_len, B), PAD, dtype=torch.long)
        for b in range(B):
            a, c = ([firsts[k][b] if lengths[k][b] > 1 else digits[k][b][0]] + digits[k][b][1:lengths[k][b]]
                    for k in (0, 1))
            text = a + [PLUS] + c
            src[:len(text), b] = torch.tensor(text)
            total = [int(ch) for ch in str(int("".join(map(str, a))) + int("".join(map(str, c))))]
            tgt[:len(total), b] = torch.tensor(total)
        return src, tgt

    def sample_pairs(self, gen, B):
        src, tgt = self.draw(gen, B)
        dec_in = torch.cat([torch.full((1, B), GO, dtype=torch.long), tgt[:-1]])  # [Tt, B]: teacher forcing
        return Batch(one_hot(dec_in, TOKENS), torch.ones(self.tgt_len, B), target=tgt,
                     src=one_hot(src, TOKENS))

    def sample(self, gen, B):
        src, tgt = self.draw(gen, B)
        Ts, Tt = self.src_len, self.tgt_len
        tokens = torch.cat([src, torch.full((1, B), GO, dtype=torch.long), tgt[:-1]])  # [Ts+Tt, B]
        target = torch.cat([torch.zeros(Ts, B, dtype=torch.long), tgt])  # [Ts+Tt, B]
        weight = torch.cat([torch.zeros(Ts, B), torch.ones(Tt, B)])
        return Batch(one_hot(tokens, TOKENS), weight, target=target)

    def metric(self, batch, out):
        return accuracy_counts(batch, out)

    def chance(self):
        """The best input-blind guesses, from 4096 fixed-seed samples: (loss,
        token accuracy, whole-sequence accuracy; ~0 when no target repeats)."""
        _, tgt = self.draw(torch.Generator().manual_seed(0x5eed5eed), 4096)  # [Tt, 4096]
        p = F.one_hot(tgt, CLASSES).double().mean(dim=1)  # [Tt, CLASSES]: frequencies per position
        loss = -(p * p.clamp(min=1e-300).log()).sum(dim=1).mean().item()
        _, counts = torch.unique(tgt.T, dim=0, return_counts=True)  # how often each whole target occurs
        best = counts.max().item()
        return loss, p.max(dim=1).values.mean().item(), best / 4096 if best > 1 else 0.0

    def chance_loss(self):
        return self.chance()[0]


def make_task():
    return DigitsTask()
)PY";

const char* name_of(TaskKind k) {
  switch (k) {
    case TaskKind::Reverse: return "reverse";
    case TaskKind::Repeat: return "repeat";
    case TaskKind::Sort: return "sort";
    default: return "addition";
  }
}

}  // namespace

std::string py_task_digits(const Context& c) {
  return fill(kDigits, {{"NAME", name_of(c.spec.task.kind)}, {"T", std::to_string(c.spec.task.T)}});
}

}  // namespace unroll::torch_export
