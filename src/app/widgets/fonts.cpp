#include "app/widgets/fonts.h"

#include <imgui.h>

#include <cstring>

#include "app/glyph_ranges.h"  // generated from glyph_ranges.txt (cmake/glyph_ranges.cmake)

namespace unroll::app {

void build_fonts(float pixel_ratio, const std::string& ttf) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  if (ttf.empty()) {
    config.SizePixels = 13.0f * pixel_ratio;
    io.Fonts->AddFontDefault(&config);
  } else {
    // The same ranges the site's font subset keeps (glyph_ranges.txt).
    // (Compiles only while ImWchar is 16 bits, ImGui's default.)
    const ImWchar* ranges = kGlyphRanges;
    // The atlas owns (and frees) its copy of the font data.
    void* data = IM_ALLOC(ttf.size());
    std::memcpy(data, ttf.data(), ttf.size());
    io.Fonts->AddFontFromMemoryTTF(data, int(ttf.size()), kFontSize * pixel_ratio, &config, ranges);
  }
  io.FontGlobalScale = 1.0f / pixel_ratio;
}

}  // namespace unroll::app
