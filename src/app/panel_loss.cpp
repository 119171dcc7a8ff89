// Placeholder: replaced by the real panel.
#include <imgui.h>

#include "panels.h"

namespace unroll::app {

void draw_loss_panel(Session&) { ImGui::TextDisabled("(coming soon)"); }

}  // namespace unroll::app
