// Config: strict URL query <-> one canonical value per key of key_table().
//
// Every value is stored in its canonical URL spelling, so two configs are
// equal exactly when their links are equal, and parse(to_query(c)) == c.
// Numbers are read and written with locale-independent, platform-identical
// rules (native glibc and wasm musl give the same text for the same double).
#include <algorithm>
#include <cctype>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "core/config/config.h"

namespace unroll {
namespace {

// ---- text that came from a link ------------------------------------------

constexpr size_t kShownChars = 64;

// User text made safe to show anywhere (ImGui, an HTML error box, a
// terminal): printable ASCII only, minus the characters HTML gives meaning
// to, and at most 64 chars (longer text ends in "..."). Links can carry a
// script tag or 100 KB of junk; messages must not.
std::string display_safe(std::string_view s) {
  const bool too_long = s.size() > kShownChars;
  const size_t n = too_long ? kShownChars - 3 : s.size();
  std::string out;
  out.reserve(kShownChars);
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool printable = c >= 0x20 && c < 0x7f;
    const bool html_special = std::strchr("<>&\"'`", c) != nullptr;
    out += (printable && !html_special) ? static_cast<char>(c) : '?';
  }
  if (too_long) out += "...";
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: %XX is one byte, '+' a space.
// False if a '%' is not followed by two hex digits.
bool percent_decode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      *out += ' ';
    } else if (c != '%') {
      *out += c;
    } else {
      if (i + 2 >= in.size()) return false;  // needs in[i+1] and in[i+2]
      const int hi = hex_digit(in[i + 1]);
      const int lo = hex_digit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      *out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return true;
}

// Escapes everything but RFC 3986 unreserved characters (and ',' ':'), so
// a value can never break the query apart ('&', '=', '+', '#').
std::string percent_encode(std::string_view in) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : in) {
    const unsigned char c = static_cast<unsigned char>(ch);
    // ',' and ':' too: legal in a query, meaningless to the parser, and
    // what the text keys' lists are made of (columns=1,2&norm=0.5:2).
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                            c == '_' || c == '~' || c == ',' || c == ':';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// ---- numbers ------------------------------------------------------------------

enum class NumberRead { Ok, Empty, NotNumber, NotFinite, TooLarge };

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Optional '-', then decimal digits only: no '+', spaces, "0x" or "1e3".
NumberRead read_int(std::string_view s, int64_t* value) {
  if (s.empty()) return NumberRead::Empty;
  size_t i = 0;
  const bool negative = s[0] == '-';
  if (negative) i = 1;
  if (i == s.size()) return NumberRead::NotNumber;
  int64_t magnitude = 0;
  bool too_large = false;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) return NumberRead::NotNumber;
    // Keep scanning past the limit: "99999999999999999999x" is junk, not big.
    if (magnitude > 1000000000000000LL) {
      too_large = true;
    } else {
      magnitude = magnitude * 10 + (s[i] - '0');
    }
  }
  if (too_large) return NumberRead::TooLarge;
  *value = negative ? -magnitude : magnitude;
  return NumberRead::Ok;
}

// [-] digits [. digits] [(e|E) [+|-] digits], with at least one mantissa
// digit (".5" and "5." are fine). Rejects spaces, hex, "nan", "inf", "1e".
bool looks_decimal(std::string_view s) {
  size_t i = 0, n = s.size(), mantissa_digits = 0;
  if (i < n && s[i] == '-') ++i;
  for (; i < n && is_digit(s[i]); ++i) ++mantissa_digits;
  if (i < n && s[i] == '.') {
    for (++i; i < n && is_digit(s[i]); ++i) ++mantissa_digits;
  }
  if (mantissa_digits == 0) return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exponent_digits = 0;
    for (; i < n && is_digit(s[i]); ++i) ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == n;
}

// "nan", "-inf", "Infinity" ...: numbers strtod knows but a link must not use.
bool names_non_finite(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  std::string lower;
  for (size_t i = 0; i < s.size() && i < 3; ++i) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return lower == "nan" || lower == "inf";
}

// strtod of text already checked by looks_decimal. strtod follows
// LC_NUMERIC, so '.' is swapped for the current locale's point: "0.5" means
// one half on every machine. Underflow gives the correctly rounded tiny or
// zero value (errno is ignored: glibc and musl disagree on it).
double c_strtod(std::string_view text) {
  std::string buffer(text);
  const char point = *std::localeconv()->decimal_point;
  if (point != '.' && point != '\0') {
    std::replace(buffer.begin(), buffer.end(), '.', point);
  }
  return std::strtod(buffer.c_str(), nullptr);
}

