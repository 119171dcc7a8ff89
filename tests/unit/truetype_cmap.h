// The code points a TrueType font maps to a glyph: its (3,1) or (0,x)
// format-4 cmap subtable, the Basic Multilingual Plane (all the UI uses).
// For tests; the app itself hands the file to ImGui (stb_truetype).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace unroll::test {

inline std::vector<char32_t> truetype_cmap(const std::string& ttf) {
  auto u16 = [&](size_t at) -> uint32_t {
    return at + 2 <= ttf.size() ? (uint32_t(uint8_t(ttf[at])) << 8) | uint8_t(ttf[at + 1]) : 0;
  };
  auto u32 = [&](size_t at) -> uint32_t { return (u16(at) << 16) | u16(at + 2); };
  std::vector<char32_t> out;
  size_t cmap = 0;
  for (uint32_t t = 0, tables = u16(4); t < tables; ++t)
    if (ttf.compare(12 + 16 * t, 4, "cmap") == 0) cmap = u32(12 + 16 * t + 8);
  if (cmap == 0) return out;
  size_t sub = 0;
  for (uint32_t k = 0, count = u16(cmap + 2); k < count; ++k) {
    const size_t rec = cmap + 4 + 8 * k;
    const uint32_t platform = u16(rec), encoding = u16(rec + 2);
    const size_t at = cmap + u32(rec + 4);
    if (u16(at) == 4 && (platform == 0 || (platform == 3 && encoding == 1))) sub = at;
  }
  if (sub == 0) return out;
  const uint32_t segs = u16(sub + 6) / 2;
  const size_t ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, offsets = deltas + 2 * segs;
  for (uint32_t s = 0; s < segs; ++s) {
    const uint32_t end = u16(ends + 2 * s), start = u16(starts + 2 * s), delta = u16(deltas + 2 * s);
    const uint32_t range_offset = u16(offsets + 2 * s);
    for (uint32_t cp = start; cp <= end && cp != 0xFFFF; ++cp) {
      uint32_t glyph;
      if (range_offset == 0) {
        glyph = (cp + delta) & 0xFFFF;
      } else {
        const uint32_t g = u16(offsets + 2 * s + range_offset + 2 * (cp - start));
        glyph = g == 0 ? 0 : (g + delta) & 0xFFFF;
      }
      if (glyph != 0) out.push_back(cp);
    }
  }
  return out;
}

}  // namespace unroll::test
