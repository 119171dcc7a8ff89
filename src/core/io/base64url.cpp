#include "core/io/base64url.h"

namespace unroll {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  // 3 bytes -> 4 characters of 6 bits each.
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = unsigned(uint8_t(bytes[i])) << 16 | unsigned(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  const size_t rest = bytes.size() - i;  // 1 byte -> 2 characters, 2 -> 3
  if (rest) {
    unsigned v = unsigned(uint8_t(bytes[i])) << 16;
    if (rest == 2) v |= unsigned(uint8_t(bytes[i + 1])) << 8;
    for (size_t k = 0; k <= rest; ++k) out += kAlphabet[(v >> (18 - 6 * k)) & 63];
  }
  return out;
}

size_t base64url_bad_char(std::string_view text) {
  for (size_t k = 0; k < text.size(); ++k)
    if (value_of(text[k]) < 0) return k;
  return std::string_view::npos;
}

bool base64url_decode(std::string_view text, std::string* bytes, std::string* error) {
  const size_t bad = base64url_bad_char(text);
  if (bad != std::string_view::npos) {
    *error = "character " + std::to_string(bad + 1) + " is not base64url (A-Z, a-z, 0-9, - and _)";
    return false;
  }
  if (text.size() % 4 == 1) {
    *error = std::to_string(text.size()) + " characters cannot be whole bytes (cut short?)";
    return false;
  }
  bytes->clear();
  bytes->reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : text) {
    acc = (acc << 6) | unsigned(value_of(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes->push_back(char((acc >> bits) & 0xff));
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
    *error = "the last character has bits no byte uses (changed or cut short?)";
    return false;
  }
  return true;
}

}  // namespace unroll
