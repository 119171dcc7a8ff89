// "Beyond the bottleneck" panel, three tabs:
//  - Accuracy vs length: greedy-decoding sequence accuracy of every run
//    (main + compared) against the input length (evaluate_by_length). An
//    encoder-decoder without attention falls off as the input outgrows its
//    context vector; with attention, and a Transformer, it holds longer.
//  - Positional encodings: the vectors a Transformer adds to its tokens so
//    that it knows where each one is (d_model x T).
//  - Sequential vs parallel: wall time of one training step against the
//    sequence length, recurrent model vs Transformer (step_time_by_length).
// Measurements run a little per frame so the page stays responsive.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/panels/app.h"
#include "core/train/length_eval.h"
#include "app/widgets/heatmap.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/plot.h"
#include "app/widgets/ui.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#endif

namespace unroll::app {
namespace {

constexpr double kFrameBudgetMs = 12;  // measuring time per frame (at least one item)

// One measured curve: y against x, for one run / model.
struct Curve {
  std::string label;
  ImU32 color = 0;
  std::vector<double> x, y, y2;  // y2: the second metric (token accuracy), if any
  std::string error;             // first error met (points with errors are skipped)
};

// ---- accuracy vs length ----------------------------------------------------
struct LengthJob {
  bool running = false;
  int sequences = 100;            // greedy-decoded sequences per length
  std::vector<Index> lengths;
  std::vector<const Experiment*> exps;  // the runs measured, to notice a rebuild
  size_t next = 0;                // next (run, length) item: run = next / lengths
  std::vector<Curve> curves;
  double chance = NAN;            // blind-guess sequence accuracy at the trained length
  double trained_T = NAN;
  std::string note;               // e.g. "stopped: the runs were rebuilt"
  bool token_metric = false;      // plot per-digit instead of whole-sequence accuracy
};

// ---- sequential vs parallel --------------------------------------------------
struct TimeJob {
  bool running = false;
  std::vector<Index> lengths;
  std::vector<Config> configs;  // recurrent, transformer
  size_t next = 0;
  std::vector<Curve> curves;
  int steps = 3;                // timed steps per point (after one warm-up step)
  std::string note;
};

struct BottleneckState {
  LengthJob length;
  TimeJob time;
  int select_tab = -1;  // a tab to bring forward once (JS API)
};

BottleneckState& state() {
  static BottleneckState s;
  return s;
}

// printf into a std::string (formats come from tr(), so their length varies);
// a format may use only the first argument.
std::string printf_string(const char* format, const std::string& a, const std::string& b) {
  std::vector<char> buf(std::strlen(format) + a.size() + b.size() + 1);
  std::snprintf(buf.data(), buf.size(), format, a.c_str(), b.c_str());
  return buf.data();
}

// A short name for a run's model, e.g. "seq2seq GRU + bahdanau", "Transformer",
// in the language of the moment it is measured.
std::string model_label(const Config& c) {
  const NetSpec n = resolve_spec(c).net;
  std::string arch = cell_name(n.cell);
  for (auto& ch : arch) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  const std::string hidden = std::to_string(n.hidden);
  switch (n.kind) {
    case ModelKind::Transformer:
      return printf_string(n.heads == 1 ? tr("Transformer d=%s, %s head") : tr("Transformer d=%s, %s heads"),
                           std::to_string(n.d_model), std::to_string(n.heads));
    case ModelKind::EncoderDecoder:
      if (n.attn == AttnKind::None) return printf_string(tr("enc-dec %s H=%s"), arch, hidden);
      return printf_string(tr("seq2seq %s + %s attention"), arch,
                           n.attn == AttnKind::Bahdanau ? "bahdanau" : "luong");
    case ModelKind::Recurrent: break;
  }
  return printf_string(tr("RNN %s H=%s"), arch, hidden);
}

// Lengths 1 .. max(2T, eval_T) (at most 64), about a dozen of them.
std::vector<Index> eval_lengths(const Config& c) {
  const Index T = Index(c.i("T"));
  const Index top = std::clamp<Index>(std::max<Index>(2 * T, Index(c.i("eval_T"))), 4, 64);
  std::vector<Index> out;
  constexpr int kPoints = 12;
  for (int k = 0; k < kPoints; ++k) {
    const Index L = std::max<Index>(1, Index(std::lround(1 + double(top - 1) * k / (kPoints - 1))));
    if (out.empty() || L != out.back()) out.push_back(L);
  }
  if (std::find(out.begin(), out.end(), T) == out.end() && T <= top) {
    out.push_back(T);
    std::sort(out.begin(), out.end());
  }
  return out;
}

void start_length_job(Session& s) {
  LengthJob& j = state().length;
  const int sequences = j.sequences;
  const bool token = j.token_metric;
  j = LengthJob();
  j.sequences = sequences;
  j.token_metric = token;
  j.lengths = eval_lengths(s.running_config());
  j.trained_T = double(s.running_config().i("T"));
  for (size_t r = 0; r < s.runs().size(); ++r) {
    const Run& run = s.runs()[r];
    j.exps.push_back(run.exp.get());
    Curve c;
    c.label = run.label.empty() ? model_label(run.config) : run.label;
    c.color = ui::run_color(int(r));
    if (!run.exp) c.error = tr("this run could not be built");
    j.curves.push_back(c);
  }
  j.running = true;
}

// Measures (run, length) items until the frame's budget is spent.
void advance_length_job(Session& s) {
  LengthJob& j = state().length;
  if (!j.running) return;
  const size_t total = j.curves.size() * j.lengths.size();
  const double t0 = now_ms();
  while (j.next < total && (j.next == 0 || now_ms() - t0 < kFrameBudgetMs)) {
    const size_t r = j.next / j.lengths.size(), li = j.next % j.lengths.size();
    ++j.next;
    if (r >= s.runs().size() || s.runs()[r].exp.get() != j.exps[r]) {
      j.note = tr("Stopped: the runs were rebuilt while measuring. Press Measure again.");
      j.running = false;
      return;
    }
    Curve& c = j.curves[r];
    if (!j.exps[r] || !c.error.empty()) continue;
    const EvalResult e = evaluate_by_length(*s.runs()[r].exp, {j.lengths[li]}, j.sequences).front();
    if (!e.error.empty()) {
      c.error = e.error;
      continue;
    }
    c.x.push_back(double(e.length));
    c.y.push_back(e.sequence_accuracy);
    c.y2.push_back(e.token_accuracy);
    if (double(e.length) == j.trained_T && r == 0) j.chance = e.chance_sequence;
  }
  if (j.next >= total) j.running = false;
}

// ---- sequential vs parallel --------------------------------------------------
// The recurrent model and the Transformer timed on the current task: same
// task, batch and seed; the recurrent one is the run's encoder-decoder
// (seq2seq tasks) or a plain RNN, of the run's cell and hidden size.
std::vector<Config> timing_configs(const Config& base, bool seq2seq_task) {
  Config rec = base, tf = base;
  ConfigError e;
  rec.set("model", seq2seq_task ? "seq2seq" : "rnn", &e);
  rec.set("attn", "none", &e);
  tf.set("model", "transformer", &e);
  return {rec, tf};
}

void start_time_job(Session& s) {
  TimeJob& j = state().time;
  const int steps = j.steps;
  j = TimeJob();
  j.steps = steps;
  const Config& base = s.running_config();
  const bool seq_task = is_pair_task(s.running_spec().task.kind);
  j.lengths = seq_task ? std::vector<Index>{2, 4, 8, 12, 16, 24, 32, 48}
                       : std::vector<Index>{8, 16, 32, 64, 96, 128};
  j.configs = timing_configs(base, seq_task);
  for (size_t m = 0; m < j.configs.size(); ++m) {
    Curve c;
    c.label = m == 0 ? printf_string(tr("recurrent: %s"), model_label(j.configs[m]), "") : model_label(j.configs[m]);
    c.color = ui::run_color(m == 0 ? 1 : 2);
    j.curves.push_back(c);
  }
  j.running = true;
}

// Items of a timing job: one untimed warm-up per model (wasm code is
// compiled to its fast tier on first use), then (length, model) points
// with the models interleaved, so a slow moment of the machine hits both.
size_t time_items(const TimeJob& j) { return j.configs.size() * (j.lengths.size() + 1); }

// One item per frame: building and timing a model is the unit of work
// (tens of milliseconds at the longest lengths).
void advance_time_job() {
  TimeJob& j = state().time;
  if (!j.running) return;
  const size_t models = j.configs.size();
  if (j.next < time_items(j)) {
    const size_t i = j.next++;
    if (i < models) {
      step_time_by_length(j.configs[i], {j.lengths.front()}, 1, 1);  // warm-up, discarded
    } else {
      const size_t li = (i - models) / models, m = (i - models) % models;
      Curve& c = j.curves[m];
      const StepTime st = step_time_by_length(j.configs[m], {j.lengths[li]}, j.steps, 1).front();
      if (!st.error.empty()) {
        if (c.error.empty()) c.error = "T=" + std::to_string(st.T) + ": " + st.error;
      } else {
        c.x.push_back(double(st.T));
        c.y.push_back(st.seconds_per_step * 1000.0);
      }
    }
  }
  if (j.next >= time_items(j)) j.running = false;
}

// "Measure" / "Stop" and a progress bar on one line.
bool measure_controls(bool running, size_t done, size_t total, const char* help) {
  bool start = false;
  if (!running) {
    start = ImGui::Button((std::string(tr("Measure")) + "###measure").c_str());
    ui::tooltip(help);
  } else {
    ImGui::ProgressBar(total ? float(done) / float(total) : 0.f, ImVec2(ImGui::GetFontSize() * 10, 0),
                       (std::to_string(done) + " / " + std::to_string(total)).c_str());
    ui::tooltip(tr("Measuring a little every frame so the page stays responsive."));
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
    p.color = c.color;
    p.thickness = 2.f;
    out.push_back(p);
  }
  return out;
}

void draw_length_tab(Session& s) {
  LengthJob& j = state().length;
  const size_t total = j.curves.size() * j.lengths.size();
  if (measure_controls(j.running, j.next, total,
                       tr("Decode fresh inputs of each length greedily with every run as it is now (main run and "
                          "compared runs) and count how many come out entirely right. Training is not affected."))) {
    start_length_job(s);
  }
  ImGui::SameLine(0, 14);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::SliderInt((std::string(tr("sequences")) + "###sequences").c_str(), &j.sequences, 20, 400, "%d",
                   ImGuiSliderFlags_AlwaysClamp);
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
  TimeJob& j = state().time;
  const size_t total = time_items(j);
  if (measure_controls(j.running, j.next, total,
                       tr("Build a recurrent model and a Transformer on this task at each length and time a few "
                          "training steps (after one warm-up step). Your runs are not affected."))) {
    start_time_job(s);
  }
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
  BottleneckState& st = state();
  // Jobs advance whichever tab is open.
  advance_length_job(s);
  advance_time_job();

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
        ImGui::BeginTabItem(name.c_str(), nullptr, st.select_tab == t ? ImGuiTabItemFlags_SetSelected : 0);
    ui::tooltip(tr(tips[t]));
    if (open) {
      tabs[t](s);
      ImGui::EndTabItem();
    }
  }
  st.select_tab = -1;
  ImGui::EndTabBar();
}

}  // namespace unroll::app

