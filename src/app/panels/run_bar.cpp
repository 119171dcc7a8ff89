// The run bar: play/pause (Space), step (S), reset (R), speed, counters,
// the link, files, and the messages that need the user's attention.
#include <imgui.h>

#include <string>

#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/panels/app.h"
#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/widgets/ui.h"

namespace unroll::app {

void draw_run_bar(Session& s) {
  const bool can_run = s.main().ok() && !s.main().report.diverged();
  ImGui::BeginDisabled(!can_run);
  if (ImGui::Button((std::string(s.running() ? tr("Pause") : tr("Play")) + "###run").c_str(), ImVec2(70, 0)))
    s.running() ? s.pause() : s.play();
  ui::tooltip(tr("Start or stop training (Space)."));
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Step")) + "###step").c_str())) s.step(1);
  ui::tooltip(tr("Train one step on one batch (S)."));
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Reset")) + (s.needs_reset() ? " *" : "") + "###reset").c_str())) s.reset();
  ui::tooltip(tr("New weights from the seed and apply pending changes (R). "
                 "A * means some changes wait for a reset."));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(175);
  const char* speeds[] = {tr("As fast as possible"), tr("1 step / frame"), tr("10 steps / frame"),
                          tr("100 steps / frame")};
  const int values[] = {0, 1, 10, 100};
  int current = 0;
  for (int k = 0; k < 4; ++k)
    if (values[k] == s.steps_per_frame) current = k;
  if (ImGui::Combo("##speed", &current, speeds, 4)) s.steps_per_frame = values[current];
  ui::tooltip(tr("Speed: train as many steps as fit in each frame (about 10 ms of the 16 ms "
                 "frame), or a fixed number of steps per frame to watch slowly."));

  ImGui::SameLine(0, 18);
  const Run& m = s.main();
  ImGui::Text("%s %ld", tr("step"), s.step_count());
  ImGui::SameLine(0, 14);
  ImGui::TextColored(ui::kMuted, "%.0f %s", m.steps_per_second, tr("steps/s"));
  ui::tooltip(tr("Training steps per second of wall-clock time (what you get), measured over the last "
                 "quarter second."));
  if (m.ok() && m.report.step > 0 && m.task) {
    ImGui::SameLine(0, 14);
    ImGui::Text("%s %s", tr("loss"), ui::fmt(m.report.last.loss).c_str());
    ImGui::SameLine(0, 14);
    ImGui::Text("%s %s", tr(m.task->info().metric_name.c_str()), ui::fmt(m.report.last.metric).c_str());
  }

  // Right side: link and files.
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20.f, right - 420.f));
  // Language switch: EN | PT (the whole UI and the lessons follow it).
  for (const char* lang : {"en", "pt"}) {
    const bool on = language() == lang;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(lang[0] == 'e' ? "EN###lang_en" : "PT###lang_pt")) set_language(lang);
    if (on) ImGui::PopStyleColor();
    ui::tooltip(lang[0] == 'e' ? "English" : "Português (Brasil)");
    ImGui::SameLine(0, 2);
  }
  ImGui::SameLine(0, 14);
  if (ImGui::Button((std::string(tr("Copy link")) + "###copylink").c_str())) {
    s.set_notice(platform::copy_text(s.link()) ? tr("Link copied: it opens exactly this experiment.")
                                                   : tr("Copy the link from the address bar."));
  }
  ui::tooltip(tr("Copy a link that opens exactly this experiment (same seed, same numbers)."));
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Loss CSV")) + "###csv").c_str()))
    download_file("csv");
  ui::tooltip(tr("Download the loss, metric and gradient norms of every step (all runs) as CSV."));
  ImGui::SameLine();
  ImGui::BeginDisabled(!m.ok());
  if (ImGui::Button((std::string(tr("Weights")) + "###weights").c_str())) ImGui::OpenPopup("weights");
  ImGui::EndDisabled();
  ui::tooltip(tr("Download the weights (PyTorch's layout, JSON) or load them from a file."));
  if (ImGui::BeginPopup("weights")) {
    if (ImGui::MenuItem(tr("Download weights (.json)")))
      download_file("weights");
    if (ImGui::MenuItem(tr("Load weights from a file...")))
      platform::request_file("weights", ".json,application/json");
    ImGui::EndPopup();
  }

  // Second line: the message that matters most right now.
  const std::string diverged = s.diverged_message();
  if (!diverged.empty()) {
    ui::error_text(std::string(tr("Training stopped.")) + " " + diverged);
  } else if (!s.setup_error().empty()) {
    // A budget refusal already says "This experiment needs ...".
    const bool says_it = s.setup_error().rfind("This experiment", 0) == 0;
    ui::error_text(says_it ? s.setup_error() : std::string(tr("This experiment cannot start:")) + " " + s.setup_error());
  } else if (!s.errors().empty()) {
    std::string all = std::string(tr("Problems in this link:")) + " " + std::to_string(s.errors().size()) + ". " +
                      tr("The rest of it applies, defaults fill the gaps:");
    for (const auto& e : s.errors()) all += "  " + e.message;
    if (ImGui::SmallButton((std::string(tr("Dismiss")) + "###dismiss").c_str())) s.dismiss_errors();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kWarn);
    ImGui::TextUnformatted(all.c_str());  // one line; the full text is in the tooltip
    ImGui::PopStyleColor();
    ui::tooltip(all.c_str());
  } else if (s.needs_reset()) {
    ui::warning_text(tr("Some changes apply on Reset (R): they change the model, the task or the data."));
  } else if (!s.notice().empty()) {
    ImGui::TextColored(ui::kGood, "%s", s.notice().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("OK###ok")) s.clear_notice();
  } else {
    ImGui::TextColored(ui::kMuted, "%s", tr("Space: play/pause   S: one step   R: reset   Hover any control for what it does."));
  }
}

}  // namespace unroll::app
