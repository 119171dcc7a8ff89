// libFuzzer entry for lesson check expressions (core/lessons/lesson_check):
// any text either parses into terms over known variables with finite
// numbers, or gives an error sentence.
#include <cctype>
#include <cmath>
#include <cstdint>
#include <vector>

#include "core/lessons/lesson_check.h"
#include "fuzz_common.h"

using namespace unroll;

namespace {

// -?(d+(.d*)?|.d+)([eE][+-]?d+)?
bool plain_decimal(const std::string& s) {
  size_t k = 0, digits = 0;
  if (k < s.size() && s[k] == '-') ++k;
  while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k, ++digits;
  if (k < s.size() && s[k] == '.') {
    ++k;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k, ++digits;
  }
  if (digits == 0) return false;
  if (k < s.size() && (s[k] == 'e' || s[k] == 'E')) {
    ++k;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    const size_t e = k;
    while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
    if (k == e) return false;
  }
  return k == s.size();
}

// The word after each comparison operator (the check's numbers).
std::vector<std::string> number_tokens(std::string_view s) {
  std::vector<std::string> out;
  size_t k = 0;
  while (k < s.size()) {
    if (std::string_view("<>=").find(s[k]) == std::string_view::npos) { ++k; continue; }
    while (k < s.size() && std::string_view("<>=!").find(s[k]) != std::string_view::npos) ++k;
    while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
    const size_t a = k;
    while (k < s.size() && !std::isspace(static_cast<unsigned char>(s[k])) &&
           std::string_view("<>=!").find(s[k]) == std::string_view::npos)
      ++k;
    out.emplace_back(s.substr(a, k - a));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  CheckExpr expr;
  std::string error;
  if (!parse_check(text, &expr, &error)) {
    fuzz::check_message("fuzz_check", error);
    return 0;
  }
  // Numbers are plain decimals, as the lessons write them: no '+', hex,
  // inf or nan (strtod would take all of them).
  for (const std::string& num : number_tokens(text))
    if (!plain_decimal(num)) fuzz::fail("fuzz_check", "accepted a number that is not a plain decimal", num);
  if (expr.empty()) fuzz::fail("fuzz_check", "accepted an empty check", std::string(text));
  for (const CheckTerm& t : expr.terms) {
    bool known = false;
    for (const CheckVariable& v : check_variables()) known = known || t.var == v.name;
    if (!known) fuzz::fail("fuzz_check", "unknown variable accepted", t.var);
    if (!std::isfinite(t.value)) fuzz::fail("fuzz_check", "non-finite number accepted", std::string(text));
  }
  return 0;
}
