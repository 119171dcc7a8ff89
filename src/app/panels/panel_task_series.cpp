// The task view of task=series: the whole series with the probe window
// marked, the window's next values against the model's predictions (and
// persistence, the baseline), and the errors; for classification, the
// window's inputs and the model's class probabilities. Values are shown in
// the column's own units (the normalisation undone).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/panels/task_views.h"
#include "app/state/i18n.h"
#include "app/widgets/plot.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

constexpr ImU32 kSeriesColor = IM_COL32(200, 205, 215, 255);
constexpr ImU32 kBaselineColor = IM_COL32(120, 130, 145, 255);

// The row where probe sequence b's window starts: the inputs are the
// task's rows copied exactly, so the first row whose values equal the
// window's is it (-1 if none: another file since the probe was taken).
Index window_start(const SeriesTask& task, const Batch<float>& bt, Index b) {
  const Index C = task.input_size();
  if (bt.I != C) return -1;
  for (Index s = 0; s + bt.T <= task.rows(); ++s) {
    bool same = true;
    for (Index t = 0; t < bt.T && same; ++t)
      for (Index k = 0; k < C && same; ++k) same = task.value(s + t, k) == bt.x(k, bt.col(t, b));
    if (same) return s;
  }
  return -1;
}

int& chosen_column() {
  static int c = 0;
  return c;
}

void column_picker(const SeriesTask& task) {
  int& c = chosen_column();
  const auto& names = task.column_names();
  c = std::clamp(c, 0, int(names.size()) - 1);
  if (names.size() < 2) return;
  ImGui::SetNextItemWidth(std::min(220.f, ImGui::GetContentRegionAvail().x));
  if (ImGui::BeginCombo(tr("column"), names[size_t(c)].c_str())) {
    for (size_t k = 0; k < names.size(); ++k)
      if (ImGui::Selectable(names[k].c_str(), int(k) == c)) c = int(k);
    ImGui::EndCombo();
  }
  ui::tooltip(tr("Which input column the plots show (the model predicts all of them)."));
}

// The whole column in its own units, the probe window between two marks.
void overview_plot(const SeriesTask& task, Index col, Index start, Index T, float h) {
  std::vector<double> v(size_t(task.rows()));
  for (Index r = 0; r < task.rows(); ++r)
    v[size_t(r)] = double(task.value(r, col)) * task.stddev()[size_t(col)] + task.mean()[size_t(col)];
  std::vector<double> wx, wy;  // the window, drawn over the series
  for (Index r = std::max<Index>(start, 0); start >= 0 && r <= std::min(task.rows() - 1, start + T); ++r) {
    wx.push_back(double(r));
    wy.push_back(v[size_t(r)]);
  }
  PlotOptions o;
  o.x_label = tr("row");
  o.help = tr("The whole column (rows of the file, in its own units); the probe window is drawn in orange.");
  line_plot("##series_all", {{tr("series"), nullptr, v.data(), v.size(), kSeriesColor, 1.2f, true},
                             {tr("window"), wx.data(), wy.data(), wy.size(), ui::run_color(1), 2.5f, false}},
            ImVec2(ImGui::GetContentRegionAvail().x, h), o);
}

