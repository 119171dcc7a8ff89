// libFuzzer entry for the config parser: arbitrary bytes must never crash,
// every message must be safe to display, and whatever configuration
// survives parsing must come back unchanged through its own link.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/config/config.h"

namespace {

// Printable ASCII without HTML's special characters (see display_safe).
bool safe_to_display(const std::string& s) {
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '&' || c == '"' ||
        c == '`') {
      return false;
    }
  }
  return true;
}

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_config: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  std::vector<unroll::ConfigError> errors;
  const unroll::Config config = unroll::Config::parse(query, &errors);

  for (const unroll::ConfigError& e : errors) {
    if (!safe_to_display(e.message)) fail("unsafe message", e.message);
    if (e.key.size() > 64 || e.value.size() > 64) fail("untruncated error", e.message);
    if (e.message.empty()) fail("empty message for key", e.key);
  }

  // Good pairs apply even next to bad ones, so the round trip must hold for
  // every outcome, not only error-free inputs.
  const std::string link = config.to_query();
  if (link.compare(0, 3, "v=1") != 0) fail("link does not start with v=1", link);
  std::vector<unroll::ConfigError> again;
  const unroll::Config back = unroll::Config::parse(link, &again);
  if (!again.empty()) fail("own link has errors", link + " -> " + again[0].message);
  if (back != config) fail("round trip changed the config", link);
  if (back.to_query() != link) fail("link spelling is not stable", link);
  return 0;
}
