// The run bar's link button: a tap copies the link (as before) and opens a
// small menu under it with the link itself, its QR code (students scan the
// teacher's projected screen) and the presentation zoom (bigger text and
// thicker lines for a projector; the link's zoom= key).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/panels/app.h"
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

// "Copy link with weights": the trained model in the link (w=), made by the
// session and the page's compression over a few frames.
void weights_item(Session& s) {
  using S = Session::Share::State;
  const Session::Share& sh = s.share();
  const std::string label = tr("Copy link with weights");
  if (ImGui::Button((label + "###copylinkweights").c_str())) s.share_link(0, /*copy=*/true);
  ui::remember_control("copylinkweights", label);
  ui::tooltip(tr("A link that opens this model as trained now: its weights at 16 or 8 bits per weight, "
                 "compressed into the link (up to 64 KB of link). Larger models: download the weights file."));
  const float w = std::min(ImGui::GetFontSize() * 26.f, ImGui::GetMainViewport()->Size.x - 40.f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  if (sh.state == S::Encoding || sh.state == S::Compressing) ImGui::TextColored(ui::kMuted, "%s", tr("Making the link..."));
  if (sh.state == S::Done)
    ImGui::TextColored(ui::kMuted, "%s %zu, %d %s, %s %ld.", tr("Characters of weights:"), sh.chars, sh.tried,
                       tr("bits per weight"), tr("step"), sh.at_step);
  if (sh.state == S::Failed) ImGui::TextWrapped("%s", sh.message.c_str());
  ImGui::PopTextWrapPos();
  if (sh.state == S::Failed && sh.too_large && ImGui::Button(tr("Download weights (.json)"))) download_file("weights");
}

}  // namespace

// The menu's link once made: copied, and the notice says how it went.
void copy_shared_link(Session& s) {
  using S = Session::Share::State;
  Session::Share& sh = s.share();
  if (!sh.copy || (sh.state != S::Done && sh.state != S::Failed)) return;
  sh.copy = false;
  if (sh.state == S::Failed) s.set_notice(sh.message);
  else if (platform::copy_text(platform::page_url(sh.hash)))
    s.set_notice(tr("Link with weights copied: it opens this model as trained now."));
  else s.set_notice(tr("The browser did not let the page copy the link with weights; try again."));
}

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
  // A link with weights (w=) runs to tens of thousands of characters: show its start.
  const std::string shown = link.size() > 240
                                ? link.substr(0, 200) + "... (" + std::to_string(link.size()) + " " + tr("characters") + ")"
                                : link;
  ui::text_wrapped_colored(ui::kMuted, "%s", shown.c_str());
  // A page address only (the desktop app has none to scan). ~280 px or more
  // keeps the modules >= 4 px for a long link; less on a small phone.
  if (link.rfind("#", 0) != 0) {
    const float side = std::min(300.f, ImGui::GetContentRegionAvail().x);
    draw_qr_code(link, side);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    qr_rect() = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
  }
  ImGui::Separator();
  weights_item(s);
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
