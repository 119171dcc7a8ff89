// Compare runs: the same task, seed and settings trained with up to 3 other
// cells next to the main run, in one table and one loss plot.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/train/history.h"
#include "app/state/links.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

const char* restart_note() {
  return tr("Adding or removing a run restarts ALL runs from step 0, on the same task and seed, "
            "so the curves start together.");
}

void add_run_controls(Session& s) {
  const std::vector<std::string>& cmp = s.compare();
  if (cmp.size() >= kMaxCompareRuns) {
    ImGui::TextColored(ui::kMuted, tr("%d runs: the most that fit side by side."), int(cmp.size()) + 1);
    return;
  }
  // Every compare token (cells, encoder-decoder with/without attention,
  // Transformer), labelled as the run it would add.
  const std::vector<std::string>& tokens = compare_tokens();
  std::vector<std::string> labels;
  for (const std::string& t : tokens) {
    Config c = s.config();
    apply_compare_token(t, &c);
    labels.push_back(run_label(c));
  }
  static int pick = 0;
  pick = std::clamp(pick, 0, int(tokens.size()) - 1);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("add a run"));
  ImGui::SameLine();
  float w = 0;
  for (const auto& l : labels) w = std::max(w, ImGui::CalcTextSize(l.c_str()).x);
  ImGui::SetNextItemWidth(std::min(w + ImGui::GetFrameHeight() + 12.f, ImGui::GetContentRegionAvail().x * 0.6f));
  if (ImGui::BeginCombo("##cell", labels[size_t(pick)].c_str())) {
    for (int k = 0; k < int(tokens.size()); ++k)
      if (ImGui::Selectable(labels[size_t(k)].c_str(), k == pick)) pick = k;
    ImGui::EndCombo();
  }
  ui::tooltip(tr("The extra run: another recurrent cell, an encoder-decoder without or with attention, or a "
              "Transformer. Everything else (task, seed, optimizer, learning rate ...) is the main run's."));
  ImGui::SameLine();
  if (ImGui::Button(tr("Add run"))) {
    std::vector<std::string> next = cmp;
    next.push_back(tokens[size_t(pick)]);
    s.set_compare(next);
  }
  ui::tooltip(restart_note());
}

