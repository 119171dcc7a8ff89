// The run bar: play/pause (Space), step (S), reset (R), speed, counters,
// the link, files, and the messages that need the user's attention.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/panels/app.h"
#include "app/panels/layouts.h"
#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/widgets/touch.h"
#include "app/widgets/ui.h"

namespace unroll::app {

namespace {

// Buttons remember where they were drawn (getState().controls).
bool button(const char* id, const std::string& label, ImVec2 size = ImVec2(0, 0)) {
  const bool pressed = ImGui::Button((label + "###" + id).c_str(), size);
  ui::remember_control(id, label);
  return pressed;
}

// Space left on this row (ImGui pixels).
float room() { return ImGui::GetContentRegionAvail().x; }

void run_controls(Session& s, bool compact) {
  const bool can_run = s.main().ok() && !s.main().report.diverged();
  ImGui::BeginDisabled(!can_run);
  if (button("run", s.running() ? tr("Pause") : tr("Play"), ImVec2(compact ? 76 : 70, 0)))
    s.running() ? s.pause() : s.play();
  ui::tooltip(tr("Start or stop training (Space)."));
  ImGui::SameLine();
  if (button("step", tr("Step"))) s.step(1);
  ui::tooltip(tr("Train one step on one batch (S)."));
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (button("reset", std::string(tr("Reset")) + (s.needs_reset() ? " *" : ""))) s.reset();
  ui::tooltip(tr("New weights from the seed and apply pending changes (R). "
                 "A * means some changes wait for a reset."));
}

void speed_combo(Session& s, float width) {
  if (s.focus().hides("speed")) return;
  ImGui::SetNextItemWidth(width);
  // Short names where the bar is narrow (the tooltip says the rest).
  const bool narrow = current_layout() != LayoutKind::Wide;
  const char* speeds[] = {narrow ? tr("Fastest") : tr("As fast as possible"), tr("1 step / frame"),
                          tr("10 steps / frame"), tr("100 steps / frame")};
  const int values[] = {0, 1, 10, 100};
  int current = 0;
  for (int k = 0; k < 4; ++k)
    if (values[k] == s.steps_per_frame) current = k;
  if (ImGui::Combo("##speed", &current, speeds, 4)) s.steps_per_frame = values[current];
  ui::remember_control("speed", tr("Speed"));
  ui::tooltip(tr("Speed: train as many steps as fit in each frame (about 10 ms of the 16 ms "
                 "frame), or a fixed number of steps per frame to watch slowly."));
}

// Step, steps/s, loss and metric: as many as fit on the row, leaving
// `reserve` pixels at its end.
void counters(Session& s, float reserve) {
  const Run& m = s.main();
  char text[4][64];
  int n = 0;
  std::snprintf(text[n++], 64, "%s %ld", tr("step"), s.step_count());
  std::snprintf(text[n++], 64, "%.0f %s", m.steps_per_second, tr("steps/s"));
  if (m.ok() && m.report.step > 0 && m.task) {
    std::snprintf(text[n++], 64, "%s %s", tr("loss"), ui::fmt(m.report.last.loss).c_str());
    std::snprintf(text[n++], 64, "%s %s", tr(m.task->info().metric_name.c_str()),
                  ui::fmt(m.report.last.metric).c_str());
  }
  // A narrow row drops steps/s first, then the metric. The space is
  // measured from the end of the previous item on this row.
  ImGui::SameLine(0, 14);
  const float avail = room() - reserve;
  const int order[4] = {0, 2, 3, 1};
  bool fits[4] = {false, false, false, false};
  float used = 0;
  for (int k : order) {
    if (k >= n) continue;
    const float w = ImGui::CalcTextSize(text[k]).x + (used > 0 ? 14.f : 0.f);
    if (used + w <= avail) {
      fits[k] = true;
      used += w;
    }
  }
  bool first = true;
  for (int k = 0; k < n; ++k) {
    if (!fits[k]) continue;
    if (!first) ImGui::SameLine(0, 14);
    first = false;
    if (k == 1) {
      ImGui::TextColored(ui::kMuted, "%s", text[k]);
      ui::tooltip(tr("Training steps per second of wall-clock time (what you get), measured over the last "
                     "quarter second."));
    } else {
      ImGui::TextUnformatted(text[k]);
    }
  }
  if (first) ImGui::NewLine();
}

constexpr const char* kTorchTip =
    "Download this experiment as one PyTorch script: the same model, task, loss, optimizer, clipping and "
    "truncation, and a training loop printing what unroll train prints (python3 unroll_run.py --help).";

void files_menu_items(Session& s) {
  if (ImGui::MenuItem(tr("Loss history (.csv)"))) download_file("csv");
  ImGui::BeginDisabled(!s.main().ok());
  if (ImGui::MenuItem(tr("Download weights (.json)"))) download_file("weights");
  if (ImGui::MenuItem(tr("Load weights from a file...")))
    platform::request_file("weights", ".json,application/json");
  ImGui::EndDisabled();
  ImGui::Separator();
  if (ImGui::MenuItem(tr("Open in PyTorch (.py)"))) download_file("torch");
  ui::tooltip(tr(kTorchTip));
}

// Wide: a CSV button and a weights menu; compact: one Files menu.
void file_buttons(Session& s, bool compact) {
  if (s.focus().hides("files")) return;
  if (compact) {
    if (button("files", tr("Files"))) ImGui::OpenPopup("files");
    ui::tooltip(tr("Download the loss history (CSV) or the weights (PyTorch's layout, JSON), or load weights."));
    if (ImGui::BeginPopup("files")) {
      files_menu_items(s);
      ImGui::EndPopup();
    }
    return;
  }
  if (button("csv", tr("Loss CSV"))) download_file("csv");
  ui::tooltip(tr("Download the loss, metric and gradient norms of every step (all runs) as CSV."));
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.main().ok());
  if (button("weights", tr("Weights"))) ImGui::OpenPopup("weights");
  ImGui::EndDisabled();
  ui::tooltip(tr("Download the weights (PyTorch's layout, JSON) or load them from a file."));
  if (ImGui::BeginPopup("weights")) {
    if (ImGui::MenuItem(tr("Download weights (.json)")))
      download_file("weights");
    if (ImGui::MenuItem(tr("Load weights from a file...")))
      platform::request_file("weights", ".json,application/json");
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (button("torch", "PyTorch")) download_file("torch");
  ui::tooltip(tr(kTorchTip));
}

// The right-hand group: language, link, files, on one line.
void sharing(Session& s, bool compact) {
  bool first = true;
  auto gap = [&](float w) {
    if (!first) ImGui::SameLine(0, w);
    first = false;
  };
  if (!s.focus().hides("lang")) {
    gap(14);
    for (const char* lang : {"en", "pt"}) {
      const bool on = language() == lang;
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      if (lang[1] == 't') ImGui::SameLine(0, 2);
      if (button(lang[0] == 'e' ? "lang_en" : "lang_pt", lang[0] == 'e' ? "EN" : "PT")) set_language(lang);
      if (on) ImGui::PopStyleColor();
      ui::tooltip(lang[0] == 'e' ? "English" : "Português (Brasil)");
    }
  }
  if (!s.focus().hides("link")) {
    gap(14);
    draw_link_button(s);
  }
  if (!s.focus().hides("files")) {
    gap(compact ? 8 : 6);
    file_buttons(s, compact);
  }
}

float sharing_width(Session& s, bool compact) {
  const ImGuiStyle& st = ImGui::GetStyle();
  auto w = [&](const char* t) { return ImGui::CalcTextSize(t).x + st.FramePadding.x * 2; };
  float total = 0;
  if (!s.focus().hides("lang")) total += w("EN") + w("PT") + 2 + 14;
  if (!s.focus().hides("link")) total += w(tr("Copy link")) + 14;
  if (!s.focus().hides("files"))
    total += compact ? w(tr("Files")) + 8 : w(tr("Loss CSV")) + w(tr("Weights")) + w("PyTorch") + 6 + 2 * st.ItemSpacing.x;
  return total;
}

// The last line: the message that matters most right now. One line; the
// whole text is in its tooltip (hover, or tap on a touch screen).
void message(const ImVec4& color, const std::string& text) {
  ImGui::AlignTextToFramePadding();
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  touch::pin_on_tap();
  ui::tooltip(text.c_str());
}

bool small_button(const char* id, const char* label, bool compact) {
  const std::string l = std::string(label) + "###" + id;
  const bool pressed = compact ? ImGui::Button(l.c_str()) : ImGui::SmallButton(l.c_str());
  ui::remember_control(id, label);
  return pressed;
}

void message_line(Session& s, bool compact) {
  const std::string diverged = s.diverged_message();
  if (!diverged.empty()) {
    message(ui::kError, std::string(tr("Training stopped.")) + " " + diverged);
  } else if (!s.setup_error().empty()) {
    // A budget refusal already says "This experiment needs ...".
    const bool says_it = s.setup_error().rfind("This experiment", 0) == 0;
    message(ui::kError, says_it ? s.setup_error() : std::string(tr("This experiment cannot start:")) + " " + s.setup_error());
  } else if (!s.errors().empty()) {
    std::string all = std::string(tr("Problems in this link:")) + " " + std::to_string(s.errors().size()) + ". " +
                      tr("The rest of it applies, defaults fill the gaps:");
    for (const auto& e : s.errors()) all += "  " + e.message;
    if (small_button("dismiss", tr("Dismiss"), compact)) s.dismiss_errors();
    ImGui::SameLine();
    message(ui::kWarn, all);
  } else if (s.needs_reset()) {
    message(ui::kWarn, tr("Some changes apply on Reset (R): they change the model, the task or the data."));
  } else if (!s.notice().empty()) {
    if (small_button("ok", "OK", compact)) s.clear_notice();
    ImGui::SameLine();
    message(ui::kGood, s.notice());
  } else if (touch::active()) {
    message(ui::kMuted, tr("Touch and hold any control to see what it does."));
  } else {
    message(ui::kMuted, tr("Space: play/pause   S: one step   R: reset   Hover any control for what it does."));
  }
}

}  // namespace

void draw_run_bar(Session& s) {
  const bool compact = current_layout() != LayoutKind::Wide;
  run_controls(s, compact);
  const float right = sharing_width(s, compact);
  const float right_x = ImGui::GetWindowContentRegionMax().x - right;
  if (!compact) {
    // One row: controls, speed, counters, and at the right the sharing group.
    if (!s.focus().hides("speed")) {
      ImGui::SameLine();
      speed_combo(s, 175);
    }
    counters(s, right + 20.f);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20.f, right_x));
    sharing(s, false);
  } else {
    // Two rows: controls and counters; speed, and the sharing group at the right.
    counters(s, 0.f);
    if (!s.focus().hides("speed")) {
      speed_combo(s, std::clamp(room() - right - 10.f, 90.f, 175.f));
      ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 8.f, right_x));
    } else {
      ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right_x));
    }
    sharing(s, true);
  }

  message_line(s, compact);
}

}  // namespace unroll::app
