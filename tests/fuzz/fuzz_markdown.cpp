// libFuzzer entry for the markdown subset of lesson text
// (core/lessons/markdown): any text gives blocks of non-empty spans that
// hold no more characters than the text (markers removed, line joins added).
#include <cstdint>

#include "core/lessons/markdown.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  size_t lines = 1;
  for (char c : text) lines += c == '\n';
  size_t chars = 0;
  for (const MdBlock& b : parse_markdown(text))
    for (const MdSpan& s : b.spans) {
      if (s.text.empty()) fuzz::fail("fuzz_markdown", "empty span", std::string(text));
      chars += s.text.size();
    }
  if (chars > size + lines) fuzz::fail("fuzz_markdown", "spans hold more than the text", std::string(text));
  return 0;
}
