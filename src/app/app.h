// The ImGui playground, independent of the platform loop that hosts it.
// The platform (src/platform/main_*.cpp) owns the window, GL context and
// ImGui context; it calls init() once, then frame() between ImGui::NewFrame()
// and ImGui::Render() every frame.
#pragma once

namespace unroll::app {

// One-time setup after the ImGui context exists (fonts are the platform's job).
void init();

// Emit this frame's widgets. Must not block: it runs on the browser's main thread.
void frame();

}  // namespace unroll::app
