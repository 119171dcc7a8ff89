// The strict JSON reader and writer: every value type, escapes and
// surrogates, error positions and messages, limits, shortest round-trip
// number formatting.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/io/json.h"
#include "core/tensor/rng.h"

namespace unroll::json {
namespace {

Value parse_ok(const std::string& text) {
  Value v;
  ParseError e;
  EXPECT_TRUE(parse(text, &v, &e)) << text << " -> " << e.to_string();
  return v;
}

ParseError parse_err(const std::string& text, const Limits& limits = {}) {
  Value v;
  ParseError e;
  EXPECT_FALSE(parse(text, &v, &e, limits)) << text;
  return e;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Json, ParsesEveryTypeAndKeepsKeyOrder) {
  Value v = parse_ok(R"( {"z": null, "a": [true, false, -1.5e2, 0], "m": {"s": "hi"}} )");
  ASSERT_TRUE(v.is_object());
  const Object& o = v.as_object();
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[0].first, "z");
  EXPECT_EQ(o[1].first, "a");
  EXPECT_EQ(o[2].first, "m");
  EXPECT_TRUE(v.find("z")->is_null());
  const Array& a = v.find("a")->as_array();
  ASSERT_EQ(a.size(), 4u);
  EXPECT_TRUE(a[0].as_bool());
  EXPECT_FALSE(a[1].as_bool());
  EXPECT_EQ(a[2].as_number(), -150.0);
  EXPECT_EQ(a[3].as_number(), 0.0);
  EXPECT_EQ(v.find("m")->find("s")->as_string(), "hi");
  EXPECT_EQ(v.find("missing"), nullptr);
  EXPECT_TRUE(parse_ok("[]").as_array().empty());
  EXPECT_TRUE(parse_ok("{}").as_object().empty());
  EXPECT_EQ(parse_ok("\xEF\xBB\xBF 7").as_number(), 7.0);  // byte order mark skipped
}

TEST(Json, NumbersAreExactDoubles) {
  EXPECT_EQ(parse_ok("0.1").as_number(), 0.1);
  EXPECT_EQ(parse_ok("-0").as_number(), 0.0);
  EXPECT_TRUE(std::signbit(parse_ok("-0").as_number()));
  EXPECT_EQ(parse_ok("1E+3").as_number(), 1000.0);
  EXPECT_EQ(parse_ok("2.5e-3").as_number(), 0.0025);
  EXPECT_EQ(parse_ok("1e-400").as_number(), 0.0);  // underflow is fine
  EXPECT_EQ(parse_ok("123456789012345678").as_number(), 123456789012345678.0);
}

TEST(Json, StringEscapesAndSurrogates) {
  EXPECT_EQ(parse_ok(R"("\"\\\/\b\f\n\r\t")").as_string(), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(parse_ok(R"("\u00e9\u00E9")").as_string(), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(parse_ok(R"("\u20AC")").as_string(), "\xE2\x82\xAC");
  // U+1F600 as a surrogate pair and as raw UTF-8 give the same bytes.
  EXPECT_EQ(parse_ok(R"("\uD83D\uDE00")").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(parse_ok("\"\xF0\x9F\x98\x80\"").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(parse_ok(R"("\u0000")").as_string(), std::string(1, '\0'));
}

struct BadCase {
  const char* text;
  size_t line, column;
  const char* says;  // part of the message
};

TEST(Json, ErrorsSayWhereAndWhat) {
  const BadCase cases[] = {
      {"", 1, 1, "expected a value"},
      {"{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':' after the key \"b\""},
      {"[1, 2,]", 1, 7, "expected a value"},
      {"[1 2]", 1, 4, "expected ',' or ']'"},
      {"{\"a\": 1,}", 1, 9, "expected a string key"},
      {"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"},
      {"{'a': 1}", 1, 2, "expected a string key"},
      {"[01]", 1, 3, "no leading zeros"},
      {"[1.]", 1, 4, "digit after the decimal point"},
      {"[1e]", 1, 4, "digit in the exponent"},
      {"[-]", 1, 3, "digit after '-'"},
      {"[.5]", 1, 2, "expected a value"},
      {"[NaN]", 1, 2, "no NaN or Infinity"},
      {"[Infinity]", 1, 2, "no NaN or Infinity"},
      {"[1e400]", 1, 2, "too large for a double"},
      {"[tru]", 1, 2, "expected 'true'"},
      {"// c\n1", 1, 1, "expected a value"},
      {"1 2", 1, 3, "expected end of input"},
      {"\"abc", 1, 5, "to close the string"},
      {"\"a\tb\"", 1, 3, "control character"},
      {"\"\\x\"", 1, 3, "expected one of"},
      {"\"\\u12G4\"", 1, 6, "4 hex digits"},
      {"\"\\uDE00\"", 1, 2, "unpaired low surrogate"},
      {"\"\\uD83Dx\"", 1, 2, "not followed by a \\u low surrogate"},
      {"\"\\uD83D\\u0041\"", 1, 8, "expected a low surrogate"},
      {"\"\xC0\x80\"", 1, 2, "invalid UTF-8 byte"},
      {"\"\xED\xA0\x80\"", 1, 2, "overlong, surrogate or out of range"},
      {"\"\xE2\x82\"", 1, 2, "UTF-8"},
      {"\"\xFF\"", 1, 2, "invalid UTF-8 byte 255"},
      {"{\"k\": 1, \"k\": 2}", 1, 10, "duplicate key \"k\""},
  };
  for (const BadCase& c : cases) {
    ParseError e = parse_err(c.text);
    EXPECT_EQ(e.line, c.line) << c.text << " -> " << e.to_string();
    EXPECT_EQ(e.column, c.column) << c.text << " -> " << e.to_string();
    EXPECT_TRUE(contains(e.message, c.says)) << c.text << " -> " << e.to_string();
  }
  // The message says what was found, and to_string() leads with the place.
  ParseError e = parse_err("[1 2]");
  EXPECT_TRUE(contains(e.message, "(found '2')")) << e.message;
  EXPECT_EQ(e.to_string().rfind("line 1, column 4: ", 0), 0u) << e.to_string();
  EXPECT_TRUE(contains(parse_err("[").message, "(found end of input)"));
}

TEST(Json, DepthLimitStopsHostileNesting) {
  Limits lim;
  lim.max_depth = 64;
  Value v;
  ParseError e;
  EXPECT_TRUE(parse(std::string(64, '[') + std::string(64, ']'), &v, &e, lim)) << e.to_string();
  e = parse_err(std::string(65, '[') + std::string(65, ']'), lim);
  EXPECT_TRUE(contains(e.message, "deeper than 64")) << e.message;
  EXPECT_EQ(e.column, 65u);
  // A million levels would overflow the stack without the limit.
  e = parse_err(std::string(1000000, '['));
  EXPECT_TRUE(contains(e.message, "deeper than")) << e.message;
  e = parse_err(std::string(1000000, '{') );
  EXPECT_TRUE(contains(e.message, "expected a string key") || contains(e.message, "deeper"));
}

TEST(Json, SizeAndValueCountLimits) {
  Limits lim;
  lim.max_bytes = 10;
  ParseError e = parse_err("[1,2,3,4,5,6]", lim);
  EXPECT_TRUE(contains(e.message, "13 bytes, more than the limit of 10")) << e.message;
  Limits few;
  few.max_values = 4;  // the array itself counts as one value
  Value v;
  EXPECT_TRUE(parse("[1,2,3]", &v, &e, few)) << e.to_string();
  e = parse_err("[1,2,3,4]", few);
  EXPECT_TRUE(contains(e.message, "more than 4 values")) << e.message;
}

// Random bit patterns cover denormals, extremes and every exponent.
TEST(Json, FloatFormattingRoundTripsAndIsShort) {
  Rng rng(7);
  int checked = 0;
  for (int k = 0; k < 200000; ++k) {
    const uint32_t bits = uint32_t(rng.next_u64());
    float f;
    std::memcpy(&f, &bits, sizeof f);
    if (!std::isfinite(f)) continue;
    const std::string s = format_float(f);
    ASSERT_EQ(float(std::strtod(s.c_str(), nullptr)), f) << s;
    // and it is valid JSON that the reader gives back as the same float
    Value v;
    ParseError e;
    ASSERT_TRUE(parse(s, &v, &e)) << s << ": " << e.to_string();
    ASSERT_EQ(float(v.as_number()), f) << s;
    ++checked;
  }
  EXPECT_GT(checked, 190000);
  EXPECT_EQ(format_float(0.1f), "0.1");
  EXPECT_EQ(format_float(1.0f), "1");
  EXPECT_EQ(format_float(-2.5f), "-2.5");
  EXPECT_EQ(format_float(1e-7f), "1e-07");
  EXPECT_EQ(format_float(-0.0f), "-0");
  EXPECT_EQ(format_float(3.14159265f), "3.1415927");  // 8 digits, not %.9g's 3.14159274
  EXPECT_EQ(format_float(16777216.0f), "16777216");
  EXPECT_EQ(format_float(std::nanf("")), "null");
  EXPECT_EQ(format_float(INFINITY), "null");
}

TEST(Json, DoubleFormattingRoundTrips) {
  Rng rng(8);
  for (int k = 0; k < 100000; ++k) {
    const uint64_t bits = rng.next_u64();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (!std::isfinite(d)) continue;
    const std::string s = format_double(d);
    ASSERT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
  }
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(format_double(12.0), "12");
  // Positional like Python's repr for 1e-4 <= |x| < 1e16, so whole numbers
  // (shapes, sizes) stay integers to every reader: "100", not "1e+02".
  EXPECT_EQ(format_double(100.0), "100");
  EXPECT_EQ(format_double(0.0), "0");
  EXPECT_EQ(format_double(123.456), "123.456");
  EXPECT_EQ(format_double(1e15), "1000000000000000");
  EXPECT_EQ(format_double(1e16), "1e+16");
  EXPECT_EQ(format_double(-1.5e300), "-1.5e+300");
  EXPECT_EQ(format_double(0.0001), "0.0001");
  EXPECT_EQ(format_double(0.00012), "0.00012");
  EXPECT_EQ(format_double(1.2e-5), "1.2e-05");
  EXPECT_EQ(format_float(5000.0f), "5000");
  EXPECT_EQ(format_float(1e10f), "10000000000");
  EXPECT_EQ(format_float(1.5e-5f), "1.5e-05");
}

TEST(Json, WriterPlacesCommasAndEscapes) {
  Writer w;
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.number(1);
  w.number_f32(0.1f);
  w.boolean(true);
  w.null();
  w.begin_object();
  w.end_object();
  w.end_array();
  w.key("s\"");
  w.string("tab\there \x01 \\ \xC3\xA9");
  w.end_object();
  EXPECT_EQ(w.str(), R"({"a":[1,0.1,true,null,{}],"s\"":"tab\there \u0001 \\ )" "\xC3\xA9\"}");
}

TEST(Json, WriterNewlineGoesAfterTheComma) {
  Writer w;
  w.begin_object();
  w.newline();
  w.key("a");
  w.number(1);
  w.newline();
  w.key("b");
  w.begin_array();
  w.number(2);
  w.newline();
  w.number(3);
  w.end_array();
  w.end_object();
  EXPECT_EQ(w.str(), "{\n\"a\":1,\n\"b\":[2,\n3]}");
}

TEST(Json, WrittenTreeParsesBackToTheSameTree) {
  const std::string text =
      R"({"k":[1,-0.5,1e-300,"\u0000\n\"",{"x":[[],{}]},true,false,null],"e":"\uD83D\uDE00"})";
  Value v = parse_ok(text);
  Writer w;
  w.value(v);
  Value back = parse_ok(w.str());
  Writer w2;
  w2.value(back);
  EXPECT_EQ(w.str(), w2.str());
  EXPECT_EQ(back.find("k")->as_array()[2].as_number(), 1e-300);
  EXPECT_EQ(back.find("k")->as_array()[3].as_string(), std::string("\0\n\"", 3));
  EXPECT_EQ(back.find("e")->as_string(), "\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace unroll::json
