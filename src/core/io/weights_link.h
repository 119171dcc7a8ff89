// A trained model small enough to travel in a page link (the w= key):
// each parameter tensor quantised to 16 or 8 bits with its own scale,
// behind a header that names every tensor's shape and a CRC-32. The page
// compresses these bytes (CompressionStream 'deflate-raw', web/link_codec.js)
// and writes them base64url (io/base64url.h); this file is the UI-free rest.
//
// Bytes, little-endian:
//   "UWL" 1                      magic and format version
//   u32 step                     steps the weights were trained for
//   u16 n                        tensors, in the model's params() order
//   n x {u8 bits, u32 rows, u32 cols, f32 scale}
//   n x rows*cols values         int8 or int16, row-major; value = q * scale
//   u32 crc32                    of every byte before it
//
// Quantisation is symmetric per tensor: scale = max|w| / (2^(bits-1) - 1),
// q = round(w / scale), so each weight moves by at most scale / 2.
#pragma once
#include <string>
#include <string_view>

#include "core/tensor/param_list.h"

namespace unroll {

struct WeightsLinkLimits {
  // The documented size: a w= value of at most this many base64url
  // characters (48 KiB of compressed bytes); bigger models share the file.
  static constexpr size_t kMaxChars = 65536;
  // What a link may decompress to (a bound on what a hostile one allocates).
  static constexpr size_t kMaxBytes = size_t(16) << 20;
};

// The bytes for params (values only) at `bits` = 8 or 16 for every tensor.
std::string encode_weights_link(const ParamList<float>& params, long step, int bits);

// Reads bytes written by encode_weights_link against the model's own
// parameters `like`: the checksum, then every tensor's shape. On success
// *out holds like's names with the dequantised values and *step the step;
// otherwise false and *error says what was wrong (cut short, changed,
// another format, or which tensor has which shape against the model's).
struct WeightsLinkInfo {
  long step = 0;
  int bits = 0;        // of the first tensor (all the same when the page wrote it)
  size_t bytes = 0;    // the uncompressed size
};
bool decode_weights_link(std::string_view bytes, const ParamList<float>& like, ParamList<float>* out,
                         WeightsLinkInfo* info, std::string* error);

}  // namespace unroll
