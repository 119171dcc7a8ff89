// The task view: one probe sequence's input, target and the model's output
// in the task's own terms (adding: the two marked numbers and the sums;
// copy: letters to remember vs letters recalled; text: next-character
// guesses, plus a generator that lets the model write on its own; series:
// panel_task_series.cpp).
// Tasks without a custom view show the task's own rendered text.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/models/generate.h"
#include "core/io/json.h"
#include "core/tasks/tasks.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/panels/task_views.h"
#include "app/widgets/probe_pick.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

constexpr ImU32 kRightBg = IM_COL32(40, 120, 70, 255);
constexpr ImU32 kWrongBg = IM_COL32(150, 50, 50, 255);
constexpr ImU32 kCellBg = IM_COL32(52, 58, 68, 255);

// A vocabulary entry as the default font can draw it (Latin-1 only):
// newline -> pilcrow, tab -> guillemet, space -> middle dot, other controls -> '?'.
std::string shown(const std::string& ch) {
  if (ch == "\n") return "\xC2\xB6";
  if (ch == "\t") return "\xC2\xBB";
  if (ch.size() == 1 && static_cast<unsigned char>(ch[0]) < 0x20) return "?";
  if (ch == " ") return "\xC2\xB7";  // a space you can see (middle dot)
  return ch;
}

int argmax_col(const Mat<float>& out, Index c) {
  Index k = 0;
  out.col(c).maxCoeff(&k);
  return int(k);
}

int hot_input(const Batch<float>& b, Index c) {
  for (Index i = 0; i < b.I; ++i)
    if (b.x(i, c) > 0.5f) return int(i);
  return -1;
}

bool out_fits(const Batch<float>& b, const Mat<float>& out) {
  return out.rows() == b.O && out.cols() == b.T * b.B;
}

// A row of character cells at the cursor: label, then one box per symbol,
// tinted by `tint(i)` (0 = plain, 1 = right, 2 = wrong). Returns nothing;
// advances the cursor by one line.
template <class Tint>
void symbol_row(const char* label, const char* help, const std::vector<std::string>& symbols,
                float label_w, float cell_w, Tint tint) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = std::max(ImGui::GetTextLineHeight() + 4.f, cell_w - 2.f);
  const float text_y = (h - ImGui::GetTextLineHeight()) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + (h - ImGui::GetTextLineHeight()) * 0.5f));
  ImGui::TextColored(ui::kMuted, "%s", label);
  if (help) ui::tooltip(help);
  for (size_t i = 0; i < symbols.size(); ++i) {
    const float x = p.x + label_w + float(i) * cell_w;
    const int t = tint(i);
    const ImU32 bg = t == 1 ? kRightBg : t == 2 ? kWrongBg : kCellBg;
    dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + cell_w - 1.f, p.y + h - 1.f), bg, 2.f);
    const float tw = ImGui::CalcTextSize(symbols[i].c_str()).x;
    dl->AddText(ImVec2(x + (cell_w - 1.f - tw) * 0.5f, p.y + text_y), IM_COL32(235, 238, 242, 255),
                symbols[i].c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + 3.f));
  ImGui::Dummy(ImVec2(label_w + float(symbols.size()) * cell_w, 0));
}

// ---- adding ---------------------------------------------------------------

