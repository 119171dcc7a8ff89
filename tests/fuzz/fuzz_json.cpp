// libFuzzer entry for the JSON reader (core/io/json): any bytes either parse
// or give an error with a position inside the text; whatever parses is
// written back by the one writer, and that text parses to the same tree.
#include <cstdint>

#include "core/io/json.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  json::Value v;
  json::ParseError e;
  if (!json::parse(text, &v, &e)) {
    fuzz::check_message("fuzz_json", e.message);
    size_t lines = 1;
    for (char c : text) lines += c == '\n';
    if (e.line < 1 || e.line > lines || e.column < 1 || e.column > size + 1)
      fuzz::fail("fuzz_json", "error position outside the text", e.to_string());
    return 0;
  }
  json::Writer w;
  w.value(v);
  json::Value back;
  if (!json::parse(w.str(), &back, &e)) fuzz::fail("fuzz_json", "own output does not parse", e.to_string());
  json::Writer again;
  again.value(back);
  if (again.str() != w.str()) fuzz::fail("fuzz_json", "round trip changed the document", w.str());
  return 0;
}