NumberRead read_float(std::string_view s, double* value) {
  if (s.empty()) return NumberRead::Empty;
  if (names_non_finite(s)) return NumberRead::NotFinite;
  if (!looks_decimal(s)) return NumberRead::NotNumber;
  const double x = c_strtod(s);
  if (!std::isfinite(x)) return NumberRead::TooLarge;
  *value = x == 0 ? 0.0 : x;  // -0 is spelled "0"
  return NumberRead::Ok;
}

// Scientific notation with `digits` significant digits, split into its
// digit string ("15") and decimal exponent (-3 for 1.5e-3). printf rounds
// correctly on glibc and musl alike, so both platforms agree.
void scientific_digits(double x, int digits, std::string* mantissa, int* exponent) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, x);
  mantissa->clear();
  const char* p = buffer;
  for (; *p && *p != 'e'; ++p) {
    if (is_digit(*p)) *mantissa += *p;  // skips '-' and the locale's point
  }
  *exponent = *p == 'e' ? std::atoi(p + 1) : 0;
  while (mantissa->size() > 1 && mantissa->back() == '0') mantissa->pop_back();
}

// The shortest text that reads back as exactly x: the fewest significant
// digits that round-trip (1 to 17), then whichever of plain ("0.01") and
// exponent ("1e-6") spelling is shorter, plain on a tie. No '+' anywhere:
// a URL would read it as a space.
std::string format_float(double x) {
  if (x == 0) return "0";  // also turns -0 into "0"
  const std::string sign = x < 0 ? "-" : "";
  std::string digits, plain, exp_form;
  int exponent = 0;
  for (int n = 1; n <= 17; ++n) {
    scientific_digits(x, n, &digits, &exponent);
    exp_form = sign + digits.substr(0, 1) +
               (digits.size() > 1 ? "." + digits.substr(1) : "") + "e" +
               std::to_string(exponent);
    if (c_strtod(exp_form) == x) break;
  }
  const int point = exponent + 1;  // digits before the decimal point
  if (point <= 0) {
    plain = sign + "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    plain = sign + digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    plain = sign + digits.substr(0, static_cast<size_t>(point)) + "." +
            digits.substr(static_cast<size_t>(point));
  }
  return plain.size() <= exp_form.size() ? plain : exp_form;
}

// A key's range bound as a person would write it: "512", "1e-6", "0.999".
std::string format_bound(const KeyDef& k, double bound) {
  if (k.type == KeyType::Int) return std::to_string(static_cast<long long>(bound));
  return format_float(bound);
}