void adding_view(const ProbeSnapshot& p, Index b) {
  const Batch<float>& bt = p.batch;
  const Index T = bt.T, last = bt.col(T - 1, b);
  std::vector<Index> marked;
  for (Index t = 0; t < T; ++t)
    if (bt.x(1, bt.col(t, b)) > 0.5f) marked.push_back(t);

  // Input strip: one bar per step, height = value in [0, 1); marked steps orange.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float fh = ImGui::GetTextLineHeight();
  const float strip_h = std::clamp(ImGui::GetContentRegionAvail().y - 5.f * ImGui::GetTextLineHeightWithSpacing(),
                                   34.f, 90.f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float w = avail / float(T);
  dl->AddRectFilled(p0, ImVec2(p0.x + avail, p0.y + strip_h), IM_COL32(30, 34, 40, 255));
  for (Index t = 0; t < T; ++t) {
    const float v = bt.x(0, bt.col(t, b));
    const bool m = bt.x(1, bt.col(t, b)) > 0.5f;
    const float x0 = p0.x + float(t) * w, x1 = x0 + std::max(1.f, w - (w > 3 ? 1.f : 0.f));
    dl->AddRectFilled(ImVec2(x0, p0.y + strip_h * (1.f - v)), ImVec2(x1, p0.y + strip_h),
                      m ? ui::run_color(1) : IM_COL32(90, 100, 115, 255));
  }
  ImGui::Dummy(ImVec2(avail, strip_h));
  if (ImGui::IsItemHovered()) {
    const Index t = std::clamp(Index((ImGui::GetIO().MousePos.x - p0.x) / w), Index(0), T - 1);
    ImGui::SetTooltip(tr("t = %d: value %.3f%s"), int(t), bt.x(0, bt.col(t, b)),
                      bt.x(1, bt.col(t, b)) > 0.5f ? tr(" (marked: add this one)") : tr(" (not marked)"));
  }
  ui::text_wrapped_colored(ui::kMuted, tr("input: %d random values in [0, 1) (bars), two marked (orange)"), int(T));
  (void)fh;

  if (marked.size() == 2) {
    const float a = bt.x(0, bt.col(marked[0], b)), c = bt.x(0, bt.col(marked[1], b));
    ImGui::Text(tr("marked:  %.3f (t=%d)  +  %.3f (t=%d)"), a, int(marked[0]), c, int(marked[1]));
  }
  const float truth = bt.y(0, last);
  ImGui::Text(tr("true sum:   %.3f"), truth);
  ui::tooltip(tr("The target: the sum of the two marked values, asked for at the last step only."));
  if (!out_fits(bt, p.out)) {
    ImGui::TextDisabled(tr("model sum:  (no prediction yet)"));
    return;
  }
  const float guess = p.out(0, last), err = guess - truth;
  ImGui::Text(tr("model sum:  %.3f"), guess);
  ImGui::SameLine();
  // Always guessing 1 (the mean sum) gives |error| 1/3 on average (S - 1 is
  // triangular on [-1, 1]) and squared error 1/6.
  const ImVec4 c = std::fabs(err) < 0.05f ? ui::kGood : std::fabs(err) < 0.2f ? ui::kWarn : ui::kError;
  ImGui::TextColored(c, tr("(error %+.3f)"), err);
  ui::tooltip(tr("Model output at the last step minus the true sum. Green: |error| < 0.05; "
              "orange: < 0.2; red: worse. Always answering 1.0 (the average sum) misses by "
              "1/3 on average (its mean squared error is 1/6): that is the chance level."));
}

// ---- copy -------------------------------------------------------------------

void copy_view(const ProbeSnapshot& p, const Task& task, Index b) {
  const Batch<float>& bt = p.batch;
  const auto& vocab = task.vocab();
  std::vector<Index> recall;  // positions where the loss counts
  for (Index t = 0; t < bt.T; ++t)
    if (bt.weight[size_t(bt.col(t, b))] > 0) recall.push_back(t);
  const Index K = Index(recall.size()), delay = bt.T - 2 * K - 1;
  std::vector<std::string> remember, target, model;
  for (Index k = 0; k < K; ++k) {
    const int in = hot_input(bt, bt.col(k, b));
    remember.push_back(in >= 0 && size_t(in) < vocab.size() ? vocab[size_t(in)] : "?");
    target.push_back(vocab[size_t(bt.target[size_t(bt.col(recall[size_t(k)], b))])]);
  }
  const bool fits = out_fits(bt, p.out);
  int right = 0;
  std::vector<int> ok(size_t(K), 0);
  if (fits) {
    for (Index k = 0; k < K; ++k) {
      const Index c = bt.col(recall[size_t(k)], b);
      const int g = argmax_col(p.out, c);
      model.push_back(size_t(g) < vocab.size() ? vocab[size_t(g)] : "?");
      ok[size_t(k)] = g == bt.target[size_t(c)];
      right += ok[size_t(k)];
    }
  }
  const float label_w = std::max(ImGui::CalcTextSize(tr("remember")).x, ImGui::CalcTextSize(tr("recalled")).x) + 10.f;
  const float cell_w = std::clamp((ImGui::GetContentRegionAvail().x - label_w) / float(std::max<Index>(K, 1)),
                                  18.f, 30.f);
  symbol_row(tr("remember"), tr("The letters shown at the start of the sequence (steps 0 to K-1)."), remember,
             label_w, cell_w, [](size_t) { return 0; });
  ui::text_wrapped_colored(ui::kMuted, tr("then %d blank steps, then the go marker '>'"), int(std::max<Index>(delay, 0)));
  if (!fits) {
    ImGui::TextDisabled(tr("recalled: (no prediction yet)"));
    return;
  }
  symbol_row(tr("recalled"), tr("The model's most likely letter at each recall step: green = right, red = wrong."),
             model, label_w, cell_w, [&](size_t i) { return ok[i] ? 1 : 2; });
  ImGui::Text(tr("%d of %d right"), right, int(K));
  ImGui::SameLine();
  ImGui::TextColored(ui::kMuted, tr("(guessing gets 1 in %d)"), int(vocab.size()) - 2);
  (void)target;
}

// ---- text -------------------------------------------------------------------

void text_probe_view(const ProbeSnapshot& p, const Task& task, Index b) {
  const Batch<float>& bt = p.batch;
  const auto& vocab = task.vocab();
  const float label_w =
      std::max({ImGui::CalcTextSize(tr("input")).x, ImGui::CalcTextSize(tr("target")).x,
                ImGui::CalcTextSize(tr("model")).x}) +
      10.f;
  const float cell_w = ImGui::CalcTextSize("M").x + 3.f;
  const float avail = ImGui::GetContentRegionAvail().x - label_w;
  const Index n = std::clamp(Index(avail / cell_w), Index(1), bt.T), t0 = bt.T - n;
  const bool fits = out_fits(bt, p.out);
  std::vector<std::string> in, target, model;
  std::vector<int> ok;
  for (Index t = t0; t < bt.T; ++t) {
    const Index c = bt.col(t, b);
    const int x = hot_input(bt, c), y = bt.target[size_t(c)];
    in.push_back(x >= 0 ? shown(vocab[size_t(x)]) : "?");
    target.push_back(shown(vocab[size_t(y)]));
    if (fits) {
      const int g = argmax_col(p.out, c);
      model.push_back(shown(vocab[size_t(g)]));
      ok.push_back(g == y);
    }
  }
  symbol_row(tr("input"), tr("The characters the model reads (the last ones that fit; \xC2\xB6 = new line, \xC2\xB7 = space)."),
             in, label_w, cell_w, [](size_t) { return 0; });
  symbol_row(tr("target"), tr("The next character at each step: what the model should predict."), target, label_w,
             cell_w, [](size_t) { return 0; });
  if (!fits) {
    ImGui::TextDisabled(tr("model: (no prediction yet)"));
    return;
  }
  symbol_row(tr("model"), tr("The model's most likely next character: green = right, red = wrong."), model,
             label_w, cell_w, [&](size_t i) { return ok[i] ? 1 : 2; });
  int right = 0;
  for (int v : ok) right += v;
  ui::text_wrapped_colored(ui::kMuted, tr("%d of %d next characters right in this window"), right, int(ok.size()));
}

struct Generator {
  char prime[256] = "The ";
  float temperature = 0.7f;
  int length = 200;
  std::string text, error;
  long at_step = -1;
  uint64_t draws = 0;  // one rng seed per click: each click gives new text
  int shown = 0;       // the session's generation shown (its id)
  // Where the last frame drew the Generate tab and button (screen = CSS
  // pixels; w <= 0: not drawn), so the JS API can say where to click.
  ImVec4 tab{0, 0, 0, 0}, button{0, 0, 0, 0};
};

ImVec4 last_item_rect() {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

Generator& generator() {
  static Generator g;
  return g;
}

void text_generate_view(Session& s) {
  Generator& g = generator();
  const Run& run = s.main();
  const auto* text_task = dynamic_cast<const TextTask*>(run.task.get());
  if (!text_task) return;
  if (run.spec.net.kind != ModelKind::Recurrent) {
    ImGui::TextDisabled(tr("Text generation is for the recurrent models (model=rnn)."));
    return;
  }
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::SetNextItemWidth(std::max(80.f, w * 0.4f));
  ImGui::InputText(tr("seed text"), g.prime, sizeof g.prime);
  ui::tooltip(tr("The model reads this text first, then continues it one character at a time. "
              "Every character must occur in the training text."));
  ImGui::SetNextItemWidth(std::max(80.f, w * 0.3f));
  ImGui::SliderFloat(tr("temperature"), &g.temperature, 0.f, 2.f, "%.2f");
  ui::tooltip(tr("How adventurous the sampling is. 0 = always take the most likely next "
              "character (greedy: often loops); 1 = sample from the model's own probabilities; "
              "above 1 = flatter, more random."));
  ImGui::SetNextItemWidth(std::max(80.f, w * 0.3f));
  ImGui::SliderInt(tr("characters"), &g.length, 20, 1000);
  ui::tooltip(tr("How many new characters to generate."));
  ImGui::SameLine();
  const bool clicked = ImGui::Button(tr("Generate"));
  g.button = last_item_rect();
  ui::tooltip(tr("Let the model write: feeds the seed text, then its own samples, back in. "
              "Uses the weights as they are now (training may keep running)."));
  // The main run's engine writes it; the answer comes in a later frame.
  if (clicked) s.generate(g.prime, g.length, double(g.temperature), ++g.draws);
  const Session::Generation& gen = s.generation();
  if (gen.id != 0 && gen.id != g.shown && !gen.waiting) {
    g.shown = gen.id;
    g.text = gen.text;
    g.error = gen.error;
    g.at_step = gen.at_step;
  }
  if (gen.waiting) ImGui::TextColored(ui::kMuted, "%s", tr("Writing..."));
  if (!g.error.empty()) ui::error_text(g.error);
  if (g.text.empty()) {
    ImGui::TextDisabled(tr("Press Generate to let the model write (train a while first)."));
    return;
  }
  ui::text_wrapped_colored(ui::kMuted, tr("after %ld training steps, temperature %.2f:"), g.at_step, g.temperature);
  ImGui::BeginChild("##generated", ImVec2(0, 0), ImGuiChildFlags_Border);
  ImGui::TextWrapped("%s", g.text.c_str());
  ImGui::EndChild();
}

// ---- sine: target and prediction over t --------------------------------------

void sine_view(const ProbeSnapshot& p, Index b) {
  const Batch<float>& bt = p.batch;
  const bool fits = out_fits(bt, p.out);
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float h = std::max(60.f, ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing());
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + avail_w, p0.y + h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, IM_COL32(30, 34, 40, 255));
  float lo = 0, hi = 0;
  for (Index t = 0; t < bt.T; ++t) {
    lo = std::min({lo, bt.y(0, bt.col(t, b)), fits ? p.out(0, bt.col(t, b)) : 0.f});
    hi = std::max({hi, bt.y(0, bt.col(t, b)), fits ? p.out(0, bt.col(t, b)) : 0.f});
  }
  lo = std::max(lo, -10.f);
  hi = std::min(hi, 10.f);
  if (hi - lo < 1e-6f) hi = lo + 1;
  auto pt = [&](Index t, float v) {
    const float x = p0.x + 4 + (avail_w - 8) * float(t) / float(std::max<Index>(1, bt.T - 1));
    const float y = p1.y - 4 - (h - 8) * (std::clamp(v, lo, hi) - lo) / (hi - lo);
    return ImVec2(x, y);
  };
  for (Index t = 1; t < bt.T; ++t) {
    dl->AddLine(pt(t - 1, bt.y(0, bt.col(t - 1, b))), pt(t, bt.y(0, bt.col(t, b))),
                IM_COL32(200, 205, 215, 255), 2.f);
    if (fits)
      dl->AddLine(pt(t - 1, p.out(0, bt.col(t - 1, b))), pt(t, p.out(0, bt.col(t, b))), ui::run_color(1),
                  1.5f);
  }
  ImGui::Dummy(ImVec2(avail_w, h));
  ImGui::TextColored(ImVec4(0.8f, 0.82f, 0.86f, 1), tr("target: next value"));
  ImGui::SameLine();
  ImGui::TextColored(ui::run_color_vec(1), tr("model prediction"));
  ImGui::SameLine();
  ImGui::TextColored(ui::kMuted, tr("(x: step t, 0..%d)"), int(bt.T - 1));
}

}  // namespace

