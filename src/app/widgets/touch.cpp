#include "app/widgets/touch.h"

#include <imgui_internal.h>

#include <cfloat>
#include <cmath>

namespace unroll::app::touch {
namespace {

constexpr float kScrollSlop = 10.f;     // px a finger moves before it scrolls
constexpr float kHoldSeconds = 0.45f;   // touch and hold opens a tooltip
constexpr float kHoldSlop = 8.f;

struct State {
  bool touch = false;
  ImGuiWindow* scrolling = nullptr;  // the window a vertical drag scrolls
  bool pinned = false;
  ImVec2 pin_min, pin_max;            // the item whose tooltip is pinned
};

State& st() {
  static State s;
  return s;
}

bool same(const ImVec2& a, const ImVec2& b) { return std::fabs(a.x - b.x) < 0.5f && std::fabs(a.y - b.y) < 0.5f; }

ImGuiWindow* scrollable_under(ImGuiWindow* w) {
  while (w && w->ScrollMax.y <= 0.f) w = w->ParentWindow;
  return w;
}

void pin_last_item() {
  State& s = st();
  s.pinned = true;
  s.pin_min = ImGui::GetItemRectMin();
  s.pin_max = ImGui::GetItemRectMax();
}

}  // namespace

bool active() { return st().touch; }
void set_active(bool touch) { st().touch = touch; }

void begin_frame() {
  State& s = st();
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseClicked[0]) {
    s.pinned = false;  // a new touch closes the old tooltip
    s.scrolling = nullptr;
  }
}

void end_frame() {
  State& s = st();
  ImGuiContext& g = *GImGui;
  const ImGuiIO& io = g.IO;
  // Until the first pointer event, keep what set_active() said.
  if (io.MouseClicked[0] || ImGui::IsMousePosValid())
    s.touch = io.MouseSource == ImGuiMouseSource_TouchScreen;
  if (!s.touch) {
    s.scrolling = nullptr;
    return;
  }
  if (io.MouseDown[0] && !s.scrolling) {
    const ImVec2 d(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
    if (std::fabs(d.y) > kScrollSlop && std::fabs(d.y) > 1.5f * std::fabs(d.x)) {
      s.scrolling = scrollable_under(g.HoveredWindow);
      if (s.scrolling) {
        ImGui::ClearActiveID();  // the button or slider the drag began on lets go
        s.pinned = false;
      }
    }
  }
  if (s.scrolling && io.MouseDown[0]) ImGui::SetScrollY(s.scrolling, s.scrolling->Scroll.y - io.MouseDelta.y);
  if (io.MouseReleased[0]) {
    s.scrolling = nullptr;
    // No hover left behind where the finger was.
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  }
}

bool tooltip_pinned_to_last_item() {
  State& s = st();
  const ImGuiIO& io = ImGui::GetIO();
  if (!s.touch) return false;
  const bool held = io.MouseDown[0] && io.MouseDownDuration[0] > kHoldSeconds && !s.scrolling &&
                    io.MouseDragMaxDistanceSqr[0] < kHoldSlop * kHoldSlop;
  if (held && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                   ImGuiHoveredFlags_AllowWhenOverlapped)) {
    pin_last_item();
    ImGui::ClearActiveID();  // holding for help does not press the button
  }
  return s.pinned && same(s.pin_min, ImGui::GetItemRectMin()) && same(s.pin_max, ImGui::GetItemRectMax());
}

void pin_on_tap() {
  if (st().touch && ImGui::IsItemHovered() && ImGui::IsMouseReleased(0) &&
      ImGui::GetIO().MouseDragMaxDistanceSqr[0] < kHoldSlop * kHoldSlop)
    pin_last_item();
}

void place_tooltip_at_last_item() {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const bool below = b.y < vp->WorkPos.y + vp->WorkSize.y * 0.55f;
  ImGui::SetNextWindowPos(ImVec2(std::fmin(a.x, vp->WorkPos.x + vp->WorkSize.x * 0.35f), below ? b.y + 4 : a.y - 4),
                          ImGuiCond_Always, ImVec2(0, below ? 0 : 1));
}

}  // namespace unroll::app::touch