// Loss of every run over training steps, log scale, overlaid in run colours.
void loss_plot(Session& s, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float fh = ImGui::GetTextLineHeight();
  const float left = ImGui::CalcTextSize("1e-03").x + 8.f;
  const ImVec2 m0(p0.x + left, p0.y + 2.f), m1(p0.x + size.x - 4.f, p0.y + size.y - fh - 4.f);
  ImGui::Dummy(size);
  if (m1.y - m0.y < 20 || m1.x - m0.x < 40) return;
  dl->AddRectFilled(m0, m1, IM_COL32(28, 31, 37, 255));
  double max_step = 1, lo = INFINITY, hi = -INFINITY;
  for (const Run& r : s.runs()) {
    if (!r.history.step.empty()) max_step = std::max(max_step, r.history.step.back());
    for (double v : r.history.loss)
      if (std::isfinite(v) && v > 0) { lo = std::min(lo, v); hi = std::max(hi, v); }
  }
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  if (!(lo <= hi)) {
    dl->AddText(ImVec2(m0.x + 6, m0.y + 6), muted, tr("loss curves appear here once training runs"));
    return;
  }
  // Log axis with a little headroom around the data.
  const double llo = std::log10(lo) - 0.03, lhi = std::log10(hi) + 0.03 + (hi == lo ? 0.2 : 0.0);
  auto X = [&](double step) { return m0.x + float(step / max_step) * (m1.x - m0.x); };
  auto Y = [&](double loss) {
    return m1.y - float((std::log10(std::max(loss, 1e-30)) - llo) / (lhi - llo)) * (m1.y - m0.y);
  };
  // Per run, one point per horizontal pixel (mean of the steps in it) keeps the line readable.
  const int runs = int(s.runs().size());
  for (int k = runs - 1; k >= 0; --k) {
    const History& h = s.runs()[size_t(k)].history;
    // Smoothed (EMA) so the runs can be told apart through the batch noise.
    const std::vector<double> loss = smooth(h.loss, 0.6);
    const int px = std::max(2, int(m1.x - m0.x));
    std::vector<ImVec2> pts;
    size_t i = 0;
    for (int c = 0; c < px && i < h.step.size(); ++c) {
      const double edge = max_step * double(c + 1) / double(px);
      double sum = 0, st = 0;
      int n = 0;
      for (; i < h.step.size() && h.step[i] <= edge; ++i)
        if (std::isfinite(loss[i]) && loss[i] > 0) { sum += std::log10(loss[i]); st += h.step[i]; ++n; }
      if (n) pts.push_back(ImVec2(X(st / n), Y(std::pow(10.0, sum / n))));
    }
    if (pts.size() >= 2) dl->AddPolyline(pts.data(), int(pts.size()), ui::run_color(k), 0, 1.5f);
    else if (pts.size() == 1) dl->AddCircleFilled(pts[0], 2.5f, ui::run_color(k));
  }
  // Axes: 1-2-5 ticks of the loss (log scale) where they do not crowd, steps at the ends.
  float last_y = 1e9f;
  int ticks = 0;
  for (int e = int(std::floor(llo)); e <= int(std::ceil(lhi)); ++e)
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, e), lv = std::log10(v);
      if (lv < llo || lv > lhi) continue;
      const float y = Y(v);
      if (last_y - y < fh + 2.f) continue;
      last_y = y;
      ++ticks;
      dl->AddLine(ImVec2(m0.x, y), ImVec2(m1.x, y), IM_COL32(255, 255, 255, 22));
      const std::string t = ui::fmt(v);
      dl->AddText(ImVec2(m0.x - 4.f - ImGui::CalcTextSize(t.c_str()).x, y - fh * 0.5f), muted, t.c_str());
    }
  if (ticks == 0) {  // a narrow range with no round number inside: label the ends
    const std::string top = ui::fmt(hi), bot = ui::fmt(lo);
    dl->AddText(ImVec2(p0.x, Y(hi)), muted, top.c_str());
    dl->AddText(ImVec2(p0.x, Y(lo) - fh), muted, bot.c_str());
  }
  dl->AddText(ImVec2(m0.x, m1.y + 2), muted, "0");
  const std::string right = std::to_string(long(max_step));
  dl->AddText(ImVec2(m1.x - ImGui::CalcTextSize(right.c_str()).x, m1.y + 2), muted, right.c_str());
  // The axis label between the end ticks; the short form where the long one
  // would run into them (a phone).
  const char* xl = tr("training step   (loss, smoothed, log scale)");
  const float room = (m1.x - m0.x) - 2.f * (ImGui::CalcTextSize(right.c_str()).x + 8.f);
  if (ImGui::CalcTextSize(xl).x > room) xl = tr("training step");
  if (ImGui::CalcTextSize(xl).x <= room)
    dl->AddText(ImVec2((m0.x + m1.x - ImGui::CalcTextSize(xl).x) * 0.5f, m1.y + 2), muted, xl);

  // Hover: each run's loss at that step.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (ImGui::IsItemHovered() && mouse.x >= m0.x && mouse.x <= m1.x) {
    const double step = double(mouse.x - m0.x) / double(m1.x - m0.x) * max_step;
    dl->AddLine(ImVec2(mouse.x, m0.y), ImVec2(mouse.x, m1.y), IM_COL32(255, 255, 255, 90));
    ImGui::BeginTooltip();
    ImGui::Text(tr("step %ld"), long(std::lround(step)));
    for (int k = 0; k < runs; ++k) {
      const History& h = s.runs()[size_t(k)].history;
      if (h.step.empty()) continue;
      const size_t i = std::min<size_t>(
          size_t(std::lower_bound(h.step.begin(), h.step.end(), step) - h.step.begin()), h.step.size() - 1);
      ImGui::TextColored(ui::run_color_vec(k), tr("%s: loss %s"), s.runs()[size_t(k)].label.c_str(),
                         ui::fmt(h.loss[i]).c_str());
    }
    ImGui::EndTooltip();
  }
}

