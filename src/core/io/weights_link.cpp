#include "core/io/weights_link.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/io/crc32.h"
#include "core/io/param_dict.h"

namespace unroll {
namespace {

constexpr char kMagic[4] = {'U', 'W', 'L', 1};
constexpr size_t kHead = 4 + 4 + 2, kPerTensor = 1 + 4 + 4 + 4, kTail = 4;

void put(std::string& s, uint64_t v, int n) {
  for (int k = 0; k < n; ++k) s.push_back(char((v >> (8 * k)) & 0xff));
}
uint64_t get(std::string_view s, size_t at, int n) {
  uint64_t v = 0;
  for (int k = 0; k < n; ++k) v |= uint64_t(uint8_t(s[at + size_t(k)])) << (8 * k);
  return v;
}
uint32_t float_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
float bits_float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
constexpr long kMaxStep = 0x7fffffff;  // a long in wasm32 too
int qmax(int bits) { return (1 << (bits - 1)) - 1; }  // 127 or 32767: symmetric, -qmax..qmax

}  // namespace

std::string encode_weights_link(const ParamList<float>& params, long step, int bits) {
  std::string s(kMagic, 4);
  put(s, uint64_t(std::clamp<long>(step, 0, kMaxStep)), 4);
  put(s, params.size(), 2);
  std::vector<float> scales;
  for (const Param<float>& p : params) {
    const float m = p.value.size() ? p.value.cwiseAbs().maxCoeff() : 0.0f;
    scales.push_back(m / float(qmax(bits)));
    put(s, uint64_t(bits), 1);
    put(s, uint64_t(p.value.rows()), 4);
    put(s, uint64_t(p.value.cols()), 4);
    put(s, float_bits(scales.back()), 4);
  }
  for (size_t k = 0; k < params.size(); ++k) {
    const Mat<float>& w = params[k].value;  // rows x cols, written row-major
    const float scale = scales[k];
    for (Index r = 0; r < w.rows(); ++r)
      for (Index c = 0; c < w.cols(); ++c) {
        const long q = scale > 0 ? std::lround(w(r, c) / scale) : 0;
        put(s, uint64_t(std::clamp<long>(q, -qmax(bits), qmax(bits))), bits / 8);
      }
  }
  put(s, crc32(s), 4);
  return s;
}

bool decode_weights_link(std::string_view s, const ParamList<float>& like, ParamList<float>* out,
                         WeightsLinkInfo* info, std::string* error) {
  const std::string size = std::to_string(s.size()) + " bytes";
  if (s.size() < 4 || std::memcmp(s.data(), kMagic, 3) != 0) {
    *error = "these are not Unroll weights (they do not start with \"UWL\")";
    return false;
  }
  if (uint8_t(s[3]) != 1) {
    *error = "the weights are in format version " + std::to_string(int(uint8_t(s[3]))) +
             "; this page reads version 1";
    return false;
  }
  if (s.size() < kHead + kTail) {
    *error = "the weights are cut short: " + size + ", less than a header";
    return false;
  }
  const size_t n = size_t(get(s, 8, 2));
  // 64 bits: size_t is 32 in wasm, and a header's sizes must not wrap around.
  uint64_t want = kHead + n * kPerTensor + kTail;
  if (s.size() >= kHead + n * kPerTensor)
    for (size_t k = 0; k < n; ++k) {
      const size_t at = kHead + k * kPerTensor;
      const uint64_t bits = get(s, at, 1), rows = get(s, at + 1, 4), cols = get(s, at + 5, 4);
      want += std::min<uint64_t>(rows * cols * (bits / 8), uint64_t(1) << 40);
    }
  if (uint64_t(s.size()) != want) {
    *error = "the weights are " + size + " but their header describes " + std::to_string(want) +
             (s.size() < want ? " (the link was cut short)" : " (the link was changed)");
    return false;
  }
  const uint32_t stored = uint32_t(get(s, s.size() - 4, 4));
  if (crc32(s.substr(0, s.size() - 4)) != stored) {
    *error = "the weights' checksum does not match: the link was changed after it was made";
    return false;
  }
  if (n != like.size()) {
    *error = "the link has weights for " + std::to_string(n) + " tensors, but this model has " +
             std::to_string(like.size()) + " (it was made for another model)";
    return false;
  }
  ParamList<float> got = like;
  size_t at = kHead + n * kPerTensor;
  for (size_t k = 0; k < n; ++k) {
    const size_t h = kHead + k * kPerTensor;
    const int bits = int(get(s, h, 1));
    const Index rows = Index(get(s, h + 1, 4)), cols = Index(get(s, h + 5, 4));
    const float scale = bits_float(uint32_t(get(s, h + 9, 4)));
    Mat<float>& w = got[k].value;
    if (rows != w.rows() || cols != w.cols()) {
      *error = "tensor " + std::to_string(k + 1) + " (" + like[k].name + ") is " + param_shape_text(rows, cols) +
               " in the link, but " + param_shape_text(w.rows(), w.cols()) +
               " in this model (the link was made for another model)";
      return false;
    }
    if ((bits != 8 && bits != 16) || !std::isfinite(scale) || scale < 0) {
      *error = "tensor " + std::to_string(k + 1) + " (" + like[k].name + ") has " + std::to_string(bits) +
               " bits and scale " + std::to_string(scale) + "; allowed 8 or 16 bits and a finite scale >= 0";
      return false;
    }
    if (k == 0) info->bits = bits;
    if (at + size_t(rows * cols * (bits / 8)) > s.size() - kTail) {  // cannot happen after the length check
      *error = "the weights are cut short";
      return false;
    }
    for (Index r = 0; r < rows; ++r)
      for (Index c = 0; c < cols; ++c) {
        uint64_t u = get(s, at, bits / 8);
        at += size_t(bits / 8);
        // Two's complement of `bits` bits back to a signed value.
        const int64_t q = int64_t(u) - ((u >> (bits - 1)) ? (int64_t(1) << bits) : 0);
        w(r, c) = float(q) * scale;
      }
  }
  if (get(s, 4, 4) > uint64_t(kMaxStep)) {
    *error = "the weights' step is " + std::to_string(get(s, 4, 4)) + ", more than a run can have";
    return false;
  }
  info->step = long(get(s, 4, 4));
  info->bytes = s.size();
  *out = std::move(got);
  return true;
}

}  // namespace unroll
