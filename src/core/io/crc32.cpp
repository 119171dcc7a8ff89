#include "core/io/crc32.h"

#include <array>

namespace unroll {

uint32_t crc32(std::string_view bytes) {
  // The reflected polynomial 0xEDB88320, one table entry per byte value.
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (char b : bytes) c = table[(c ^ uint8_t(b)) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

}  // namespace unroll
