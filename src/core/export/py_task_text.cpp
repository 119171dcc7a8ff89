// Next-character prediction (tasks/task_text.cpp), with the corpus
// (the tiny one or the user's) written into the script.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kText = R"PY(
# ---- the task: text (Unroll's tasks/task_text.cpp) --------------------------

T = {{T}}
CORPUS = {{CORPUS}}


class TextTask:
    """Next-character prediction on CORPUS. A leading byte-order mark is
    dropped and CRLF becomes LF; the vocabulary is the distinct code points
    sorted (class i = vocab[i]). A sequence is a random window of T+1
    characters c_0..c_T: x = one-hot(c_t), target c_{t+1}, every step
    counts. Chance: the unigram entropy of the corpus (the best loss without
    reading the input)."""

    name, metric_name = "text", "accuracy"
    seq_len = T

    def __init__(self, text):
        if text.startswith("\ufeff"):
            text = text[1:]
        text = text.replace("\r\n", "\n")
        self.vocab = sorted(set(text))
        index = {ch: i for i, ch in enumerate(self.vocab)}
        self.ids = torch.tensor([index[ch] for ch in text])  # [N]
        self.input_size = self.output_size = len(self.vocab)

    def sample(self, gen, B):
        N = len(self.ids)
        start = torch.randint(0, N - T, (B,), generator=gen)  # [B], windows [start, start + T]
        window = self.ids[start[None, :] + torch.arange(T + 1)[:, None]]  # [T+1, B]
        return Batch(one_hot(window[:T], len(self.vocab)), torch.ones(T, B), target=window[1:])

    def metric(self, batch, out):
        return accuracy_counts(batch, out)

    def chance_loss(self):
        p = torch.bincount(self.ids).double() / len(self.ids)  # [V], every count > 0
        return -(p * p.log()).sum().item()


def make_task():
    return TextTask(CORPUS)
)PY";

}  // namespace

std::string py_task_text(const Context& c) {
  return fill(kText, {{"T", std::to_string(c.spec.task.T)}, {"CORPUS", py_str(c.text)}});
}

}  // namespace unroll::torch_export
