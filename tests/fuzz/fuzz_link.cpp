// libFuzzer entry for the page's link parser (app/state/links: parse_link):
// any hash gives messages safe to show in the page, and the link the page
// would write for the result reads back as the same experiment, compare
// runs, language and lesson place, without errors.
#include <cstdint>

#include "app/state/links.h"
#include "fuzz_common.h"

using namespace unroll;

namespace {

bool lesson_id(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view hash = fuzz::bytes(data, size);
  const app::Link link = app::parse_link(hash);
  for (const ConfigError& e : link.errors) {
    if (e.message.empty()) fuzz::fail("fuzz_link", "empty message for key", e.key);
    // User input is echoed as printable ASCII (safe()); the fixed text may
    // name a language in its own spelling.
    if (!fuzz::display_safe(e.message, /*ascii=*/false)) fuzz::fail("fuzz_link", "unsafe message", e.message);
    if (!fuzz::display_safe(e.value)) fuzz::fail("fuzz_link", "unsafe echoed value", e.value);
  }
  if (link.compare.size() > app::kMaxCompareRuns) fuzz::fail("fuzz_link", "too many compare runs", std::string(hash));
  // The page writes lesson= only for a lesson it knows (a valid id).
  const bool has_lesson = lesson_id(link.lesson) && link.lesson_step >= 1;
  const std::string again = app::make_link(link.config, link.compare, has_lesson ? link.lesson : "",
                                           has_lesson ? link.lesson_step : 0, link.lang);
  const app::Link back = app::parse_link(again);
  if (!back.errors.empty()) fuzz::fail("fuzz_link", "own link has errors", again + " -> " + back.errors[0].message);
  if (back.config != link.config) fuzz::fail("fuzz_link", "round trip changed the config", again);
  if (back.compare != link.compare) fuzz::fail("fuzz_link", "round trip changed compare", again);
  if (back.lang != link.lang) fuzz::fail("fuzz_link", "round trip changed lang", again);
  if (has_lesson && (back.lesson != link.lesson || back.lesson_step != link.lesson_step))
    fuzz::fail("fuzz_link", "round trip changed the lesson place", again);
  for (const std::string& c : link.compare) {
    Config probe = link.config;
    if (!app::apply_compare_token(c, &probe)) fuzz::fail("fuzz_link", "kept an unknown compare token", c);
    app::run_label(probe);
  }
  return 0;
}
