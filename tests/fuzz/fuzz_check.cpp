// libFuzzer entry for lesson check expressions (core/lessons/lesson_check):
// any text either parses into terms over known variables with finite
// numbers, or gives an error sentence.
#include <cmath>
#include <cstdint>

#include "core/lessons/lesson_check.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  CheckExpr expr;
  std::string error;
  if (!parse_check(text, &expr, &error)) {
    if (error.empty()) fuzz::fail("fuzz_check", "empty error message", std::string(text));
    return 0;
  }
  if (expr.empty()) fuzz::fail("fuzz_check", "accepted an empty check", std::string(text));
  for (const CheckTerm& t : expr.terms) {
    bool known = false;
    for (const CheckVariable& v : check_variables()) known = known || t.var == v.name;
    if (!known) fuzz::fail("fuzz_check", "unknown variable accepted", t.var);
    if (!std::isfinite(t.value)) fuzz::fail("fuzz_check", "non-finite number accepted", std::string(text));
  }
  return 0;
}
