// Strict UTF-8 decoding for user text (RFC 3629).
//
// Accepted: the shortest encoding of every code point U+0000..U+10FFFF
// except the surrogates U+D800..U+DFFF. Everything else is an error whose
// message names the byte offset where the bad sequence starts.
#include <cstdio>

#include "core/tasks/tasks.h"

namespace unroll {
namespace {

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", c);
  return buf;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
  return buf;
}

bool fail(std::string* error, size_t offset, const std::string& what) {
  if (error)
    *error = "invalid UTF-8 at byte " + std::to_string(offset) + ": " + what;
  return false;
}

}  // namespace

bool decode_utf8(std::string_view s, std::vector<char32_t>* out,
                 std::string* error) {
  if (out) out->clear();
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char lead = static_cast<unsigned char>(s[i]);
    int len;
    char32_t cp;
    if (lead < 0x80) { len = 1; cp = lead; }
    else if (lead < 0xC0)
      return fail(error, i, "continuation byte " + hex_byte(lead) +
                                " without a lead byte");
    else if (lead < 0xE0) { len = 2; cp = lead & 0x1F; }
    else if (lead < 0xF0) { len = 3; cp = lead & 0x0F; }
    else if (lead < 0xF8) { len = 4; cp = lead & 0x07; }
    else
      return fail(error, i, "byte " + hex_byte(lead) + " never occurs in UTF-8");

    if (i + size_t(len) > s.size())
      return fail(error, i, "truncated sequence (lead byte " + hex_byte(lead) +
                                " needs " + std::to_string(len) + " bytes, " +
                                std::to_string(s.size() - i) + " left)");
    for (int k = 1; k < len; ++k) {
      const unsigned char c = static_cast<unsigned char>(s[i + size_t(k)]);
      if ((c & 0xC0) != 0x80)
        return fail(error, i, "truncated sequence (lead byte " + hex_byte(lead) +
                                  " needs " + std::to_string(len) +
                                  " bytes, byte " + std::to_string(i + size_t(k)) +
                                  " is " + hex_byte(c) + ")");
      cp = (cp << 6) | (c & 0x3F);
    }
    static const char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len])
      return fail(error, i, "overlong encoding of " + code_point_name(cp) +
                                " in " + std::to_string(len) + " bytes");
    if (cp >= 0xD800 && cp <= 0xDFFF)
      return fail(error, i, "encoded surrogate (U+D800..U+DFFF are not characters)");
    if (cp > 0x10FFFF)
      return fail(error, i, "code point above U+10FFFF");
    if (out) out->push_back(cp);
    i += size_t(len);
  }
  return true;
}

std::string encode_utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += char(cp);
  } else if (cp < 0x800) {
    s += char(0xC0 | (cp >> 6));
    s += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += char(0xE0 | (cp >> 12));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  } else {
    s += char(0xF0 | (cp >> 18));
    s += char(0x80 | ((cp >> 12) & 0x3F));
    s += char(0x80 | ((cp >> 6) & 0x3F));
    s += char(0x80 | (cp & 0x3F));
  }
  return s;
}

}  // namespace unroll
