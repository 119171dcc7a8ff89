// The run bar's link button: a tap copies the link (as before) and opens a
// small menu under it with the link itself, its QR code (students scan the
// teacher's projected screen) and the presentation zoom (bigger text and
// thicker lines for a projector; the link's zoom= key).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/state/i18n.h"
#include "app/widgets/qr_code.h"
#include "app/widgets/ui.h"

namespace unroll::app {

namespace {

constexpr float kZooms[] = {1.0f, 1.25f, 1.5f, 2.0f};

ImVec4& qr_rect() {
  static ImVec4 r;
  return r;
}

void zoom_buttons(Session& s) {
  ImGui::TextUnformatted(tr("Presentation zoom"));
  ui::tooltip(tr("Larger text and thicker lines for a projector. The link keeps it (zoom=)."));
  // The four buttons stay together: beside the label, or on the next row.
  const ImGuiStyle& st = ImGui::GetStyle();
  const float one = ImGui::CalcTextSize("200%").x + 2.f * st.FramePadding.x;
  bool first = true;
  for (float z : kZooms) {
    if (first) ui::same_line_if_fits(4.f * one + 3.f * st.ItemSpacing.x);
    else ImGui::SameLine();
    first = false;
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
  // Under the button, as wide as a QR code that scans from a projector and
  // no wider than the screen, and inside it (a phone).
  const float screen_w = ImGui::GetMainViewport()->Size.x;
  const float menu_w = std::min(screen_w - 16.f, std::max(ImGui::GetFontSize() * 24.f, 340.f));
  const float x = std::clamp(ImGui::GetItemRectMax().x - menu_w, 8.f, std::max(8.f, screen_w - menu_w - 8.f));
  ImGui::SetNextWindowPos(ImVec2(x, ImGui::GetItemRectMax().y + 4.f), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(menu_w, 0.f), ImGuiCond_Always);
  if (!ImGui::BeginPopup("link_menu")) {
    qr_rect() = ImVec4(0, 0, 0, 0);
    return;
  }
  const std::string link = platform::page_url(s.link());
  ui::text_wrapped_colored(ui::kMuted, "%s", link.c_str());
  // A page address only (the desktop app has none to scan). ~280 px or more
  // keeps the modules >= 4 px for a long link; less on a small phone.
  if (link.rfind("#", 0) != 0) {
    const float side = std::min(300.f, ImGui::GetContentRegionAvail().x);
    draw_qr_code(link, side);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    qr_rect() = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
  }
  ImGui::Separator();
  zoom_buttons(s);
  ImGui::EndPopup();
}

void write_link_menu_state(json::Writer& w) {
  w.begin_object();
  w.key("qr");  // where the QR code was drawn (CSS px), null when the menu is closed
  ui::write_rect(w, qr_rect());
  w.end_object();
}

}  // namespace unroll::app
