// Colour maps for heatmaps, as plain math (no ImGui, no GL) so they are
// unit-tested natively. shaders/colormap.frag implements the same tables;
// the CPU version draws colour bars and is the RGBA8 fallback path.
#pragma once
#include <cstdint>

namespace unroll::app {

enum class Colormap {
  Viridis,    // sequential, perceptually uniform, dark purple -> yellow
  Diverging,  // signed data: blue (negative) -> light grey (0) -> red (positive)
};

struct Rgb {
  float r, g, b;  // 0..1
};

// Colour at u in [0, 1] (clamped; NaN -> grey). Piecewise linear through
// 9 evenly spaced stops of the map.
Rgb colormap(Colormap map, float u);

// Packs as ImGui's ImU32 (A<<24 | B<<16 | G<<8 | R), alpha 255.
uint32_t colormap_u32(Colormap map, float u);

// Where value v falls in [lo, hi]: 0..1 (clamped). Log scale uses log10 and
// treats v <= 0 as the bottom of the range. NaN stays NaN (drawn grey).
float normalize_value(float v, float lo, float hi, bool log_scale);

// The stops themselves (9 x RGB), shared with the shader generator/tests.
const float* colormap_stops(Colormap map);
constexpr int kColormapStops = 9;

}  // namespace unroll::app
