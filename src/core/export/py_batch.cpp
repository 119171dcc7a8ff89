// Batch, loss and metric counts: Unroll's Batch (tensor/batch.h), loss_chunk
// (layers/loss.h) and task_util's mse / accuracy, time-major like nn.RNN.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kBatch = R"PY(
# ---- batches, the loss, the metrics' counts --------------------------------


class Batch:
    """B sequences, time-major like nn.RNN's input (batch_first=False).

    x       [T, B, I]   inputs (one-hot vectors for token tasks)
    weight  [T, B]      1 where the loss counts a position, 0 where it does not
    y       [T, B, O]   regression targets (MSE tasks), else None
    target  [T, B]      class indices (cross-entropy tasks), else None
    src     [Ts, B, I]  the source sequence (pair tasks read by an encoder), else None
    """

    def __init__(self, x, weight, y=None, target=None, src=None):
        self.x, self.weight, self.y, self.target, self.src = x, weight, y, target, src

    def to(self, device):
        move = lambda t: None if t is None else t.to(device)
        return Batch(move(self.x), move(self.weight), move(self.y), move(self.target), move(self.src))

    def sequences(self, lo, hi):
        """Sequences lo..hi-1 only (one data-parallel rank's share)."""
        cut = lambda t: None if t is None else t[:, lo:hi]
        return Batch(cut(self.x), cut(self.weight), cut(self.y), cut(self.target), cut(self.src))


def one_hot(ids, n):
    """ids [T, B] (int64) -> [T, B, n] one-hot float vectors."""
    return F.one_hot(ids, n).float()


LOSS = {{LOSS}}  # "mse" (nn.MSELoss on the counted positions) or "xent" (nn.CrossEntropyLoss)


def loss_sum(batch, out, t0, t1):
    """Sum over the positions of steps [t0, t1) of weight * loss, NOT yet
    divided by the number N of counted positions: chunks of truncated BPTT
    add up first, and the mean is over the whole batch (Unroll's loss_chunk).
    out: [t1 - t0, B, O] (values for MSE, logits for cross-entropy)."""
    w = batch.weight[t0:t1]  # [k, B]
    if LOSS == "mse":
        # the mean over the O outputs of (out - y)^2, per position   [k, B]
        per = (out - batch.y[t0:t1]).pow(2).mean(dim=2)
    else:
        # -log softmax(out)[target], per position: [k*B, O] -> [k*B] -> [k, B]
        per = F.cross_entropy(out.reshape(-1, out.shape[2]), batch.target[t0:t1].reshape(-1),
                              reduction="none").view_as(w)
    return (per * w).sum()


def mse_counts(batch, out):
    """(sum over counted positions of the mean squared error, counted positions)."""
    counted = batch.weight > 0  # [T, B]
    se = (out - batch.y).double().pow(2).mean(dim=2)  # [T, B]
    return se[counted].sum().item(), counted.sum().item()


def accuracy_counts(batch, out):
    """(counted positions whose argmax is the target, counted positions)."""
    counted = batch.weight > 0  # [T, B]
    right = out.argmax(dim=2) == batch.target  # [T, B]; ties: the lowest class, as Unroll
    return (right & counted).sum().item(), counted.sum().item()
)PY";

}  // namespace

std::string py_batch(const Context& c) {
  return fill(kBatch, {{"LOSS", c.task.loss() == LossKind::Mse ? "\"mse\"" : "\"xent\""}});
}

}  // namespace unroll::torch_export
