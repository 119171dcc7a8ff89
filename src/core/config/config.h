// The experiment configuration: ONE table of keys (name, type, default,
// range, help) drives URL parsing, validation messages, the UI widgets and
// the README's key list. A Config is a value per key of that table.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace unroll {

enum class KeyType { Int, Float, Enum, Text };

// What a Text key's value may be (every rule also allows "", the default,
// at most KeyDef::max_len bytes and no control characters):
//   List  = items separated by ',', none empty (columns=SUNACTIVITY,2)
//   Item  = one item, no ',' (label=activity)
//   Pairs = number:number items separated by ',', the second above 0
//           (norm=49.75:40.39)
enum class TextRule { List, Item, Pairs };

struct KeyDef {
  std::string name;      // URL key, e.g. "hidden"
  KeyType type;
  std::string def;       // default, as it is written in a URL
  double lo = 0, hi = 0; // inclusive range for Int/Float
  std::vector<std::string> choices;  // allowed values for Enum
  TextRule rule = TextRule::List;    // Text: what the value may be
  size_t max_len = 0;                // Text: longest value in bytes
  std::string allowed_text;          // Text: what is allowed, for people (README, tooltip)
  std::string group;     // "model", "task", "training" (UI section)
  std::string label;     // short UI label, e.g. "Hidden units"
  std::string help;      // tooltip: what it does to learning
  bool needs_reset = true;  // false: can change while training (e.g. lr)
  bool log_scale = false;   // UI hint for sliders (lr, clip threshold)
  // When the key matters, as "other=v1,v2" or "other!=v", several joined
  // by ';' (all must hold; "" = always):
  // the UI hides keys that do not matter for the current experiment.
  std::string shown_if;
};

const std::vector<KeyDef>& key_table();
const KeyDef* find_key(std::string_view name);

class Config;
// True if `k` matters for `cfg` (see KeyDef::shown_if).
bool key_shown(const KeyDef& k, const Config& cfg);

// The key table as a markdown table (key | type | default | allowed | help),
// one line per key, ending in '\n'. README.md embeds it between the lines
// <!-- keys:begin --> and <!-- keys:end --> (scripts/update_readme_keys.sh).
std::string key_table_markdown();

struct ConfigError {
  std::string key;      // offending key ("" if the pair had no key)
  std::string value;    // offending value as given (truncated to 64 chars)
  std::string message;  // full sentence: what was wrong and what is allowed
};

class Config {
 public:
  Config();  // all defaults

  // Strict parse of "v=1&arch=lstm&T=50" (a leading '?' or '#' is skipped).
  // Every bad pair adds one ConfigError; the good pairs still apply and
  // defaults fill the rest, so the caller can show all errors at once.
  static Config parse(std::string_view query, std::vector<ConfigError>* errors);

  // "v=1&..." with the keys in table order, defaults omitted.
  std::string to_query() const;

  // Set one key from its URL spelling; false (and *error) if invalid.
  bool set(std::string_view key, std::string_view value, ConfigError* error);

  // Typed reads; the key must exist in the table (else std::logic_error).
  int64_t i(std::string_view key) const;
  double f(std::string_view key) const;
  const std::string& s(std::string_view key) const;  // URL spelling of value

  bool operator==(const Config& o) const { return values_ == o.values_; }
  bool operator!=(const Config& o) const { return !(*this == o); }

 private:
  std::vector<std::string> values_;  // canonical URL spelling, per key_table()
};

}  // namespace unroll
