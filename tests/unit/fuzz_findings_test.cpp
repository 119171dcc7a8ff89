// What the fuzzers (tests/fuzz, scripts/fuzz.sh) found in the readers, one
// regression test each: messages that echoed unbounded or broken input,
// lesson files that were not UTF-8, and numbers a lesson should not accept.
#include <gtest/gtest.h>

#include <string>

#include "core/io/batch_io.h"
#include "core/io/json.h"
#include "core/io/weights_io.h"
#include "core/lessons/lesson.h"

namespace unroll {
namespace {

// No control characters, no UTF-8 cut inside a character, bounded length.
void expect_displayable(const std::string& m, size_t max_bytes = 600) {
  EXPECT_LE(m.size(), max_bytes) << m.substr(0, 200);
  for (size_t k = 0; k < m.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(m[k]);
    ASSERT_FALSE(c < 0x20 || c == 0x7f) << "control byte " << int(c) << " in: " << m;
    if (c < 0x80) continue;
    const int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    ASSERT_TRUE(c >= 0xC2 && c <= 0xF4 && k + size_t(n) < m.size()) << "broken UTF-8 in: " << m;
    for (int j = 1; j <= n; ++j) ASSERT_EQ(static_cast<unsigned char>(m[k + size_t(j)]) & 0xC0, 0x80) << m;
    k += size_t(n);
  }
}

TEST(FuzzFindings, ClipForMessageCutsBetweenCharacters) {
  EXPECT_EQ(json::clip_for_message("short"), "short");
  EXPECT_EQ(json::clip_for_message(std::string(50, 'a'), 10), "aaaaaaaaaa...");
  // "ç" is 2 bytes: a 4-byte limit keeps "aaa", not half a "ç".
  EXPECT_EQ(json::clip_for_message("aaa\xc3\xa7\xc3\xa7", 4), "aaa...");
  EXPECT_EQ(json::clip_for_message("a\x7f\x01\xff" "b"), "a???b");
  EXPECT_EQ(json::quote_clipped(std::string(50, 'k'), 3), "\"kkk\"...");
}

TEST(FuzzFindings, JsonKeyMessagesAreClipped) {
  // fuzz_json: "expected ':' after the key" and "duplicate key" echoed the
  // whole key, DEL included.
  json::Value v;
  json::ParseError e;
  const std::string key(100000, 'k');
  ASSERT_FALSE(json::parse("{\"" + key + "\" 1}", &v, &e));
  expect_displayable(e.message);
  ASSERT_FALSE(json::parse("{\"a\x7f" "b\": 1, \"a\x7f" "b\": 2}", &v, &e));
  EXPECT_EQ(e.message.rfind("duplicate key \"a?b\"", 0), 0u) << e.message;
  ASSERT_FALSE(json::parse("[1" + std::string(5000, '0') + "e999]", &v, &e));
  expect_displayable(e.message);
}

TEST(FuzzFindings, BatchMessagesKeepUtf8Whole) {
  // fuzz_batch: describe() cut strings at 64 bytes, inside a character.
  const RnnSpec spec{CellKind::Lstm, 2, 4, 1, 1};
  std::string s(63, 'a');
  s += "\xc3\xa7\xc3\xa7";  // the 64th byte starts a 2-byte character
  json::Value doc;
  json::ParseError pe;
  ASSERT_TRUE(json::parse("\"" + s + "\"", &doc, &pe));
  std::string error;
  EXPECT_FALSE(batch_from_json<float>(doc, spec, &error));
  expect_displayable(error);
  ASSERT_TRUE(json::parse("{\"loss\": \"mse\", \"" + std::string(10000, 'f') + "\": 1}", &doc, &pe));
  EXPECT_FALSE(batch_from_json<float>(doc, spec, &error));
  expect_displayable(error);
}

TEST(FuzzFindings, WeightsMessagesAreClipped) {
  // fuzz_weights: an unknown field's name was echoed whole (DEL included).
  std::string error;
  EXPECT_FALSE(weights_from_text<float>("{\"input\x7fsize\": 1, \"" + std::string(5000, 'x') + "\": 2}", &error));
  expect_displayable(error);
  EXPECT_NE(error.find("\"input?size\""), std::string::npos) << error;
}

TEST(FuzzFindings, WeightsShapeMessagesAreShort) {
  // fuzz_weights: a shape of 45 numbers was echoed whole (a 668-byte message).
  std::string shape = "9";
  for (int k = 0; k < 45; ++k) shape += ", 0.123456789";
  const std::string text = "{\"arch\":\"gru\",\"input_size\":1,\"hidden_size\":3,\"num_layers\":1,\"output_size\":1,"
                           "\"params\":{\"rnn.weight_ih_l0\":{\"shape\":[" + shape + "],\"data\":[]}}}";
  std::string error;
  EXPECT_FALSE(weights_from_text<float>(text, &error));
  expect_displayable(error);
  EXPECT_LT(error.size(), 300u) << error;
  EXPECT_NE(error.find("(46 entries)"), std::string::npos) << error;
}

// A minimal lesson with one checked step; `step_lines` replaces its check.
std::string lesson(const std::string& head, const std::string& step_lines) {
  return head +
         "@title.en T\n@title.pt T\n@step\n@title.en S\n@title.pt S\n@config v=1\n" + step_lines +
         "@hint.en h\n@hint.pt h\n@text.en\nx\n@text.pt\nx\n";
}

LessonError parse_error(const std::string& text) {
  Lesson l;
  LessonError e;
  EXPECT_FALSE(parse_lesson(text, "t.lesson", &l, &e)) << text.substr(0, 200);
  return e;
}

TEST(FuzzFindings, LessonMessagesAreClippedAndWhole) {
  // fuzz_lesson: "@lesson '<the whole argument>' is not a valid id" (issue
  // 11's finding 7), with broken UTF-8 echoed as is.
  LessonError e = parse_error("@lesson " + std::string(5000, 'X') + "\n");
  expect_displayable(e.message);
  EXPECT_EQ(e.line, 1);
  e = parse_error("@lesson ab\xe2\x88\n");
  expect_displayable(e.message);
  e = parse_error("@lesson a\n@" + std::string(3000, 'q') + "\n");
  expect_displayable(e.message);
  e = parse_error(lesson("@lesson a\n", "@compare lstm," + std::string(3000, 'c') + "\n@check loss < 1\n@budget 5\n"));
  expect_displayable(e.message);
  // fuzz_check: the check was quoted whole in every message about it.
  e = parse_error(lesson("@lesson a\n", "@check loss < 1 and " + std::string(3000, 'v') + " < 2\n@budget 5\n"));
  expect_displayable(e.message);
  e = parse_error(lesson("@lesson a\n", "@check \xc3\n@budget 5\n"));
  expect_displayable(e.message);
}

TEST(FuzzFindings, LessonFilesMustBeUtf8) {
  // fuzz_lesson: a file with bytes that are not UTF-8 was accepted and its
  // text drawn by the page as is.
  const LessonError e = parse_error(lesson("@lesson a\n", "@check loss < 1\n@budget 5\n") + "caf\xe9\n");
  EXPECT_EQ(e.line, 16);
  EXPECT_NE(e.message.find("not UTF-8"), std::string::npos) << e.message;
  expect_displayable(e.message);
  Lesson l;
  LessonError ok;
  EXPECT_TRUE(parse_lesson(lesson("@lesson a\n", "@check loss < 1\n@budget 5\n") + "café ∂L/∂h\n", "t.lesson", &l, &ok))
      << ok.text();
}

TEST(FuzzFindings, BudgetAndCheckNumbersArePlainDecimals) {
  // Issue 11, finding 7: "+10" and hex were accepted by strtol/strtod.
  for (const char* budget : {"+10", "0x10", "010", "1e3", "1 0", "-5", "0", "100001", "99999999999999999999"}) {
    const LessonError e = parse_error(lesson("@lesson a\n", std::string("@check loss < 1\n@budget ") + budget + "\n"));
    EXPECT_NE(e.message.find("@budget"), std::string::npos) << budget << ": " << e.message;
  }
  for (const char* num : {"+1", "0x10", "0x1p3", "1e", ".", "-", "1.2.3", "infinity", "nan", "1e999"}) {
    const LessonError e = parse_error(lesson("@lesson a\n", std::string("@check loss < ") + num + "\n@budget 5\n"));
    EXPECT_NE(e.message.find("is not a number"), std::string::npos) << num << ": " << e.message;
  }
  for (const char* num : {"1", "0.25", ".5", "5.", "-3", "1e-6", "2E+3"}) {
    Lesson l;
    LessonError e;
    EXPECT_TRUE(parse_lesson(lesson("@lesson a\n", std::string("@check loss < ") + num + "\n@budget 100000\n"),
                             "t.lesson", &l, &e))
        << num << ": " << e.text();
  }
}

}  // namespace
}  // namespace unroll
