// Shared by the libFuzzer targets: a failed property aborts with a message
// (libFuzzer keeps the input that did it), and the checks every message
// shown to a user must pass.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace unroll::fuzz {

[[noreturn]] inline void fail(const char* target, const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s: %s\n", target, what, detail.substr(0, 2000).c_str());
  std::abort();
}

inline std::string_view bytes(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// No control characters and none of HTML's special characters: safe in a
// terminal, in the page's error box and in a log line. With `ascii` also
// printable ASCII only (what echoed user input is reduced to); without it
// the message's own text may hold well-formed UTF-8 ("Português").
inline bool display_safe(const std::string& s, bool ascii = true) {
  for (size_t k = 0; k < s.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(s[k]);
    if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&' || c == '"' || c == '`') return false;
    if (c < 0x80) continue;
    if (ascii) return false;
    // A well-formed 2-4 byte sequence (no overlong forms checked here:
    // the message text is the program's own).
    const int n = c >= 0xF5 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;
    if (n < 0 || k + size_t(n) >= s.size()) return false;
    for (int j = 1; j <= n; ++j)
      if ((static_cast<unsigned char>(s[k + size_t(j)]) & 0xC0) != 0x80) return false;
    k += size_t(n);
  }
  return true;
}

// Well-formed UTF-8 (no overlong forms or surrogates checked: the message
// text is the program's own; what matters is that echoed bytes are whole).
inline bool utf8_whole(const std::string& s) {
  for (size_t k = 0; k < s.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(s[k]);
    if (c < 0x80) continue;
    const int n = c >= 0xF5 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;
    if (n < 0 || k + size_t(n) >= s.size()) return false;
    for (int j = 1; j <= n; ++j)
      if ((static_cast<unsigned char>(s[k + size_t(j)]) & 0xC0) != 0x80) return false;
    k += size_t(n);
  }
  return true;
}

// A message shown to a user about a bad input: says something, stays short
// whatever the input's size (echoed parts are clipped), holds no control
// characters and no broken UTF-8 (an echoed part cut in the middle of one).
inline void check_message(const char* target, const std::string& m, size_t max_bytes = 600) {
  if (m.empty()) fail(target, "empty error message", "");
  if (m.size() > max_bytes) fail(target, "error message too long", std::to_string(m.size()) + " bytes: " + m);
  for (char ch : m)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) fail(target, "control character in message", m);
  if (!utf8_whole(m)) fail(target, "broken UTF-8 in message", m);
}

}  // namespace unroll::fuzz
