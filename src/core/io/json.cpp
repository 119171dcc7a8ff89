#include "core/io/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

namespace unroll::json {

const char* type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
  }
  return "?";
}

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& kv : as_object())
    if (kv.first == key) return &kv.second;
  return nullptr;
}

std::string ParseError::to_string() const {
  return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

namespace {

// Recursive descent over the text. Every function either consumes a whole
// production or records the first error and returns false.
class Parser {
 public:
  Parser(std::string_view text, const Limits& limits, ParseError* error)
      : s_(text), limits_(limits), error_(error) {}

  bool document(Value* out) {
    if (s_.size() > limits_.max_bytes)
      return fail_at(0, "the text is " + std::to_string(s_.size()) + " bytes, more than the limit of " +
                            std::to_string(limits_.max_bytes));
    // A UTF-8 byte order mark (some editors write one) is not content.
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_ws();
    if (!value(out, 0)) return false;
    skip_ws();
    if (pos_ != s_.size()) return fail("expected end of input after the top-level value");
    return true;
  }

 private:
  bool value(Value* out, int depth) {
    if (++count_ > limits_.max_values)
      return fail("more than " + std::to_string(limits_.max_values) + " values (the limit)");
    if (pos_ >= s_.size()) return fail("expected a value");
    const char ch = s_[pos_];
    switch (ch) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': {
        std::string str;
        if (!string(&str)) return false;
        *out = Value(std::move(str));
        return true;
      }
      case 't': return literal("true", Value(true), out);
      case 'f': return literal("false", Value(false), out);
      case 'n': return literal("null", Value(), out);
      default:
        if (ch == '-' || (ch >= '0' && ch <= '9')) return number(out);
        if (starts_with("NaN") || starts_with("Infinity"))
          return fail("expected a value, got a non-finite number: JSON has no NaN or Infinity");
        return fail("expected a value (object, array, string, number, true, false or null)");
    }
  }

  bool object(Value* out, int depth) {
    if (depth > limits_.max_depth) return too_deep();
    ++pos_;  // '{'
    Object members;
    std::unordered_set<std::string> seen;
    skip_ws();
    if (peek('}')) { ++pos_; *out = Value(std::move(members)); return true; }
    for (;;) {
      skip_ws();
      if (!peek('"')) return fail("expected a string key in double quotes");
      const size_t key_pos = pos_;
      std::string key;
      if (!string(&key)) return false;
      // A set, not a scan: a hostile object with 10^6 keys stays linear.
      if (!seen.insert(key).second) return fail_at(key_pos, "duplicate key " + quote_clipped(key));
      skip_ws();
      if (!peek(':')) return fail("expected ':' after the key " + quote_clipped(key));
      ++pos_;
      skip_ws();
      Value v;
      if (!value(&v, depth)) return false;
      members.emplace_back(std::move(key), std::move(v));
      skip_ws();
      if (peek(',')) { ++pos_; continue; }
      if (peek('}')) { ++pos_; break; }
      return fail("expected ',' or '}' after an object member");
    }
    *out = Value(std::move(members));
    return true;
  }

  bool array(Value* out, int depth) {
    if (depth > limits_.max_depth) return too_deep();
    ++pos_;  // '['
    Array items;
    skip_ws();
    if (peek(']')) { ++pos_; *out = Value(std::move(items)); return true; }
    for (;;) {
      skip_ws();
      items.emplace_back();
      if (!value(&items.back(), depth)) return false;
      skip_ws();
      if (peek(',')) { ++pos_; continue; }
      if (peek(']')) { ++pos_; break; }
      return fail("expected ',' or ']' after an array element");
    }
    *out = Value(std::move(items));
    return true;
  }

  // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
  bool number(Value* out) {
    const size_t start = pos_;
    if (peek('-')) ++pos_;
    if (peek('0')) {
      ++pos_;
      if (digit()) return fail("expected '.', 'e' or the end of the number: no leading zeros in JSON");
    } else if (digit()) {
      while (digit()) ++pos_;
    } else {
      return fail("expected a digit after '-'");
    }
    if (peek('.')) {
      ++pos_;
      if (!digit()) return fail("expected a digit after the decimal point");
      while (digit()) ++pos_;
    }
    if (peek('e') || peek('E')) {
      ++pos_;
      if (peek('+') || peek('-')) ++pos_;
      if (!digit()) return fail("expected a digit in the exponent");
      while (digit()) ++pos_;
    }
    // strtod needs a terminated copy; the grammar above made it a valid
    // C number too (JSON numbers are a subset).
    const std::string token(s_.substr(start, pos_ - start));
    const double d = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(d))
      return fail_at(start, "the number " + clip_for_message(token) + " is too large for a double");
    *out = Value(d);
    return true;
  }

  // A string literal at pos_ (which is '"'); decodes escapes, checks UTF-8.
  bool string(std::string* out) {
    ++pos_;  // opening quote
    for (;;) {
      if (pos_ >= s_.size()) return fail("expected '\"' to close the string");
      const unsigned char ch = static_cast<unsigned char>(s_[pos_]);
      if (ch == '"') { ++pos_; return true; }
      if (ch < 0x20)
        return fail("control character (byte " + std::to_string(ch) +
                    ") in a string: write it as an escape such as \\n");
      if (ch == '\\') {
        if (!escape(out)) return false;
      } else if (ch < 0x80) {
        out->push_back(char(ch));
        ++pos_;
      } else if (!utf8_sequence(out)) {
        return false;
      }
    }
  }

  bool escape(std::string* out) {
    ++pos_;  // backslash
    if (pos_ >= s_.size()) return fail("expected an escape character after '\\'");
    const char e = s_[pos_++];
    switch (e) {
      case '"': out->push_back('"'); return true;
      case '\\': out->push_back('\\'); return true;
      case '/': out->push_back('/'); return true;
      case 'b': out->push_back('\b'); return true;
      case 'f': out->push_back('\f'); return true;
      case 'n': out->push_back('\n'); return true;
      case 'r': out->push_back('\r'); return true;
      case 't': out->push_back('\t'); return true;
      case 'u': break;
      default:
        --pos_;
        return fail("expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    }
    uint32_t cp;
    if (!hex4(&cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
      return fail_at(pos_ - 6, "unpaired low surrogate \\u" + hex(cp));
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // A high surrogate must be followed by \u and a low surrogate.
      if (!starts_with("\\u"))
        return fail_at(pos_ - 6, "high surrogate \\u" + hex(cp) + " not followed by a \\u low surrogate");
      pos_ += 2;
      uint32_t lo;
      if (!hex4(&lo)) return false;
      if (lo < 0xDC00 || lo > 0xDFFF)
        return fail_at(pos_ - 6, "expected a low surrogate (\\uDC00..\\uDFFF) after \\u" + hex(cp));
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    append_utf8(cp, out);
    return true;
  }

  bool hex4(uint32_t* cp) {
    *cp = 0;
    for (int k = 0; k < 4; ++k, ++pos_) {
      if (pos_ >= s_.size()) return fail("expected 4 hex digits after \\u");
      const char h = s_[pos_];
      int v;
      if (h >= '0' && h <= '9') v = h - '0';
      else if (h >= 'a' && h <= 'f') v = h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') v = h - 'A' + 10;
      else return fail("expected 4 hex digits after \\u");
      *cp = *cp * 16 + uint32_t(v);
    }
    return true;
  }

  // One multi-byte UTF-8 character, copied as is after validation
  // (no overlong forms, no surrogates, nothing above U+10FFFF).
  bool utf8_sequence(std::string* out) {
    const unsigned char b0 = static_cast<unsigned char>(s_[pos_]);
    int n;
    uint32_t cp, min;
    if (b0 >= 0xC2 && b0 <= 0xDF) { n = 1; cp = b0 & 0x1F; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 2; cp = b0 & 0x0F; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 3; cp = b0 & 0x07; min = 0x10000; }
    else return fail("invalid UTF-8 byte " + std::to_string(b0) + " in a string");
    if (pos_ + size_t(n) >= s_.size()) return fail("truncated UTF-8 character in a string");
    for (int k = 1; k <= n; ++k) {
      const unsigned char b = static_cast<unsigned char>(s_[pos_ + size_t(k)]);
      if ((b & 0xC0) != 0x80) return fail("invalid UTF-8 continuation byte in a string");
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return fail("invalid UTF-8 character (overlong, surrogate or out of range) in a string");
    out->append(s_.substr(pos_, size_t(n) + 1));
    pos_ += size_t(n) + 1;
    return true;
  }

  static void append_utf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
      out->push_back(char(cp));
    } else if (cp < 0x800) {
      out->push_back(char(0xC0 | (cp >> 6)));
      out->push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(char(0xE0 | (cp >> 12)));
      out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(char(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(char(0xF0 | (cp >> 18)));
      out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(char(0x80 | (cp & 0x3F)));
    }
  }

  static std::string hex(uint32_t cp) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04X", unsigned(cp));
    return buf;
  }

  bool literal(const char* word, Value v, Value* out) {
    if (!starts_with(word)) return fail(std::string("expected '") + word + "'");
    pos_ += std::strlen(word);
    *out = std::move(v);
    return true;
  }

  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool peek(char ch) const { return pos_ < s_.size() && s_[pos_] == ch; }
  bool digit() const { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; }
  bool starts_with(std::string_view w) const { return s_.substr(pos_, w.size()) == w; }

  bool too_deep() {
    return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels (the limit)");
  }
  bool fail(const std::string& what) { return fail_at(pos_, what); }
  bool fail_at(size_t at, const std::string& what) {
    size_t line = 1, col = 1;
    for (size_t k = 0; k < at && k < s_.size(); ++k) {
      if (s_[k] == '\n') { ++line; col = 1; } else { ++col; }
    }
    std::string found;
    if (at >= s_.size()) found = "end of input";
    else if (s_[at] >= 0x20 && s_[at] < 0x7F) found = std::string("'") + s_[at] + "'";
    else found = "byte " + std::to_string(static_cast<unsigned char>(s_[at]));
    if (error_) *error_ = {line, col, what + " (found " + found + ")"};
    return false;
  }

  std::string_view s_;
  const Limits& limits_;
  ParseError* error_;
  size_t pos_ = 0;
  size_t count_ = 0;
};

// The shortest decimal that reads back as v (F is float or double), laid
// out like Python's repr: positional for 1e-4 <= |v| < 1e16 ("5000",
// "0.0001"), scientific otherwise ("1e-07"). printf's %g alone would write
// 5000 as "5e+03", which Python's json reads as a float, not a shape.
template <class F>
std::string shortest(F v, int max_digits) {
  if (!std::isfinite(v)) return "null";
  char buf[48];
  // Count digits down from max_digits (which always round-trips) while
  // fewer still do: typical weights need 8-9 of float's 9, so this stops
  // after 2-3 tries where counting up would take 8-9. (Whether p-1 digits
  // work given that p do not can only differ next to a power of two, where
  // the result is then one digit longer than needed but still exact.)
  int p = max_digits;
  for (; p > 1; --p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 2, double(v));
    if (F(std::strtod(buf, nullptr)) != v) break;
  }
  std::snprintf(buf, sizeof buf, "%.*e", p - 1, double(v));  // "-d.ddde+XX"
  const std::string sci = buf;
  const size_t epos = sci.find('e');
  const int exp10 = std::atoi(sci.c_str() + epos + 1);
  const bool negative = sci[0] == '-';
  std::string digits;  // the p significant digits, no sign or point
  for (size_t k = negative ? 1 : 0; k < epos; ++k)
    if (sci[k] != '.') digits += sci[k];
  std::string out = negative ? "-" : "";
  if (exp10 < -4 || exp10 >= 16) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[8];
    std::snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    return out + e;
  }
  if (exp10 < 0) return out + "0." + std::string(size_t(-exp10 - 1), '0') + digits;
  const size_t int_len = size_t(exp10) + 1;
  if (digits.size() <= int_len) return out + digits + std::string(int_len - digits.size(), '0');
  return out + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

}  // namespace

bool parse(std::string_view text, Value* out, ParseError* error, const Limits& limits) {
  Parser p(text, limits, error);
  Value v;
  if (!p.document(&v)) return false;
  *out = std::move(v);
  return true;
}

// 9 significant digits always round-trip a float, 17 a double; the loop
// stops at the first shorter one that does. The check reads the text the
// way every reader of our files does (decimal -> double -> float: our
// importer, and Python's json followed by torch.tensor(float32)).
std::string format_float(float f) { return shortest<float>(f, 9); }
std::string format_double(double d) { return shortest<double>(d, 17); }

namespace {

// Bytes of the well-formed UTF-8 character at s[k], or 0 if it is not one
// (no overlong forms, surrogates or code points above U+10FFFF).
size_t utf8_char_length(std::string_view s, size_t k) {
  const unsigned char b0 = static_cast<unsigned char>(s[k]);
  if (b0 < 0x80) return 1;
  size_t n;
  uint32_t cp, min;
  if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; cp = b0 & 0x1F; min = 0x80; }
  else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; cp = b0 & 0x0F; min = 0x800; }
  else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; cp = b0 & 0x07; min = 0x10000; }
  else return 0;
  if (k + n > s.size()) return 0;
  for (size_t j = 1; j < n; ++j) {
    const unsigned char b = static_cast<unsigned char>(s[k + j]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// The clipped text and whether anything was cut.
std::pair<std::string, bool> clip(std::string_view s, size_t max_bytes) {
  std::string out;
  size_t k = 0;
  while (k < s.size()) {
    const size_t n = utf8_char_length(s, k);
    const unsigned char c = static_cast<unsigned char>(s[k]);
    const size_t take = n == 0 ? 1 : n;
    if (out.size() + (n == 0 ? 1 : n) > max_bytes) break;
    if (n == 0 || c < 0x20 || c == 0x7f) out += '?';
    else out.append(s.substr(k, n));
    k += take;
  }
  return {out, k < s.size()};
}

}  // namespace

std::string clip_for_message(std::string_view s, size_t max_bytes) {
  auto [text, cut] = clip(s, max_bytes);
  return cut ? text + "..." : text;
}

std::string quote_clipped(std::string_view s, size_t max_bytes) {
  auto [text, cut] = clip(s, max_bytes);
  return quote(text) + (cut ? "..." : "");
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (ch < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(ch));
          out += buf;
        } else {
          out.push_back(char(ch));
        }
    }
  }
  out += '"';
  return out;
}