std::string allowed_range(const KeyDef& k) {
  if (k.lo == k.hi) return "only " + format_bound(k, k.lo);
  return format_bound(k, k.lo) + " to " + format_bound(k, k.hi);
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

// ---- keys -----------------------------------------------------------------------

int key_index(std::string_view name) {
  const auto& table = key_table();
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// Case-insensitive Levenshtein distance, for "did you mean" hints.
size_t edit_distance(std::string_view a, std::string_view b) {
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const size_t substitute = diagonal + (lower(a[i - 1]) != lower(b[j - 1]));
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_key_message(std::string_view key) {
  const std::string shown = display_safe(key);
  // A hint only for plausible typos: short keys, at most two edits away.
  if (key.size() <= 32) {
    const KeyDef* best = nullptr;
    size_t best_distance = 3;
    for (const KeyDef& k : key_table()) {
      const size_t d = edit_distance(key, k.name);
      if (d < best_distance && d < std::max(k.name.size(), key.size())) {
        best = &k;
        best_distance = d;
      }
    }
    if (best) {
      return "Unknown key '" + shown + "': did you mean '" + best->name + "'?";
    }
  }
  std::vector<std::string> names;
  for (const KeyDef& k : key_table()) names.push_back(k.name);
  return "Unknown key '" + shown + "'. Known keys: " + join(names, ", ") + ".";
}

// A Text key's value against its rule (config.h); "" or why not.
std::string text_problem(const KeyDef& k, std::string_view value) {
  const std::string pair = k.name + "=" + display_safe(value);
  const std::string allowed = " (allowed: " + k.allowed_text + ").";
  if (value.size() > k.max_len)
    return k.name + " is " + std::to_string(value.size()) + " characters long; at most " +
           std::to_string(k.max_len) + " are allowed" + allowed;
  for (char ch : value)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
      return pair + " has a control character" + allowed;
  if (value.empty()) return "";
  std::vector<std::string_view> items;
  for (size_t at = 0; at <= value.size();) {
    const size_t end = std::min(value.find(',', at), value.size());
    items.push_back(value.substr(at, end - at));
    at = end + 1;
  }
  if (k.rule == TextRule::Item && items.size() > 1)
    return pair + " names more than one column: give one name or 1-based index" + allowed;
  for (std::string_view item : items) {
    if (item.find_first_not_of(' ') == std::string_view::npos)
      return pair + " has an empty item between commas" + allowed;
    if (k.rule != TextRule::Pairs) continue;
    const size_t colon = item.find(':');
    double a = 0, b = 0;
    if (colon == std::string_view::npos || read_float(item.substr(0, colon), &a) != NumberRead::Ok ||
        read_float(item.substr(colon + 1), &b) != NumberRead::Ok || !(b > 0))
      return pair + ": '" + display_safe(item) + "' is not mean:std with finite numbers and std above 0" +
             allowed;
  }
  return "";
}

// Checks `value` against key `k`; on success *canonical is its URL spelling,
// otherwise *why is a full sentence saying what is wrong and what is allowed.
bool canonicalize(const KeyDef& k, std::string_view value,
                  std::string* canonical, std::string* why) {
  const std::string pair = k.name + "=" + display_safe(value);
  if (k.type == KeyType::Text) {
    *why = text_problem(k, value);
    if (!why->empty()) return false;
    *canonical = std::string(value);
    return true;
  }
  if (k.type == KeyType::Enum) {
    if (std::find(k.choices.begin(), k.choices.end(), value) != k.choices.end()) {
      *canonical = std::string(value);
      return true;
    }
    const std::string choices = join(k.choices, ", ");
    *why = value.empty()
               ? k.name + " has an empty value: choose one of " + choices + "."
               : pair + " is not an allowed value: choose one of " + choices + ".";
    return false;
  }

  const std::string range = allowed_range(k);
  NumberRead read;
  double x = 0;
  if (k.type == KeyType::Int) {
    int64_t n = 0;
    read = read_int(value, &n);
    x = static_cast<double>(n);  // |n| <= ~1e16: compares exactly enough
    if (read == NumberRead::Ok) *canonical = std::to_string(static_cast<long long>(n));
  } else {
    read = read_float(value, &x);
    if (read == NumberRead::Ok) *canonical = format_float(x);
  }

  switch (read) {
    case NumberRead::Empty:
      *why = k.name + " has an empty value: allowed " + range + ".";
      return false;
    case NumberRead::NotNumber:
      *why = k.type == KeyType::Int
                 ? pair + " is not a whole number: write decimal digits only, " +
                       "allowed " + range + "."
                 : pair + " is not a number: write a decimal such as 0.01 or " +
                       "1e-3, allowed " + range + ".";
      return false;
    case NumberRead::NotFinite:
      *why = pair + " is not a finite number: allowed " + range + ".";
      return false;
    case NumberRead::TooLarge:
    case NumberRead::Ok:
      break;
  }
  if (read == NumberRead::TooLarge || x < k.lo || x > k.hi) {
    *why = k.name == "v"
               ? pair + " is a link version this build does not understand: " +
                     "only v=1 is supported."
               : pair + " is out of range: allowed " + range + ".";
    return false;
  }
  return true;
}

const KeyDef& require_key(std::string_view key, const char* reader, int* index) {
  *index = key_index(key);
  if (*index < 0) {
    throw std::logic_error(std::string("Config::") + reader + ": no key '" +
                           std::string(key) + "' in the key table");
  }
  return key_table()[*index];
}

std::string markdown_cell(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

// ---- Config -------------------------------------------------------------------

Config::Config() {
  for (const KeyDef& k : key_table()) values_.push_back(k.def);
}

bool Config::set(std::string_view key, std::string_view value, ConfigError* error) {
  const int index = key_index(key);
  std::string canonical, why;
  if (index < 0) {
    why = unknown_key_message(key);
  } else if (canonicalize(key_table()[index], value, &canonical, &why)) {
    values_[index] = std::move(canonical);
    return true;
  }
  if (error) *error = ConfigError{display_safe(key), display_safe(value), why};
  return false;
}

Config Config::parse(std::string_view query, std::vector<ConfigError>* errors) {
  Config config;
  auto report = [&](std::string_view key, std::string_view value, std::string why) {
    if (errors) errors->push_back({display_safe(key), display_safe(value), std::move(why)});
  };
  if (!query.empty() && (query[0] == '?' || query[0] == '#')) query.remove_prefix(1);

  std::vector<bool> seen(key_table().size(), false);
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;  // "a=1&&b=2" and a trailing '&' are harmless

    const size_t eq = pair.find('=');
    const std::string_view raw_key = pair.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    std::string key, value;
    if (!percent_decode(raw_key, &key) || !percent_decode(raw_value, &value)) {
      report(raw_key, raw_value,
             "'" + display_safe(pair) + "' has a broken percent escape: '%' " +
                 "must be followed by two hex digits, e.g. %20.");
      continue;
    }
    if (eq == std::string_view::npos) {
      report(key, "", "'" + display_safe(key) + "' has no '=': every setting " +
                          "is written key=value, e.g. hidden=64.");
      continue;
    }
    if (key.empty()) {
      report("", value, "'=" + display_safe(value) + "' has no key before " +
                            "'=': every setting is written key=value, e.g. hidden=64.");
      continue;
    }
    const int index = key_index(key);
    if (index < 0) {
      report(key, value, unknown_key_message(key));
      continue;
    }
    if (seen[index]) {
      report(key, value, "Key '" + key + "' appears more than once: its first " +
                             "value is used and " + key + "=" + display_safe(value) +
                             " is ignored.");
      continue;
    }
    seen[index] = true;
    ConfigError error;
    if (!config.set(key, value, &error) && errors) errors->push_back(std::move(error));
  }
  return config;
}

std::string Config::to_query() const {
  const auto& table = key_table();
  // The version goes first even though it is a default: a reader can tell
  // the link format before anything else.
  std::string query = "v=" + values_[key_index("v")];
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].name == "v" || values_[i] == table[i].def) continue;
    query += "&" + table[i].name + "=" + percent_encode(values_[i]);
  }
  return query;
}

