#include "app/widgets/fonts.h"

#include <imgui.h>

#include <cstring>

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
    // Latin-1, Greek (rho, lambda, sigma), superscript T, punctuation, sub- and
    // superscripts (h_t, 10^-3), arrows, math, check marks.
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x1D40, 0x1D40, 0x2010, 0x209F,
                                      0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};
    // The atlas owns (and frees) its copy of the font data.
    void* data = IM_ALLOC(ttf.size());
    std::memcpy(data, ttf.data(), ttf.size());
    io.Fonts->AddFontFromMemoryTTF(data, int(ttf.size()), kFontSize * pixel_ratio, &config, kRanges);
  }
  io.FontGlobalScale = 1.0f / pixel_ratio;
}

}  // namespace unroll::app
