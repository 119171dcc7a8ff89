// The string literals of a C++ source file, decoded as the compiler would
// (escapes \n \t \" \\ \xHH, raw strings R"d(...)d"), comments and character
// literals skipped: what the program can show, for tests that check texts.
#pragma once
#include <cctype>
#include <string>
#include <vector>

namespace unroll::test {

inline std::vector<std::string> string_literals(const std::string& src) {
  std::vector<std::string> out;
  const size_t n = src.size();
  auto word = [&](size_t i) { return i > 0 && (std::isalnum(static_cast<unsigned char>(src[i - 1])) || src[i - 1] == '_'); };
  for (size_t i = 0; i < n;) {
    const char c = src[i];
    if (c == '/' && i + 1 < n && src[i + 1] == '/') {
      i = src.find('\n', i);
      if (i == std::string::npos) break;
    } else if (c == '/' && i + 1 < n && src[i + 1] == '*') {
      i = src.find("*/", i + 2);
      if (i == std::string::npos) break;
      i += 2;
    } else if (c == '\'' && !word(i)) {  // a character literal (not a digit separator: 1'000)
      for (++i; i < n && src[i] != '\''; ++i)
        if (src[i] == '\\') ++i;
      ++i;
    } else if (c == 'R' && i + 1 < n && src[i + 1] == '"' && !word(i)) {
      const size_t open = src.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const size_t end = src.find(close, open + 1);
      if (end == std::string::npos) break;
      out.push_back(src.substr(open + 1, end - open - 1));
      i = end + close.size();
    } else if (c == '"') {
      std::string s;
      for (++i; i < n && src[i] != '"'; ++i) {
        if (src[i] != '\\' || i + 1 >= n) {
          s += src[i];
          continue;
        }
        const char e = src[++i];
        if (e == 'x') {
          size_t k = i + 1;
          while (k < n && k < i + 3 && std::isxdigit(static_cast<unsigned char>(src[k]))) ++k;
          s += static_cast<char>(std::stoi(src.substr(i + 1, k - i - 1), nullptr, 16));
          i = k - 1;
        } else {
          s += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
        }
      }
      ++i;
      out.push_back(s);
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace unroll::test
