// Gradient flow through time: how large dL/dh_t is at each timestep t.
//   top left   ||dL/dh_t|| against t for the latest training step, one line
//              per layer, log axis (vanishing = steep fall towards t = 1)
//   top right  the same for the top layer over training: heatmap, x = step,
//              y = timestep, log colours
//   bottom     the global gradient norm before clipping, with the clip
//              threshold and the clipped steps marked
#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

#include "app/widgets/heatmap.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/plot.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

ImU32 layer_color(int l) {
  // Layer 1 in the main run colour, deeper layers in lighter tints of it.
  static const ImU32 kColors[] = {IM_COL32(87, 181, 232, 255), IM_COL32(150, 220, 120, 255),
                                  IM_COL32(240, 200, 90, 255), IM_COL32(230, 130, 200, 255)};
  return kColors[l & 3];
}

// Steps whose gradient was clipped, as x values (extended incrementally).
struct ClippedSteps {
  const History* h = nullptr;
  size_t seen = 0;
  double first = -1;
  long stride = 0;
  std::vector<double> x;
  const std::vector<double>& get(const History& hist) {
    const double f = hist.step.empty() ? -1 : hist.step.front();
    if (h != &hist || stride != hist.stride() || first != f || hist.step.size() < seen) {
      h = &hist;
      stride = hist.stride();
      first = f;
      seen = 0;
      x.clear();
    }
    for (; seen < hist.step.size(); ++seen)
      if (hist.clipped[seen]) x.push_back(hist.step[seen]);
    return x;
  }
};

// The heatmap's matrix: column k = dh_columns[k] (T values), column-major.
struct HeatmapData {
  std::vector<float> data;
  int rows = 0, cols = 0;
  void fill(const History& h) {
    cols = int(h.dh_columns.size());
    rows = cols ? int(h.dh_columns.front().size()) : 0;
    data.assign(size_t(rows) * size_t(cols), 0.f);
    for (int c = 0; c < cols; ++c) {
      const auto& col = h.dh_columns[size_t(c)];
      for (int r = 0; r < rows && r < int(col.size()); ++r) data[size_t(c) * rows + r] = col[size_t(r)];
    }
  }
};

void draw_now_plot(const Run& run, ImVec2 size) {
  const StepStats& last = run.report.last;
  static std::vector<std::string> labels;
  std::vector<PlotSeries> series;
  labels.resize(last.dh_norm.size());
  for (size_t l = 0; l < last.dh_norm.size(); ++l) {
    labels[l] = std::string(tr("layer")) + " " + std::to_string(l + 1);
    PlotSeries s;
    s.label = labels[l].c_str();
    s.y = last.dh_norm[l].data();
    s.n = last.dh_norm[l].size();
    s.color = layer_color(int(l));
    s.thickness = 2.f;
    series.push_back(s);
  }
  // dh_norm[l][t] is 0-based; the axis shows timesteps from 1 like the tasks do.
  static std::vector<double> t_axis;
  const size_t T = series.empty() ? 0 : series.front().n;
  if (t_axis.size() != T) {
    t_axis.resize(T);
    for (size_t t = 0; t < T; ++t) t_axis[t] = double(t + 1);
  }
  for (PlotSeries& s : series) s.x = t_axis.data();
  PlotOptions o;
  o.log_y = true;
  o.x_label = tr("timestep t");
  o.y_label = tr("||dL/dh_t||, latest step");
  o.help = (tr("Size of the loss gradient reaching the hidden state at timestep t, on the "
              "latest training batch. Backpropagation runs from the end of the sequence "
              "towards t = 1: a line falling steeply to the left means the gradient vanishes "
              "(early inputs cannot be learned); one rising to the left means it explodes."));
  line_plot("##dh_now", series, size, o);
}

