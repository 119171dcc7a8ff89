// The real-valued tasks: adding (tasks/task_adding.cpp) and sine
// (tasks/task_sine.cpp), same definitions, torch's random stream.
#include "core/export/sections.h"
#include "core/export/template.h"

namespace unroll::torch_export {
namespace {

const char* kAdding = R"PY(
# ---- the task: adding (Unroll's tasks/task_adding.cpp) ----------------------

T = {{T}}


class AddingTask:
    """The adding problem (Hochreiter & Schmidhuber 1997; Le et al. 2015).

    x[t] = (value ~ U[0, 1), marker): exactly two marked steps, one in
    [0, T/2) and one in [T/2, T). The target, due at the last step only, is
    the sum of the two marked values (MSE). Chance: always answering the
    mean sum, 1.0, scores Var(u1 + u2) = 2/12 = 1/6."""

    name, metric_name = "adding", "mse"
    input_size, output_size, seq_len = 2, 1, T

    def sample(self, gen, B):
        half = T // 2
        values = torch.rand(T, B, generator=gen)  # [T, B]
        m1 = torch.randint(0, half, (B,), generator=gen)  # [B], a step in [0, T/2)
        m2 = torch.randint(half, T, (B,), generator=gen)  # [B], a step in [T/2, T)
        cols = torch.arange(B)
        marks = torch.zeros(T, B)
        marks[m1, cols] = 1.0
        marks[m2, cols] = 1.0
        x = torch.stack([values, marks], dim=2)  # [T, B, 2]
        y = torch.zeros(T, B, 1)
        y[T - 1, :, 0] = values[m1, cols] + values[m2, cols]  # the answer, at the end
        weight = torch.zeros(T, B)
        weight[T - 1] = 1.0
        return Batch(x, weight, y=y)

    def metric(self, batch, out):
        return mse_counts(batch, out)

    def chance_loss(self):
        return 1.0 / 6.0


def make_task():
    return AddingTask()
)PY";

const char* kSine = R"PY(
# ---- the task: sine (Unroll's tasks/task_sine.cpp) --------------------------

T = {{T}}
WAVES = {{WAVES}}


class SineTask:
    """Next-value prediction on a sum of WAVES random sines, drawn once per
    sequence: amplitude U[0.2, 1.0) / sqrt(WAVES), angular frequency
    U[0.1, 0.6) rad/step, phase U[0, 2 pi).  x[t] = s(t), y[t] = s(t+1),
    every step counts (MSE). Chance: predicting the mean, 0, scores
    E[s^2] = E[u^2] / 2 = (0.2^2 + 0.2 + 1) / 6 for any number of waves."""

    name, metric_name = "sine", "mse"
    input_size, output_size, seq_len = 1, 1, T

    def sample(self, gen, B):
        # per sequence and wave, in float64 like Unroll   [B, WAVES]
        amp = (0.2 + 0.8 * torch.rand(B, WAVES, generator=gen, dtype=torch.float64)) / math.sqrt(WAVES)
        freq = 0.1 + 0.5 * torch.rand(B, WAVES, generator=gen, dtype=torch.float64)
        phase = 2 * math.pi * torch.rand(B, WAVES, generator=gen, dtype=torch.float64)
        t = torch.arange(T + 1, dtype=torch.float64)[:, None, None]  # [T+1, 1, 1]
        s = (amp * torch.sin(freq * t + phase)).sum(dim=2)  # [T+1, B]
        x = s[:T].float().unsqueeze(2)  # [T, B, 1]
        y = s[1:].float().unsqueeze(2)  # [T, B, 1]: the next value
        return Batch(x, torch.ones(T, B), y=y)

    def metric(self, batch, out):
        return mse_counts(batch, out)

    def chance_loss(self):
        return (0.2 * 0.2 + 0.2 * 1.0 + 1.0 * 1.0) / 3 / 2


def make_task():
    return SineTask()
)PY";

}  // namespace

std::string py_task_signal(const Context& c) {
  const TaskSpec& t = c.spec.task;
  if (t.kind == TaskKind::Adding) return fill(kAdding, {{"T", std::to_string(t.T)}});
  return fill(kSine, {{"T", std::to_string(t.T)}, {"WAVES", std::to_string(t.waves)}});
}

}  // namespace unroll::torch_export
