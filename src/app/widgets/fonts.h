// The UI font: DejaVu Sans (Debian's fonts-dejavu-core, subset into the
// site at build time to glyph_ranges.txt) so that Portuguese text (ç ã é ô) and symbols such as
// ρ, →, ≤ render; ImGui's built-in font only has ASCII.
#pragma once
#include <string>

namespace unroll::app {

constexpr float kFontSize = 15.0f;  // CSS pixels

// Rebuilds the font atlas for a device pixel ratio: glyphs are rasterised
// at kFontSize * ratio and drawn at 1/ratio, so text is crisp on HiDPI.
// `ttf` empty: ImGui's built-in font (until the TTF has arrived).
void build_fonts(float pixel_ratio, const std::string& ttf);

}  // namespace unroll::app
