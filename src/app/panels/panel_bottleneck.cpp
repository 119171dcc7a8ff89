// "Beyond the bottleneck" panel, three tabs:
//  - Accuracy vs length: greedy-decoding sequence accuracy of every run
//    (main + compared) against the input length (evaluate_by_length). An
//    encoder-decoder without attention falls off as the input outgrows its
//    context vector; with attention, and a Transformer, it holds longer.
//  - Positional encodings: the vectors a Transformer adds to its tokens so
//    that it knows where each one is (d_model x T).
//  - Sequential vs parallel: wall time of one training step against the
//    sequence length, recurrent model vs Transformer (step_time_by_length).
// The measurements themselves run in the Session (app/state/measurements.h).
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/panels/app.h"
#include "app/widgets/heatmap.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/plot.h"
#include "app/widgets/ui.h"


namespace unroll::app {
namespace {

int& bottleneck_tab_request() {
  static int tab = -1;  // a tab to bring forward once (JS API)
  return tab;
}

// "Measure", or while measuring a progress bar and "Stop" (which stops the
// measurements of this panel: *stop).
bool measure_controls(bool running, size_t done, size_t total, const char* help, bool* stop) {
  bool start = false;
  if (!running) {
    start = ImGui::Button((std::string(tr("Measure")) + "###measure").c_str());
    ui::tooltip(help);
  } else {
    ImGui::ProgressBar(total ? float(done) / float(total) : 0.f, ImVec2(ImGui::GetFontSize() * 10, 0),
                       (std::to_string(done) + " / " + std::to_string(total)).c_str());
    ui::tooltip(tr("Measuring a little every frame so the page stays responsive."));
    ImGui::SameLine();
    *stop = ImGui::Button((std::string(tr("Stop")) + "###stop").c_str());
    ui::tooltip(tr("Stop measuring; the points measured so far stay on the plot."));
  }
  return start;
}

void curve_errors(const std::vector<Curve>& curves) {
  for (size_t k = 0; k < curves.size(); ++k)
    if (!curves[k].error.empty())
      ImGui::TextColored(ui::kWarn, tr("%s: not measured (%s)"), curves[k].label.c_str(), curves[k].error.c_str());
}

std::vector<PlotSeries> series_of(const std::vector<Curve>& curves, bool second) {
  std::vector<PlotSeries> out;
  for (const Curve& c : curves) {
    if (c.x.empty()) continue;
    PlotSeries p;
    p.label = c.label.c_str();
    p.x = c.x.data();
    p.y = second ? c.y2.data() : c.y.data();
    p.n = c.x.size();
    p.color = ui::run_color(c.run);
    p.thickness = 2.f;
    out.push_back(p);
  }
  return out;
}

void draw_length_tab(Session& s) {
  LengthJob& j = s.measurements().length();
  const size_t total = j.total();
  bool stop = false;
  if (measure_controls(j.running, j.next, total,
                       tr("Decode fresh inputs of each length greedily with every run as it is now (main run and "
                          "compared runs) and count how many come out entirely right. Training is not affected."),
                       &stop)) {
    s.measurements().start_length(s);
  }
  if (stop) s.measurements().stop();
  ImGui::SameLine(0, 14);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::BeginDisabled(j.running);  // the slices of a running measurement are counted from it
  ImGui::SliderInt((std::string(tr("sequences")) + "###sequences").c_str(), &j.sequences, 20, 400, "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  ImGui::EndDisabled();
  ui::tooltip(tr("Sequences decoded per length: more = smoother curves, slower measurement."));
  ImGui::SameLine(0, 14);
  ImGui::Checkbox((std::string(tr("per digit")) + "###per_digit").c_str(), &j.token_metric);
  ui::tooltip(tr("Off: sequence accuracy (every digit right). On: the fraction of digits right."));
  if (std::isfinite(j.trained_T)) {
    ImGui::SameLine(0, 14);
    ImGui::TextColored(ui::kMuted, tr("trained at T = %d"), int(j.trained_T));
    ui::tooltip(tr("The runs were trained on inputs of this length (the white tick on the x axis)."));
  }
  ImGui::SameLine(0, 10);
  ui::help_marker(tr("The bottleneck chart. An encoder-decoder without attention squeezes the whole input into "
                     "one context vector; as inputs grow, it stops fitting and accuracy falls. With attention, "
                     "each output step looks back at all encoder states; a Transformer attends without any "
                     "recurrence. Compare them on the same task with a link such as "
                     "compare=seq2seq,transformer. The tick at the bottom marks the training length T."));
  if (!j.note.empty()) ui::warning_text(j.note);
  curve_errors(j.curves);

  const std::vector<PlotSeries> series = series_of(j.curves, j.token_metric);
  if (series.empty()) {
    ImGui::TextColored(ui::kMuted, "%s", j.running ? tr("Measuring...")
                                                   : tr("Press Measure to decode inputs of lengths 1 .. 2T with every run."));
    return;
  }
  PlotOptions o;
  o.x_label = tr("input length (digits)");
  o.y_label = j.token_metric ? tr("digit accuracy") : tr("sequence accuracy (all digits right)");
  o.y_min = 0;
  o.y_max = 1.02;
  o.marks_x = &j.trained_T;
  o.n_marks = std::isnan(j.trained_T) ? 0 : 1;
  o.marks_label = tr("trained length T");
  o.mark_color = IM_COL32(255, 255, 255, 200);
  if (!j.token_metric && std::isfinite(j.chance) && j.chance > 0.005)
    o.ref_lines.push_back({j.chance, tr("blind guess at T"), IM_COL32(200, 200, 200, 140)});
  line_plot("##acc_len", series, ImGui::GetContentRegionAvail(), o);
}

void draw_positions_tab(Session& s) {
  const NetSpec& net = s.running_spec().net;
  if (net.kind != ModelKind::Transformer) {
    ImGui::TextWrapped("%s", tr("A recurrent model needs no positional encodings: it reads one token per step, so the "
                                "step itself says where a token is. A Transformer reads all positions at once and "
                                "would see the input as a bag of tokens, so it adds a position vector to each token."));
    return;
  }
  const ProbeSnapshot& p = s.probe();
  const Mat<float>& pos = p.attn.positions;  // d_model x T
  const bool learned = net.pos == PosKind::Learned;
  ImGui::TextColored(ui::kMuted, "%s", learned ? tr("pos=learned: one trained vector per position")
                                               : tr("pos=sinusoidal: sin/cos waves, fast in the top rows, slow below"));
  ui::help_marker(learned
                      ? tr("Column t is the vector added to the token at position t. These are parameters: they "
                           "start random and are trained, and positions never seen in training stay untrained.")
                      : tr("Column t is the vector added to the token at position t: pairs of rows hold sin and "
                           "cos of t times a frequency that falls from row to row. Nearby positions get similar "
                           "columns, and a fixed shift is a rotation, which attention can learn to use."));
  if (pos.size() == 0) {
    ImGui::TextColored(ui::kMuted, "%s", tr("No encodings recorded yet."));
    return;
  }
  HeatmapOptions o;
  o.colormap = Colormap::Diverging;
  o.x_label = tr("position t");
  o.y_label = tr("dimension");
  o.value_label = tr("encoding value");
  o.help = tr("Dimension x position: each column is one position's encoding (blue < 0 < red).");
  heatmap("##positions", pos.data(), int(pos.rows()), int(pos.cols()), ImGui::GetContentRegionAvail(), o);
}

void draw_time_tab(Session& s) {
  TimeJob& j = s.measurements().time();
  const size_t total = j.total();
  bool stop = false;
  if (measure_controls(j.running, j.next, total,
                       tr("Build a recurrent model and a Transformer on this task at each length and time a few "
                          "training steps (after one warm-up step). Your runs are not affected."),
                       &stop)) {
    s.measurements().start_time(s);
  }
  if (stop) s.measurements().stop();
  ImGui::SameLine(0, 14);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  ImGui::SliderInt((std::string(tr("steps")) + "###steps").c_str(), &j.steps, 1, 10, "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  ui::tooltip(tr("Timed training steps per point (the mean is plotted). More = less noise, slower."));
  ui::help_marker(tr("On this page everything runs on one CPU core, so the Transformer's parallelism shows as "
                     "fewer, larger operations rather than truly simultaneous work; its attention also costs "
                     "T x T per layer, which grows faster than the recurrent net's T steps at long lengths. "
                     "The time is the wall time of one training step (forward, backward, update) for the "
                     "whole batch."));
  ImGui::PushStyleColor(ImGuiCol_Text, ui::kMuted);
  ImGui::TextWrapped("%s", tr("A recurrent net reads like a book, step by step: step t needs step t-1. A Transformer "
                              "reads like an index, all positions at once, in a few big matrix products."));
  ImGui::PopStyleColor();
  if (!j.note.empty()) ui::warning_text(j.note);
  curve_errors(j.curves);
  const std::vector<PlotSeries> series = series_of(j.curves, false);
  if (series.empty()) {
    ImGui::TextColored(ui::kMuted, "%s", j.running ? tr("Measuring...") : tr("Press Measure to time both models."));
    return;
  }
  PlotOptions o;
  o.x_label = tr("sequence length T");
  o.y_label = tr("ms per training step");
  o.y_min = 0;
  line_plot("##time_len", series, ImGui::GetContentRegionAvail(), o);
}

}  // namespace

void draw_bottleneck_panel(Session& s) {
  int& select_tab = bottleneck_tab_request();

  if (!ImGui::BeginTabBar("bottleneck_tabs")) return;
  // English keys, translated when drawn; "###tabN" keeps each tab's ID the same in every language.
  const char* names[] = {"Accuracy vs length", "Positional encodings", "Sequential vs parallel"};
  const char* tips[] = {
      "Sequence accuracy against input length for every run: the context-vector bottleneck.",
      "The position vectors a Transformer adds to its tokens (dimension x position).",
      "Time per training step against sequence length: recurrent (step by step) vs Transformer (all at once)."};
  void (*tabs[])(Session&) = {draw_length_tab, draw_positions_tab, draw_time_tab};
  for (int t = 0; t < 3; ++t) {
    const std::string name = std::string(tr(names[t])) + "###tab" + std::to_string(t);
    const bool open =
        ImGui::BeginTabItem(name.c_str(), nullptr, select_tab == t ? ImGuiTabItemFlags_SetSelected : 0);
    ui::tooltip(tr(tips[t]));
    if (open) {
      tabs[t](s);
      ImGui::EndTabItem();
    }
  }
  select_tab = -1;
  ImGui::EndTabBar();
}

void select_bottleneck_tab(int tab) { bottleneck_tab_request() = tab; }

}  // namespace unroll::app