void draw_task_panel(Session& s) {
  Run& r = s.main();
  if (!r.ok() || !r.task) {
    ImGui::TextDisabled(tr("No experiment: see the message in the run bar."));
    return;
  }
  generator().tab = generator().button = ImVec4(0, 0, 0, 0);  // set again if drawn this frame
  const ProbeSnapshot& p = s.probe();
  const Task& task = *r.task;
  const TaskInfo& info = task.info();
  if (p.B <= 0 || p.rendered.empty()) {
    ImGui::TextDisabled(tr("No probe yet."));
    return;
  }
  const Index b = probe_sequence_picker(int(p.B));
  const std::string metric_text = std::string(tr(info.metric_name.c_str())) + ": " + ui::fmt(p.metric);
  ui::same_line_if_fits(ui::text_width(metric_text.c_str()), 14.f);
  ImGui::TextColored(ui::kMuted, "%s", metric_text.c_str());
  {
    char tip[256];
    std::snprintf(tip, sizeof tip,
                  info.metric_higher_is_better
                      ? tr("The task's metric on the 4 probe sequences (higher is better). A model that ignores "
                           "its input scores %s.")
                      : tr("The task's metric on the 4 probe sequences (lower is better). A model that ignores "
                           "its input scores %s."),
                  ui::fmt(info.chance_metric).c_str());
    ui::tooltip(tip);
  }
  char chance[64];
  std::snprintf(chance, sizeof chance, tr("(chance %s)"), ui::fmt(info.chance_metric).c_str());
  ui::same_line_if_fits(ui::text_width(chance) + ImGui::CalcTextSize("(?)").x + 8.f);
  ImGui::TextColored(ui::kMuted, "%s", chance);
  ui::help_marker(tr_with_numbers(info.description).c_str());

  const bool have_batch = p.batch.B == p.B && p.batch.T == p.T;
  if (have_batch && info.name == "adding" && p.batch.I == 2) {
    adding_view(p, b);
  } else if (have_batch && info.name == "copy") {
    copy_view(p, task, b);
  } else if (have_batch && info.name == "text") {
    if (ImGui::BeginTabBar("##textviews")) {
      if (ImGui::BeginTabItem(tr("Next character"))) {
        ui::tooltip(tr("How well the model predicts each next character of this probe sequence."));
        text_probe_view(p, task, b);
        ImGui::EndTabItem();
      }
      const bool generate_open = ImGui::BeginTabItem(tr("Generate"));
      generator().tab = last_item_rect();  // the tab, drawn whether selected or not
      if (generate_open) {
        ui::tooltip(tr("Let the model write text on its own."));
        text_generate_view(s);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  } else if (have_batch && info.name == "sine" && p.batch.O == 1) {
    sine_view(p, b);
  } else if (const auto* series = dynamic_cast<const SeriesTask*>(&task); have_batch && series) {
    series_task_view(p, *series, b);
  } else {
    // The task's own words: input, target, model, a few lines.
    ImGui::BeginChild("##rendered", ImVec2(0, 0), ImGuiChildFlags_Border,
                      ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::TextUnformatted(p.rendered[size_t(b)].c_str());
    ImGui::EndChild();
  }
}

void write_task_generate(json::Writer& w) {
  const Generator& g = generator();
  w.begin_object();
  w.key("text"); w.string(g.text);
  w.key("atStep"); w.number(double(g.at_step));
  w.key("temperature"); w.number_f32(g.temperature);
  w.key("error"); w.string(g.error);
  w.key("tab"); ui::write_rect(w, g.tab);
  w.key("button"); ui::write_rect(w, g.button);
  w.end_object();
}

}  // namespace unroll::app
