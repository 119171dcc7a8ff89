// The ImGui playground, independent of the platform loop that hosts it.
// The platform (src/platform/main_*.cpp) owns the window, GL context and
// ImGui context; it calls init() once, then frame() between ImGui::NewFrame()
// and ImGui::Render() every frame.
#pragma once
#include <map>
#include <string>

#include "app/state/session.h"

namespace unroll::app {

// One-time setup after the ImGui context exists. `hash` is the page's
// address hash (the link), "" on the desktop; `engines` makes each run's
// engine (the page: Web Workers; otherwise on this thread); `parallel`:
// how many runs train at once unless the link says (workers=).
void init(const std::string& hash = "", engine::EngineFactory engines = engine::make_local_engine,
          int parallel = 1);

// Before each frame: chooses the layout for the window's width (CSS
// pixels) and returns the text scale (the presentation zoom). The platform
// lays ImGui out in CSS / scale pixels (DisplaySize / scale, framebuffer
// scale * scale) and rasterises the font at 15 * scale * devicePixelRatio.
float text_scale_for(float css_width);

// Emit this frame's widgets and train for this frame's time budget.
// Must not block: it runs on the browser's main thread.
void frame();

// The one playground state (the JS API drives it too).
Session& session();

// Offers a file download: "csv" (every run's history) or "weights" (the
// main run's weights as JSON). False if there is nothing to download.
bool download_file(const std::string& kind);

// A file the user picked (platform::request_file) or the page handed in.
void on_file(const std::string& purpose, const std::string& name, const std::string& data);
// The answer to platform::codec: the bytes, or an error ("" = none).
void on_codec(bool inflate, const std::string& bytes, const std::string& error);

// Frame time statistics over the last 240 frames (ms), for the API/bench:
// frame-to-frame interval (includes the browser's GL work) and the time
// spent in frame() itself (training inside its budget + building widgets).
struct FrameStats {
  double p50 = 0, p95 = 0, last = 0, app_p50 = 0, app_p95 = 0;
  std::map<std::string, double> panels;  // average draw time of each panel, ms
};
FrameStats frame_stats();

}  // namespace unroll::app
