// Splits text at every `sep`: "a,,b" -> {"a", "", "b"}, "" -> {""}. Empty
// fields are kept so callers can name them (links, focus keys, the glossary).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace unroll {

inline std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a <= s.size()) {
    size_t b = s.find(sep, a);
    if (b == std::string_view::npos) b = s.size();
    out.emplace_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

}  // namespace unroll