void draw_over_training(const Run& run, ImVec2 size) {
  static HeatmapData hm;
  hm.fill(run.history);
  HeatmapOptions o;
  o.log_scale = true;
  o.row0_at_bottom = true;
  o.x_label = tr("training step");
  o.y_label = tr("t (top layer)");
  o.value_label = "||dL/dh_t||";
  if (!run.history.dh_steps.empty()) {
    o.x_first = double(run.history.dh_steps.front());
    o.x_last = double(run.history.dh_steps.back());
  }
  o.y_first = 1;
  o.y_last = hm.rows;
  o.help = (tr("||dL/dh_t|| of the top layer over training: each column is one recorded "
              "training step, each row a timestep (t = 1 at the bottom), colour on a log "
              "scale. Dark bands at small t mean the early timesteps receive almost no "
              "gradient; watch them fill in when an LSTM/GRU or a better init learns long delays."));
  heatmap("##dh_heat", hm.data.data(), hm.rows, hm.cols, size, o);
}

void draw_global_norm(Session& s, const Run& run, ImVec2 size) {
  static ClippedSteps clipped;
  const History& h = run.history;
  const ClipKind clip = s.running_spec().clip;
  const double clip_at = s.running_spec().clip_at;
  std::vector<PlotSeries> series(1);
  series[0].label = tr("norm before clipping");
  series[0].x = h.step.data();
  series[0].y = h.grad_norm.data();
  series[0].n = h.grad_norm.size();
  series[0].color = ui::run_color(0);
  PlotOptions o;
  o.log_y = true;
  o.x_label = tr("training step");
  o.y_label = tr("global gradient norm (before clipping)");
  o.legend = false;
  char label[64];
  if (clip == ClipKind::Norm) {
    std::snprintf(label, sizeof label, tr("clip at %s"), ui::fmt(clip_at).c_str());
    o.ref_lines.push_back({clip_at, label, IM_COL32(255, 140, 110, 200)});
  }
  const std::vector<double>& marks = clipped.get(h);
  if (clip != ClipKind::Off) {
    o.marks_x = marks.data();
    o.n_marks = marks.size();
    o.marks_label = tr("clipped at this step");
  }
  o.help = (clip == ClipKind::Norm
                  ? tr("L2 norm of the whole gradient (all parameters) before clipping, per training "
                    "step. Above the dashed threshold the update is rescaled down to it (red ticks "
                    "at the bottom mark clipped steps): spikes are exploding gradients that "
                    "clipping keeps from wrecking the weights.")
                  : clip == ClipKind::Value
                        ? tr("L2 norm of the whole gradient before clipping. clip=value clamps each "
                          "entry to +-clip_at instead of the norm, so there is no norm threshold; "
                          "red ticks mark steps where some entry was clamped.")
                        : tr("L2 norm of the whole gradient, per training step. Clipping is off: "
                          "spikes go straight into the weights."));
  line_plot("##gnorm", series, size, o);
}

}  // namespace

void draw_gradflow_panel(Session& s) {
  const Run& run = s.main();
  if (!run.ok()) {
    ImGui::TextDisabled(tr("No experiment: fix the settings in the Experiment panel."));
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float top_h = std::max(60.f, (avail.y - ImGui::GetStyle().ItemSpacing.y) * 0.56f);
  const float bottom_h = std::max(50.f, avail.y - top_h - ImGui::GetStyle().ItemSpacing.y);
  const float half = (avail.x - gap) * 0.5f;

  if (run.report.last.dh_norm.empty() || run.report.step == 0) {
    ImGui::BeginChild("##none", ImVec2(avail.x, top_h));
    if (run.spec.net.kind == ModelKind::Transformer)
      ImGui::TextWrapped(tr("A Transformer has no recurrence: no gradient travels back through the time "
                            "steps, every position is a few layers from the loss. The Attention panel shows "
                            "how positions connect."));
    else
      ImGui::TextWrapped(tr("Per-timestep gradient norms appear after the first training step "
                            "(press Step or Play)."));
    ImGui::EndChild();
  } else {
    draw_now_plot(run, ImVec2(half, top_h));
    ImGui::SameLine(0, gap);
    draw_over_training(run, ImVec2(half, top_h));
  }
  draw_global_norm(s, run, ImVec2(avail.x, bottom_h));
}

}  // namespace unroll::app
