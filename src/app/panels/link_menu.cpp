// The run bar's link button: a tap copies the link (as before) and opens a
// small menu under it with the link itself and the presentation zoom (bigger
// text and thicker lines for a projector; the link's zoom= key).
#include <imgui.h>

#include <cmath>
#include <string>

#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/state/i18n.h"
#include "app/widgets/ui.h"

namespace unroll::app {

namespace {

constexpr float kZooms[] = {1.0f, 1.25f, 1.5f, 2.0f};

void zoom_buttons(Session& s) {
  ImGui::TextUnformatted(tr("Presentation zoom"));
  ui::tooltip(tr("Larger text and thicker lines for a projector. The link keeps it (zoom=)."));
  for (float z : kZooms) {
    ImGui::SameLine();
    const bool on = std::fabs(s.focus().scale() - z) < 1e-3f;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    char label[32], id[24];
    std::snprintf(label, sizeof label, "%.0f%%", double(z * 100));
    std::snprintf(id, sizeof id, "zoom_%.0f", double(z * 100));
    if (ImGui::Button((std::string(label) + "###" + id).c_str())) s.set_zoom(z);
    ui::remember_control(id, label);
    if (on) ImGui::PopStyleColor();
  }
}

}  // namespace

void draw_link_button(Session& s) {
  const std::string label = tr("Copy link");
  if (ImGui::Button((label + "###copylink").c_str())) {
    s.set_notice(platform::copy_text(platform::page_url(s.link())) ? tr("Link copied: it opens exactly this experiment.")
                                               : tr("Copy the link from the address bar."));
    ImGui::OpenPopup("link_menu");
  }
  ui::remember_control("copylink", label);
  ui::tooltip(tr("Copy a link that opens exactly this experiment (same seed, same numbers)."));
  if (!ImGui::BeginPopup("link_menu")) return;
  const std::string link = platform::page_url(s.link());
  const float w = std::min(ImGui::GetFontSize() * 26.f, ImGui::GetMainViewport()->Size.x - 40.f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ImGui::TextColored(ui::kMuted, "%s", link.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  zoom_buttons(s);
  ImGui::EndPopup();
}

}  // namespace unroll::app