void runs_table(Session& s) {
  const std::string metric = s.main().task ? tr(s.main().task->info().metric_name) : tr("metric");
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                    ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  // A panel narrower than the table (a phone) scrolls it sideways.
  const float rows_h = float(s.runs().size() + 1) * (ImGui::GetTextLineHeight() + 2.f * ImGui::GetStyle().CellPadding.y);
  const bool scroll = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 28.f;
  if (!ImGui::BeginTable("##runs", 8, scroll ? flags | ImGuiTableFlags_ScrollX : flags,
                         scroll ? ImVec2(0, rows_h + ImGui::GetStyle().ScrollbarSize + 4.f) : ImVec2(0, 0)))
    return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 14.f);
  ImGui::TableSetupColumn(tr("cell"));
  ImGui::TableSetupColumn(tr("params"));
  ImGui::TableSetupColumn(tr("step"));
  ImGui::TableSetupColumn(tr("steps/s"));
  ImGui::TableSetupColumn(tr("loss"));
  ImGui::TableSetupColumn(metric.size() > 12 ? tr("metric") : metric.c_str());
  ImGui::TableSetupColumn("");
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const std::string metric_tip = std::string(tr("The task's metric on the last batch:")) + " " + metric + ".";
  const char* tips[] = {
      tr("Run colour (same colour in the plot below)."),
      tr("The recurrent cell of the run."),
      tr("Trainable parameters (weights and biases, head included)."),
      tr("Training steps done (one step = one batch)."),
      tr("Training steps per second of wall-clock time (runs share the machine's cores)."),
      tr("Training loss on the last batch."),
      metric_tip.c_str(),
      tr("Remove a compared run.")};
  for (int c = 0; c < 8; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(ImGui::TableGetColumnName(c));
    ui::tooltip(tips[c]);
  }
  int remove = -1;
  for (size_t k = 0; k < s.runs().size(); ++k) {
    const Run& r = s.runs()[k];
    ImGui::PushID(int(k));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x + 12, p.y + h - 1),
                                              ui::run_color(int(k)), 2.f);
    ImGui::Dummy(ImVec2(12, h));
    ImGui::TableNextColumn();
    ImGui::TextColored(ui::run_color_vec(int(k)), "%s%s", r.label.c_str(), k == 0 ? tr(" (main)") : "");
    ImGui::TableNextColumn();
    if (r.ok()) {
      if (r.report.param_count > 0) ImGui::Text("%ld", long(r.report.param_count));
      else ImGui::TextUnformatted("-");
      const bool has = r.report.step > 0;
      ImGui::TableNextColumn();
      ImGui::Text("%ld", r.report.step);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.steps_per_second > 0 ? ui::fmt(r.steps_per_second).c_str() : "-");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(has ? ui::fmt(r.report.last.loss).c_str() : "-");
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(has ? ui::fmt(r.report.last.metric).c_str() : "-");
      if (r.report.diverged()) {
        ImGui::SameLine();
        ImGui::TextColored(ui::kError, tr("diverged"));
        ui::tooltip(r.report.diverged_reason.c_str());
      }
    } else {
      ImGui::TableNextColumn();
      ImGui::TextColored(ui::kError, tr("could not start"));
    }
    ImGui::TableSetColumnIndex(7);
    if (k > 0) {
      if (ImGui::SmallButton("x")) remove = int(k) - 1;
      ui::tooltip((std::string(tr("Remove this run.")) + " " + restart_note()).c_str());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (remove >= 0) {
    std::vector<std::string> next = s.compare();
    next.erase(next.begin() + remove);
    s.set_compare(next);
  }
}

}  // namespace

void draw_compare_panel(Session& s) {
  add_run_controls(s);
  ImGui::SameLine();
  ui::help_marker(restart_note());
  runs_table(s);
  if (s.runs().size() == 1)
    ui::text_wrapped_colored(ui::kMuted, "%s", tr("Add a run to train another cell on the same task, side by side."));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  loss_plot(s, ImVec2(avail.x, std::max(avail.y, 70.f)));
}

}  // namespace unroll::app
