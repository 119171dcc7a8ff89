// Placeholder playground: one window, proving the web/desktop pipeline links
// ImGui, SDL2 and unroll_core end to end. To be replaced by the real panels.
#include "app/app.h"

#include <imgui.h>

#include "core/rng.h"

namespace unroll::app {
namespace {

struct State {
  Rng rng{2024};
  double last_draw = 0.0;
  int draws = 0;
};

State& state() {
  static State s;
  return s;
}

}  // namespace

void init() { state().last_draw = state().rng.uniform(); }

void frame() {
  State& s = state();
  ImGui::SetNextWindowPos(ImVec2(24, 24), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(360, 0), ImGuiCond_FirstUseEver);
  ImGui::Begin("Unroll");
  ImGui::TextUnformatted("Recurrent networks, unrolled in your browser.");
  ImGui::Text("unroll::Rng says %.6f (draw %d)", s.last_draw, s.draws);
  if (ImGui::Button("Draw again")) {
    s.last_draw = s.rng.uniform();
    ++s.draws;
  }
  ImGui::End();
}

}  // namespace unroll::app
