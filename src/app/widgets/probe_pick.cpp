#include "app/widgets/probe_pick.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/state/i18n.h"
#include "app/widgets/ui.h"

namespace unroll::app {

int& probe_sequence() {
  static int chosen = 0;
  return chosen;
}

int probe_sequence_picker(int B) {
  int& k = probe_sequence();
  k = std::clamp(k, 0, std::max(0, B - 1));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("sequence"));
  ui::tooltip(tr("The model is run on 4 fixed probe sequences (the same ones at every step, "
                 "drawn from the seed), so you can watch how its answer to the same input "
                 "changes while it learns. This choice applies to 'Inside the cell' and 'Task view'."));
  for (int b = 0; b < B; ++b) {
    ImGui::SameLine(0, b == 0 ? 6.f : 2.f);
    const std::string label = std::to_string(b + 1);
    ImGui::PushID(b);
    if (ImGui::RadioButton(label.c_str(), k == b)) k = b;
    ImGui::PopID();
    char tip[96];
    std::snprintf(tip, sizeof tip, tr("Show probe sequence %d of %d."), b + 1, B);
    ui::tooltip(tip);
  }
  return k;
}

}  // namespace unroll::app
