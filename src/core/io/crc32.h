// CRC-32 (IEEE 802.3, the one zlib and PNG use): the checksum of a weights
// link, so a changed or cut-short link is refused instead of loaded.
#pragma once
#include <cstdint>
#include <string_view>

namespace unroll {

uint32_t crc32(std::string_view bytes);

}  // namespace unroll
