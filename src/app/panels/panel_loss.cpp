// Loss panel: training loss (top) and the task metric (bottom) over training
// steps for every run, each with the task's chance baseline (what an
// input-blind predictor scores), optional EMA smoothing and a log loss axis.
#include <imgui.h>

#include <cmath>
#include <string>
#include <vector>

#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/plot.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

struct LossPanelState {
  bool log_loss = true;
  float smoothing = 0.8f;  // EMA alpha
};

LossPanelState& panel_state() {
  static LossPanelState s;
  return s;
}

// Smoothed copy of a History series, extended incrementally while the run
// grows (a full pass over 400k points each frame would cost milliseconds).
struct SmoothCache {
  const std::vector<double>* source = nullptr;
  double alpha = -1;
  double first_step = -1;
  long stride = 0;
  double acc = 0;
  bool started = false;
  std::vector<double> out;

  const std::vector<double>& get(const std::vector<double>& v, const History& h, double a) {
    const double first = h.step.empty() ? -1 : h.step.front();
    if (source != &v || alpha != a || stride != h.stride() || first_step != first || v.size() < out.size()) {
      source = &v;
      alpha = a;
      stride = h.stride();
      first_step = first;
      started = false;
      out.clear();
    }
    // Same recurrence as unroll::smooth (non-finite values pass through).
    for (size_t k = out.size(); k < v.size(); ++k) {
      if (!std::isfinite(v[k])) {
        out.push_back(v[k]);
        continue;
      }
      acc = started ? a * acc + (1 - a) * v[k] : v[k];
      started = true;
      out.push_back(acc);
    }
    return out;
  }
};

struct RunCaches {
  SmoothCache loss, metric;
};

std::vector<RunCaches>& caches(size_t runs) {
  static std::vector<RunCaches> c;
  if (c.size() < runs) c.resize(runs);
  return c;
}

ImU32 faded(ImU32 c) { return (c & 0x00ffffffu) | (70u << 24); }

// One series per run: the raw curve faded under its smoothed curve.
void add_run_series(std::vector<PlotSeries>& out, const Run& r, int k, const std::vector<double>& raw,
                    const std::vector<double>* smoothed) {
  const ImU32 col = ui::run_color(k);
  PlotSeries s;
  s.label = r.label.c_str();
  s.x = r.history.step.data();
  s.n = raw.size();
  if (smoothed) {
    PlotSeries under = s;
    under.y = raw.data();
    under.color = faded(col);
    under.thickness = 1.f;
    under.in_tooltip = false;
    under.label = "";
    out.insert(out.begin(), under);  // raw curves first, so they draw underneath
    s.y = smoothed->data();
  } else {
    s.y = raw.data();
  }
  s.color = col;
  out.push_back(s);
}

}  // namespace

void draw_loss_panel(Session& s) {
  LossPanelState& ps = panel_state();
  if (!s.main().ok() || !s.main().task) {
    ImGui::TextDisabled(tr("No experiment: fix the settings in the Experiment panel."));
    return;
  }
  const TaskInfo& info = s.main().task->info();
  const bool xent = s.main().task->loss() == LossKind::Xent;

  ImGui::Checkbox(tr("log loss axis"), &ps.log_loss);
  ui::tooltip(tr("Plot the loss on a logarithmic axis. Learning often shows up as a steady "
              "straight-line drop on a log axis, and the plateaus and spikes of vanishing or "
              "exploding gradients stay visible while the loss spans several orders of magnitude."));
  ImGui::SameLine(0, 16);
  ImGui::SetNextItemWidth(std::min(150.f, ImGui::GetContentRegionAvail().x * 0.35f));
  ImGui::SliderFloat(tr("smoothing"), &ps.smoothing, 0.f, 0.99f, "%.2f");
  ui::tooltip(tr("Exponential moving average of the curves: 0 = raw per-batch values, 0.99 = "
              "average over roughly the last 100 steps. The raw curve stays drawn faintly "
              "underneath. Display only: it does not change training."));
  ui::same_line_if_fits(ui::text_width(tr("- - chance")), 16);
  ImGui::TextColored(ui::kMuted, "%s", tr("- - chance"));
  ui::tooltip(tr("Dashed lines: the chance baseline, the loss and metric of the best predictor "
              "that ignores the input (e.g. always predicting the mean). A run below it on "
              "the loss (or above it on a higher-is-better metric) has learned something from the input."));

  auto& cache = caches(s.runs().size());
  const double alpha = ps.smoothing;
  std::vector<PlotSeries> loss_series, metric_series;
  for (size_t k = 0; k < s.runs().size(); ++k) {
    const Run& r = s.runs()[k];
    const History& h = r.history;
    if (alpha > 0) {
      add_run_series(loss_series, r, int(k), h.loss, &cache[k].loss.get(h.loss, h, alpha));
      add_run_series(metric_series, r, int(k), h.metric, &cache[k].metric.get(h.metric, h, alpha));
    } else {
      add_run_series(loss_series, r, int(k), h.loss, nullptr);
      add_run_series(metric_series, r, int(k), h.metric, nullptr);
    }
  }

  // Stacked when each plot gets a readable height, else side by side.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool stacked = (avail.y - ImGui::GetStyle().ItemSpacing.y) * 0.5f >= 110.f || avail.x < 420.f;
  const ImVec2 each = stacked ? ImVec2(avail.x, std::max(50.f, (avail.y - ImGui::GetStyle().ItemSpacing.y) * 0.5f))
                              : ImVec2((avail.x - ImGui::GetStyle().ItemSpacing.x) * 0.5f, avail.y);
  const ImU32 chance_col = IM_COL32(220, 220, 220, 150);
  const std::string loss_label = xent ? tr("loss (cross-entropy, nats)") : tr("loss (mean squared error)");
  const std::string metric_label = tr(info.metric_name) + (info.metric_higher_is_better ? tr(" (higher is better)")
                                                                                   : tr(" (lower is better)"));

  PlotOptions lo;
  lo.log_y = ps.log_loss;
  lo.x_label = tr("training step");
  lo.y_label = loss_label.c_str();
  lo.ref_lines.push_back({info.chance_loss, tr("chance"), chance_col});
  lo.help = tr("Training loss per step (on that step's fresh batch) for every run, in the run "
            "colours. The dashed line is the chance loss: predicting without looking at the "
            "input. Long flat stretches at chance often mean the gradient from the informative "
            "early timesteps vanishes (see Gradient flow).");
  line_plot("##loss", loss_series, each, lo);
  if (!stacked) ImGui::SameLine();

  PlotOptions mo;
  mo.log_y = ps.log_loss && !info.metric_higher_is_better;  // error-like metrics read better on log too
  mo.x_label = tr("training step");
  mo.y_label = metric_label.c_str();
  mo.ref_lines.push_back({info.chance_metric, tr("chance"), chance_col});
  mo.help = tr("The task's own measure of success per training step, with the chance level "
            "dashed. It can stay at chance while the loss already falls a little: the loss "
            "moves first, the metric once the predictions cross the decision threshold.");
  line_plot("##metric", metric_series, each, mo);
}

}  // namespace unroll::app
