// Touch screens: ImGui sees a finger as a mouse (SDL turns touches into
// mouse events and the backend marks them io.MouseSource = TouchScreen).
// What a finger needs beyond that, applied once per frame:
//   - a vertical drag scrolls the window under it, even when it started on a
//     button or a slider (the item is let go, as native lists do);
//     horizontal drags stay with the item (sliders, plot panning);
//   - after a finger lifts, nothing stays hovered (no tooltip on every tap);
//   - a tooltip opens by touching and holding an item (or tapping a (?)),
//     and stays until the next touch (ui::tooltip asks touch_tooltip()).
#pragma once
#include <imgui.h>

namespace unroll::app::touch {

// True once the last pointer event came from a touch screen.
bool active();
// Before any pointer event: what the device's main pointer is (a phone: touch).
void set_active(bool touch);
// Call before the frame's windows are submitted.
void begin_frame();
// Call after the frame's windows were submitted (before ImGui::Render).
void end_frame();
// For ui::tooltip on the last item: whether its tooltip shows, and where.
bool tooltip_pinned_to_last_item();
// Where a pinned tooltip goes: under the item, or above it in the lower half.
void place_tooltip_at_last_item();
// A tap on the last item pins its tooltip ((?) markers).
void pin_on_tap();

}  // namespace unroll::app::touch
