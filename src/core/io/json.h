// A small, strict JSON (RFC 8259) reader and writer for weights and batch
// files. Strict because those files come from users: anything that is not
// JSON (comments, trailing commas, NaN, duplicate keys, bad UTF-8) is an
// error with a line, a column and what was expected there. Limits on size,
// depth and value count keep a hostile file from exhausting the stack or
// memory.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace unroll::json {

enum class Type { Null, Bool, Number, String, Array, Object };

// Name of a type for messages: "null", "a boolean", "a number", ...
const char* type_name(Type t);

class Value;
using Array = std::vector<Value>;
// Objects keep the file's key order (so messages and rewrites follow it).
using Object = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  Value() = default;  // null
  explicit Value(bool b) : v_(b) {}
  explicit Value(double d) : v_(d) {}
  explicit Value(std::string s) : v_(std::move(s)) {}
  explicit Value(Array a) : v_(std::move(a)) {}
  explicit Value(Object o) : v_(std::move(o)) {}

  Type type() const { return Type(v_.index()); }
  bool is_null() const { return type() == Type::Null; }
  bool is_bool() const { return type() == Type::Bool; }
  bool is_number() const { return type() == Type::Number; }
  bool is_string() const { return type() == Type::String; }
  bool is_array() const { return type() == Type::Array; }
  bool is_object() const { return type() == Type::Object; }

  // Typed access; the type must match (check with is_*() first).
  bool as_bool() const { return std::get<bool>(v_); }
  double as_number() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  // The member `key` of an object, or nullptr (also if not an object).
  const Value* find(std::string_view key) const;

 private:
  // Alternative order matches enum Type.
  std::variant<std::monostate, bool, double, std::string, Array, Object> v_;
};

struct Limits {
  size_t max_bytes = size_t(128) << 20;  // whole text
  int max_depth = 64;                    // nested arrays/objects
  size_t max_values = size_t(16) << 20;  // values of any kind (~40 B each)
};

struct ParseError {
  size_t line = 0, column = 0;  // 1-based; column counts bytes
  std::string message;          // what was found and what was expected
  // "line 3, column 14: expected ',' or ']' after an array element"
  std::string to_string() const;
};

// Parses one JSON text (whitespace around it allowed, a UTF-8 byte order
// mark skipped). Returns false and fills *error on the first problem.
bool parse(std::string_view text, Value* out, ParseError* error, const Limits& limits = {});

// Shortest decimal text that reads back as exactly the same float / double
// ("0.1", "1e-07", "-3"). Non-finite values have no JSON spelling: "null".
std::string format_float(float f);
std::string format_double(double d);

// Streaming writer: commas and nesting are handled here, the caller only
// says what comes next. Output is compact (no whitespace) unless a value
// asks for a newline via newline().
class Writer {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view k);  // inside an object, before its value
  void null();
  void boolean(bool b);
  void number(double d);         // shortest double repr
  void number_f32(float f);      // shortest float repr (weights, grads)
  void string(std::string_view s);
  void value(const Value& v);    // a whole tree (numbers as doubles)
  // Puts the next element (after its comma) on a new line: readable
  // output without indenting every number of a big array.
  void newline() { pending_newline_ = true; }

  const std::string& str() const { return out_; }

 private:
  void before_value();
  std::string out_;
  // Per open container: has it got an element yet? (decides the comma)
  std::vector<bool> has_item_;
  bool after_key_ = false;
  bool pending_newline_ = false;
};

// s as a JSON string literal with quotes and escapes.
std::string quote(std::string_view s);

// Part of an input as it may be echoed in a message: at most max_bytes,
// cut between characters (never inside one), control characters and bytes
// that are not UTF-8 shown as '?', "..." when something was cut. A message
// then stays short and readable whatever the input holds.
std::string clip_for_message(std::string_view s, size_t max_bytes = 40);
// The same, quoted: "name" or "a very long na"...
std::string quote_clipped(std::string_view s, size_t max_bytes = 40);

}  // namespace unroll::json