#ifdef __EMSCRIPTEN__
// Test and tutorial hooks (Module.ccall): start a measurement and read its
// points. which: 0 = accuracy vs length, 1 = sequential vs parallel. The
// measurement advances as the panel is drawn, one slice per frame.
extern "C" {

EMSCRIPTEN_KEEPALIVE void unroll_bottleneck_measure(int which) {
  using namespace unroll::app;
  BottleneckState& st = state();
  st.select_tab = which == 0 ? 0 : 2;
  if (which == 0) start_length_job(session());
  else start_time_job(session());
}

// {"running": bool, "done": n, "total": n, "curves": [{"label", "x": [], "y": [], "error"}]}
EMSCRIPTEN_KEEPALIVE const char* unroll_bottleneck_result(int which) {
  using namespace unroll::app;
  static std::string out;
  const BottleneckState& st = state();
  const bool running = which == 0 ? st.length.running : st.time.running;
  const size_t done = which == 0 ? st.length.next : st.time.next;
  const size_t total = which == 0 ? st.length.curves.size() * st.length.lengths.size()
                                  : time_items(st.time);
  const std::vector<Curve>& curves = which == 0 ? st.length.curves : st.time.curves;
  auto quote = [](const std::string& v) {
    std::string q = "\"";
    for (char c : v) {
      if (c == '"' || c == '\\') q += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) q += c;
    }
    return q + "\"";
  };
  auto array = [](const std::vector<double>& v) {
    std::string a = "[";
    char b[32];
    for (size_t k = 0; k < v.size(); ++k) {
      std::snprintf(b, sizeof b, "%s%.6g", k ? "," : "", std::isfinite(v[k]) ? v[k] : -1.0);
      a += b;
    }
    return a + "]";
  };
  out = "{\"running\":" + std::string(running ? "true" : "false") + ",\"done\":" + std::to_string(done) +
        ",\"total\":" + std::to_string(total) + ",\"curves\":[";
  for (size_t k = 0; k < curves.size(); ++k) {
    const Curve& c = curves[k];
    out += (k ? "," : "") + std::string("{\"label\":") + quote(c.label) + ",\"x\":" + array(c.x) +
           ",\"y\":" + array(c.y) + ",\"error\":" + quote(c.error) + "}";
  }
  out += "]}";
  return out.c_str();
}

}  // extern "C"
#endif