void regression_view(const ProbeSnapshot& p, const SeriesTask& task, Index b, Index col, Index start) {
  const Batch<float>& bt = p.batch;
  const bool fits = p.out.rows() == bt.O && p.out.cols() == bt.T * bt.B;
  const double sd = task.stddev()[size_t(col)], mean = task.mean()[size_t(col)];
  std::vector<double> target, model, last, err_model, err_last;
  double se_model = 0, se_last = 0;
  for (Index t = 0; t < bt.T; ++t) {
    const Index c = bt.col(t, b);
    const double y = bt.y(col, c), x = bt.x(col, c);
    target.push_back(y * sd + mean);
    last.push_back(x * sd + mean);
    err_last.push_back((x - y) * sd);
    se_last += (x - y) * (x - y);
    if (fits) {
      const double m = p.out(col, c);
      model.push_back(m * sd + mean);
      err_model.push_back((m - y) * sd);
      se_model += (m - y) * (m - y);
    }
  }
  const float avail_h = ImGui::GetContentRegionAvail().y - 2 * ImGui::GetTextLineHeightWithSpacing();
  const float h = std::max(70.f, avail_h / 3.f);
  overview_plot(task, col, start, bt.T, h);
  const double x0 = double(std::max<Index>(start, 0) + 1);  // step t predicts row start+t+1
  std::vector<double> xs(size_t(bt.T));
  for (Index t = 0; t < bt.T; ++t) xs[size_t(t)] = x0 + double(t);
  PlotOptions o;
  o.x_label = tr("row");
  o.help = tr("At each step of the window: the next value (white), the model's prediction (orange) and "
              "persistence, the baseline that repeats the last value (grey).");
  std::vector<PlotSeries> lines = {{tr("next value"), xs.data(), target.data(), target.size(), kSeriesColor, 2.f},
                                   {tr("persistence"), xs.data(), last.data(), last.size(), kBaselineColor, 1.2f}};
  if (fits) lines.push_back({tr("model"), xs.data(), model.data(), model.size(), ui::run_color(1), 1.8f});
  line_plot("##series_window", lines, ImVec2(ImGui::GetContentRegionAvail().x, h), o);
  PlotOptions e;
  e.x_label = tr("row");
  e.ref_lines.push_back({0.0, "0"});
  e.help = tr("Prediction minus the next value, in the column's units: the model (orange) and persistence (grey).");
  std::vector<PlotSeries> errs = {{tr("persistence error"), xs.data(), err_last.data(), err_last.size(), kBaselineColor, 1.2f}};
  if (fits) errs.push_back({tr("model error"), xs.data(), err_model.data(), err_model.size(), ui::run_color(1), 1.8f});
  line_plot("##series_error", errs, ImVec2(ImGui::GetContentRegionAvail().x, h), e);
  if (!fits) {
    ImGui::TextDisabled("%s", tr("model: (no prediction yet)"));
    return;
  }
  // Squared error in normalised units, as the loss counts it (this column).
  ui::text_wrapped_colored(ui::kMuted, tr("this window, this column: model MSE %s, persistence MSE %s (normalised units)"),
                           ui::fmt(se_model / double(bt.T)).c_str(), ui::fmt(se_last / double(bt.T)).c_str());
}

void classification_view(const ProbeSnapshot& p, const SeriesTask& task, Index b, Index col, Index start) {
  const Batch<float>& bt = p.batch;
  const float h = std::max(70.f, (ImGui::GetContentRegionAvail().y - 4 * ImGui::GetTextLineHeightWithSpacing()) / 2.f);
  overview_plot(task, col, start, bt.T - 1, h);
  const Index last = bt.col(bt.T - 1, b);
  const auto& classes = task.classes();
  const int truth = bt.target[size_t(last)];
  ImGui::Text(tr("class of this window: %s"), classes[size_t(truth)].c_str());
  if (p.out.rows() != bt.O || p.out.cols() != bt.T * bt.B) {
    ImGui::TextDisabled("%s", tr("model: (no prediction yet)"));
    return;
  }
  // softmax(out(:, last))                                   K x 1
  std::vector<double> prob(classes.size());
  double top = -1e300, total = 0;
  for (size_t k = 0; k < classes.size(); ++k) top = std::max(top, double(p.out(Index(k), last)));
  for (size_t k = 0; k < classes.size(); ++k) total += prob[k] = std::exp(double(p.out(Index(k), last)) - top);
  for (double& q : prob) q /= total;
  for (size_t k = 0; k < classes.size() && k < 12; ++k) {
    const ImVec4 c = int(k) == truth ? ui::kGood : ui::kMuted;
    ImGui::TextColored(c, "%-12s", classes[k].c_str());
    ImGui::SameLine();
    ImGui::ProgressBar(float(prob[k]), ImVec2(std::min(260.f, ImGui::GetContentRegionAvail().x), 0),
                       ui::fmt(prob[k]).c_str());
  }
  ui::tooltip(tr("The model's probability for each class at the window's last step; the true class is green."));
}

}  // namespace

void series_task_view(const ProbeSnapshot& p, const SeriesTask& task, Index b) {
  column_picker(task);
  const Index col = chosen_column();
  const Index start = window_start(task, p.batch, b);
  if (task.classifies())
    classification_view(p, task, b, col, start);
  else
    regression_view(p, task, b, col, start);
}

}  // namespace unroll::app