void Writer::before_value() {
  if (after_key_) { after_key_ = false; return; }
  if (!has_item_.empty()) {
    if (has_item_.back()) out_ += ',';
    has_item_.back() = true;
  }
  if (pending_newline_) { out_ += '\n'; pending_newline_ = false; }
}

void Writer::begin_object() { before_value(); out_ += '{'; has_item_.push_back(false); }
void Writer::end_object() { out_ += '}'; has_item_.pop_back(); }
void Writer::begin_array() { before_value(); out_ += '['; has_item_.push_back(false); }
void Writer::end_array() { out_ += ']'; has_item_.pop_back(); }

void Writer::key(std::string_view k) {
  before_value();
  out_ += quote(k);
  out_ += ':';
  after_key_ = true;
}

void Writer::null() { before_value(); out_ += "null"; }
void Writer::boolean(bool b) { before_value(); out_ += b ? "true" : "false"; }
void Writer::number(double d) { before_value(); out_ += format_double(d); }
void Writer::number_f32(float f) { before_value(); out_ += format_float(f); }
void Writer::string(std::string_view s) { before_value(); out_ += quote(s); }

void Writer::value(const Value& v) {
  switch (v.type()) {
    case Type::Null: null(); break;
    case Type::Bool: boolean(v.as_bool()); break;
    case Type::Number: number(v.as_number()); break;
    case Type::String: string(v.as_string()); break;
    case Type::Array:
      begin_array();
      for (const auto& item : v.as_array()) value(item);
      end_array();
      break;
    case Type::Object:
      begin_object();
      for (const auto& kv : v.as_object()) {
        key(kv.first);
        value(kv.second);
      }
      end_object();
      break;
  }
}

}  // namespace unroll::json