int64_t Config::i(std::string_view key) const {
  int index = 0;
  const KeyDef& k = require_key(key, "i", &index);
  if (k.type != KeyType::Int) {
    throw std::logic_error("Config::i: key '" + k.name + "' is not an integer");
  }
  int64_t n = 0;
  read_int(values_[index], &n);  // canonical text: always reads
  return n;
}

double Config::f(std::string_view key) const {
  int index = 0;
  const KeyDef& k = require_key(key, "f", &index);
  if (k.type == KeyType::Enum || k.type == KeyType::Text) {
    throw std::logic_error("Config::f: key '" + k.name + "' is not a number");
  }
  double x = 0;
  read_float(values_[index], &x);  // integers' canonical text reads too
  return x;
}

const std::string& Config::s(std::string_view key) const {
  int index = 0;
  require_key(key, "s", &index);
  return values_[index];
}

// ---- README -----------------------------------------------------------------

std::string key_table_markdown() {
  std::string md = "| key | type | default | allowed | help |\n";
  md += "|---|---|---|---|---|\n";
  for (const KeyDef& k : key_table()) {
    std::string type, allowed;
    switch (k.type) {
      case KeyType::Int:
        type = "int";
        allowed = allowed_range(k);
        break;
      case KeyType::Float:
        type = k.log_scale ? "float (log scale)" : "float";
        allowed = allowed_range(k);
        break;
      case KeyType::Enum:
        type = "enum";
        allowed = "`" + join(k.choices, "`, `") + "`";
        break;
      case KeyType::Text:
        type = "text";
        allowed = k.allowed_text;
        break;
    }
    std::string help = k.label + ". " + k.help;
    if (!k.needs_reset) help += " Can change while training runs.";
    const std::string def = k.def.empty() ? "(empty)" : "`" + k.def + "`";
    md += "| `" + k.name + "` | " + type + " | " + def + " | " +
          markdown_cell(allowed) + " | " + markdown_cell(help) + " |\n";
  }
  return md;
}

bool key_shown(const KeyDef& k, const Config& cfg) {
  size_t at = 0;
  while (at < k.shown_if.size()) {
    size_t end = k.shown_if.find(';', at);
    if (end == std::string::npos) end = k.shown_if.size();
    const std::string cond = k.shown_if.substr(at, end - at);
    at = end + 1;
    const size_t op = cond.find_first_of("!=");
    const bool negate = cond[op] == '!';
    const std::string values = "," + cond.substr(op + (negate ? 2 : 1)) + ",";
    const bool listed = values.find("," + cfg.s(cond.substr(0, op)) + ",") != std::string::npos;
    if (listed == negate) return false;
  }
  return true;
}

}  // namespace unroll
