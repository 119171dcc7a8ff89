// libFuzzer entry for the lesson file parser (core/lessons/lesson): any
// bytes either parse into a lesson that keeps the format's promises or give
// an error naming a line of the file.
#include <cctype>
#include <cstdint>

#include "core/config/config.h"
#include "core/lessons/lesson.h"
#include "core/lessons/markdown.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::bytes(data, size);
  Lesson lesson;
  LessonError error;
  if (!parse_lesson(text, "fuzz.lesson", &lesson, &error)) {
    int lines = 1;
    for (char c : text) lines += c == '\n';
    fuzz::check_message("fuzz_lesson", error.message);
    if (error.line < 0 || error.line > lines) fuzz::fail("fuzz_lesson", "error line outside the file", error.text());
    if (error.text().rfind("fuzz.lesson", 0) != 0) fuzz::fail("fuzz_lesson", "error does not name the file", error.text());
    return 0;
  }
  if (lesson.id.empty() || lesson.id.size() > 40) fuzz::fail("fuzz_lesson", "bad id", lesson.id);
  // Everything the page will draw is whole UTF-8 (ImGui would show
  // replacement marks, and the link would carry broken bytes).
  if (!fuzz::utf8_whole(std::string(text))) fuzz::fail("fuzz_lesson", "accepted a file that is not UTF-8", "");
  // @budget is a plain whole number, as the format says ("+10", "0x10" are not).
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(at, nl - at);
    at = nl + 1;
    if (line.rfind("@budget", 0) != 0) continue;
    line.remove_prefix(7);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
    if (line.empty() || line[0] == '0') fuzz::fail("fuzz_lesson", "accepted @budget", std::string(line));
    for (char c : line)
      if (c < '0' || c > '9') fuzz::fail("fuzz_lesson", "accepted @budget", std::string(line));
  }
  if (lesson.steps.empty() || lesson.steps.size() > 99) fuzz::fail("fuzz_lesson", "step count", lesson.id);
  for (const LessonStep& s : lesson.steps) {
    for (const char* lang : {"en", "pt"})
      if (s.title.in(lang).empty() || s.text.in(lang).empty())
        fuzz::fail("fuzz_lesson", "a step without its title or text", lang);
    if (!s.config.empty()) {
      std::vector<ConfigError> errors;
      Config::parse(s.config, &errors);
      if (!errors.empty()) fuzz::fail("fuzz_lesson", "accepted a bad @config", s.config);
    }
    if (s.compare.size() > 3) fuzz::fail("fuzz_lesson", "more than 3 compared runs", s.check_text);
    if (s.check.empty() != (s.budget == 0)) fuzz::fail("fuzz_lesson", "check without budget or back", s.check_text);
    if (s.budget < 0 || s.budget > 100000) fuzz::fail("fuzz_lesson", "budget out of range", s.check_text);
    if (!s.check.empty()) {
      CheckExpr again;
      std::string why;
      if (!parse_check(s.check_text, &again, &why)) fuzz::fail("fuzz_lesson", "its own check does not parse", why);
    }
    // The page draws every text through the markdown subset.
    for (const char* lang : {"en", "pt"}) {
      parse_markdown(s.text.in(lang));
      parse_markdown(s.hint.in(lang));
    }
  }
  return 0;
}
