#include "app/widgets/colormap.h"

#include <algorithm>
#include <cmath>

namespace unroll::app {
namespace {

// Viridis (matplotlib, public domain) sampled at 9 evenly spaced points.
const float kViridis[kColormapStops * 3] = {
    0.267f, 0.005f, 0.329f,  0.283f, 0.141f, 0.458f,  0.254f, 0.265f, 0.530f,
    0.207f, 0.372f, 0.553f,  0.164f, 0.471f, 0.558f,  0.128f, 0.567f, 0.551f,
    0.135f, 0.659f, 0.518f,  0.478f, 0.821f, 0.318f,  0.993f, 0.906f, 0.144f,
};
// Blue -> light grey -> red, symmetric so 0.5 is the neutral middle.
const float kDiverging[kColormapStops * 3] = {
    0.130f, 0.290f, 0.700f,  0.250f, 0.450f, 0.820f,  0.480f, 0.640f, 0.900f,
    0.720f, 0.800f, 0.920f,  0.870f, 0.870f, 0.870f,  0.930f, 0.760f, 0.680f,
    0.920f, 0.560f, 0.440f,  0.840f, 0.320f, 0.250f,  0.680f, 0.100f, 0.120f,
};

}  // namespace

const float* colormap_stops(Colormap map) { return map == Colormap::Diverging ? kDiverging : kViridis; }

Rgb colormap(Colormap map, float u) {
  if (std::isnan(u)) return {0.5f, 0.5f, 0.5f};
  const float* s = colormap_stops(map);
  const float x = std::clamp(u, 0.f, 1.f) * float(kColormapStops - 1);
  const int i = std::min(int(x), kColormapStops - 2);
  const float f = x - float(i);
  const float* a = s + 3 * i;
  const float* b = a + 3;
  return {a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f};
}

uint32_t colormap_u32(Colormap map, float u) {
  const Rgb c = colormap(map, u);
  auto byte = [](float v) { return uint32_t(std::lround(std::clamp(v, 0.f, 1.f) * 255.f)); };
  return 0xff000000u | (byte(c.b) << 16) | (byte(c.g) << 8) | byte(c.r);
}

float normalize_value(float v, float lo, float hi, bool log_scale) {
  if (std::isnan(v)) return v;
  if (log_scale) {
    // Non-positive values and bounds sit at the bottom of a log axis.
    const float tiny = 1e-30f;
    lo = std::log10(std::max(lo, tiny));
    hi = std::log10(std::max(hi, tiny));
    v = v > 0 ? std::log10(v) : lo;
  }
  if (!(hi > lo)) return 0.5f;  // flat data: middle colour
  if (std::isinf(v)) return v > 0 ? 1.f : 0.f;
  return std::clamp((v - lo) / (hi - lo), 0.f, 1.f);
}

}  // namespace unroll::app
