// libFuzzer entry for the weights reader (core/io/weights_io): any bytes
// either load or give an error; a loaded model is written back and reads
// back bit for bit, in float and in double.
#include <cstdint>

#include "core/io/weights_io.h"
#include "fuzz_common.h"

using namespace unroll;

namespace {

template <class S>
void check(std::string_view text, const char* what) {
  std::string error;
  std::optional<RnnStack<S>> m = weights_from_text<S>(text, &error);
  if (!m) {
    fuzz::check_message("fuzz_weights", error);
    return;
  }
  const std::string out = weights_to_json(*m);
  std::optional<RnnStack<S>> back = weights_from_text<S>(out, &error);
  if (!back) fuzz::fail("fuzz_weights", "own output does not load", error);
  if (back->params().size() != m->params().size())
    fuzz::fail("fuzz_weights", "parameter count changed", what);
  for (size_t p = 0; p < m->params().size(); ++p) {
    const auto& a = m->params()[p];
    const auto& b = back->params()[p];
    if (a.name != b.name || a.value.rows() != b.value.rows() || a.value.cols() != b.value.cols())
      fuzz::fail("fuzz_weights", "a parameter's name or shape changed", a.name);
    for (Index j = 0; j < a.value.size(); ++j)
      if (!(a.value.data()[j] == b.value.data()[j]))
        fuzz::fail("fuzz_weights", "a value changed in the round trip", a.name);
  }
  if (weights_to_json(*back) != out) fuzz::fail("fuzz_weights", "writing is not stable", what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  check<float>(text, "float");
  check<double>(text, "double");
  return 0;
}
