// The experiment config: key table, strict URL parsing, canonical spelling,
// error messages, and the README's generated key list.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/tensor/rng.h"

namespace unroll {
namespace {

std::vector<ConfigError> errors_of(const std::string& query, Config* out = nullptr) {
  std::vector<ConfigError> errors;
  Config c = Config::parse(query, &errors);
  if (out) *out = c;
  return errors;
}

// Parses a query that must produce exactly one error and returns it.
ConfigError single_error(const std::string& query) {
  std::vector<ConfigError> errors = errors_of(query);
  EXPECT_EQ(errors.size(), 1u) << query;
  return errors.empty() ? ConfigError{} : errors[0];
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Printable ASCII without the characters HTML gives meaning to (< > & " `).
// Our own sentences use ' as a quote, so it is allowed in messages.
bool safe_to_display(const std::string& s) {
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7f) return false;
    if (c == '<' || c == '>' || c == '&' || c == '"' || c == '`') return false;
  }
  return true;
}

// Values to try per key: range ends, a middle value, every enum choice.
std::vector<std::string> sample_values(const KeyDef& k) {
  if (k.type == KeyType::Enum) return k.choices;
  if (k.type == KeyType::Text) {
    if (k.rule == TextRule::Pairs) return {"", "49.75:40.39", "-1e-3:2,0:1", "0.1:0.30000000000000004"};
    if (k.rule == TextRule::Item) return {"", "SUNACTIVITY", "2", "état de la mer", "a&b=c+d#e%"};
    return {"", "SUNACTIVITY", "1,3", "temp,wind speed", "a&b=c+d#e%,x:y"};
  }
  if (k.type == KeyType::Int) {
    const long long lo = static_cast<long long>(k.lo);
    const long long hi = static_cast<long long>(k.hi);
    return {std::to_string(lo), std::to_string(hi), std::to_string(lo + (hi - lo) / 2)};
  }
  std::vector<std::string> v;
  std::ostringstream lo, hi, mid, third;
  lo.precision(17);
  hi.precision(17);
  mid.precision(17);
  third.precision(17);
  lo << k.lo;
  hi << k.hi;
  mid << (k.log_scale ? std::sqrt(k.lo * k.hi) : (k.lo + k.hi) / 2);
  third << (k.lo + (k.hi - k.lo) / 3);  // 17 digits, not a short decimal
  return {lo.str(), hi.str(), mid.str(), third.str()};
}

// ---- the key table ---------------------------------------------------------

TEST(KeyTable, NamesAreUniqueAndEveryKeyIsDocumented) {
  std::set<std::string> names;
  for (const KeyDef& k : key_table()) {
    EXPECT_TRUE(names.insert(k.name).second) << "duplicate key " << k.name;
    EXPECT_FALSE(k.label.empty()) << k.name;
    EXPECT_GT(k.help.size(), 30u) << k.name << ": help should explain the effect";
    EXPECT_TRUE(safe_to_display(k.name)) << k.name;
    if (k.type == KeyType::Enum) {
      EXPECT_GE(k.choices.size(), 2u) << k.name;
    } else if (k.type == KeyType::Text) {
      EXPECT_FALSE(k.allowed_text.empty()) << k.name;
      EXPECT_GT(k.max_len, 0u) << k.name;
    } else {
      EXPECT_LE(k.lo, k.hi) << k.name;
    }
  }
  EXPECT_EQ(names.size(), 34u);
}

TEST(KeyTable, VersionComesFirstThenGroupsInUiOrder) {
  const auto& t = key_table();
  ASSERT_FALSE(t.empty());
  EXPECT_EQ(t[0].name, "v");
  // Groups are contiguous and in this order, so the UI can draw sections
  // by walking the table once.
  const std::vector<std::string> order = {"link", "model", "task", "training"};
  size_t group = 0;
  for (const KeyDef& k : t) {
    while (group < order.size() && order[group] != k.group) ++group;
    ASSERT_LT(group, order.size()) << k.name << " has group '" << k.group
                                   << "' out of order";
  }
}

TEST(KeyTable, FindKeyFindsExactNamesOnly) {
  ASSERT_NE(find_key("hidden"), nullptr);
  EXPECT_EQ(find_key("hidden")->def, "64");
  EXPECT_EQ(find_key("Hidden"), nullptr);
  EXPECT_EQ(find_key(""), nullptr);
}

TEST(KeyTable, LiveKeysAreTheTrainingKnobsOnly) {
  std::set<std::string> live;
  for (const KeyDef& k : key_table()) {
    if (!k.needs_reset) live.insert(k.name);
  }
  EXPECT_EQ(live, (std::set<std::string>{"lr", "momentum", "wd", "clip", "clip_at"}));
  EXPECT_TRUE(find_key("lr")->log_scale);
  EXPECT_TRUE(find_key("clip_at")->log_scale);
  EXPECT_FALSE(find_key("momentum")->log_scale);
}

// ---- defaults -----------------------------------------------------------------

TEST(Config, DefaultsMatchTheTable) {
  Config c;
  EXPECT_EQ(c.i("v"), 1);
  EXPECT_EQ(c.s("arch"), "lstm");
  EXPECT_EQ(c.i("layers"), 1);
  EXPECT_EQ(c.i("hidden"), 64);
  EXPECT_EQ(c.s("init"), "pytorch");
  EXPECT_EQ(c.f("rho"), 0.0);
  EXPECT_EQ(c.f("fbias"), 1.0);
  EXPECT_EQ(c.s("task"), "adding");
  EXPECT_EQ(c.i("T"), 50);
  EXPECT_EQ(c.i("symbols"), 5);
  EXPECT_EQ(c.i("alphabet"), 8);
  EXPECT_EQ(c.s("parity_at"), "end");
  EXPECT_EQ(c.i("waves"), 2);
  EXPECT_EQ(c.s("corpus"), "tiny");
  EXPECT_EQ(c.s("optim"), "adam");
  EXPECT_EQ(c.f("lr"), 0.01);
  EXPECT_EQ(c.f("momentum"), 0.9);
  EXPECT_EQ(c.f("wd"), 0.0);
  EXPECT_EQ(c.i("batch"), 32);
  EXPECT_EQ(c.s("clip"), "norm");
  EXPECT_EQ(c.f("clip_at"), 1.0);
  EXPECT_EQ(c.i("tbptt"), 0);
  EXPECT_EQ(c.s("tbptt_update"), "batch");
  EXPECT_EQ(c.i("seed"), 1);
}

TEST(Config, EveryDefaultIsValidAndAlreadyCanonical) {
  for (const KeyDef& k : key_table()) {
    Config c;
    ConfigError error;
    EXPECT_TRUE(c.set(k.name, k.def, &error)) << k.name << ": " << error.message;
    EXPECT_EQ(c.s(k.name), k.def) << k.name;
    EXPECT_EQ(c, Config());
  }
}

TEST(Config, DefaultQueryIsJustTheVersion) {
  EXPECT_EQ(Config().to_query(), "v=1");
  Config parsed;
  EXPECT_TRUE(errors_of("", &parsed).empty());
  EXPECT_EQ(parsed, Config());
}

// ---- round trips ---------------------------------------------------------------

TEST(Config, EveryKeyRoundTripsAtRangeEndsMiddleAndEveryChoice) {
  for (const KeyDef& k : key_table()) {
    for (const std::string& value : sample_values(k)) {
      Config c;
      ConfigError error;
      ASSERT_TRUE(c.set(k.name, value, &error)) << k.name << "=" << value << ": "
                                                << error.message;
      const std::string query = c.to_query();
      std::vector<ConfigError> errors;
      const Config back = Config::parse(query, &errors);
      EXPECT_TRUE(errors.empty()) << query;
      EXPECT_EQ(back, c) << query;
      EXPECT_EQ(back.to_query(), query) << "spelling must be stable";
      if (k.type == KeyType::Float) {
        EXPECT_EQ(back.f(k.name), std::stod(value)) << query;  // exact, not near
      } else if (k.type == KeyType::Int) {
        EXPECT_EQ(back.i(k.name), std::stoll(value)) << query;
      } else {
        EXPECT_EQ(back.s(k.name), value) << query;
      }
    }
  }
}

TEST(Config, RandomFloatsRoundTripExactly) {
  Rng rng(42);
  for (const KeyDef& k : key_table()) {
    if (k.type != KeyType::Float) continue;
    for (int trial = 0; trial < 2000; ++trial) {
      // Uniform draws, plus log-uniform ones for log-scale keys.
      double x = rng.uniform(k.lo, k.hi);
      if (k.log_scale && trial % 2) {
        x = std::exp(rng.uniform(std::log(k.lo), std::log(k.hi)));
      }
      if (x < k.lo || x > k.hi) continue;
      std::ostringstream text;
      text.precision(17);
      text << x;
      Config c;
      ASSERT_TRUE(c.set(k.name, text.str(), nullptr)) << k.name << "=" << text.str();
      ASSERT_EQ(c.f(k.name), x) << k.name << "=" << text.str();
      std::vector<ConfigError> errors;
      const Config back = Config::parse(c.to_query(), &errors);
      ASSERT_TRUE(errors.empty()) << c.to_query();
      ASSERT_EQ(back, c) << c.to_query();
      ASSERT_EQ(back.f(k.name), x) << c.to_query();
    }
  }
}

TEST(Config, FloatsAreSpelledAsTheShortestExactDecimal) {
  Config c;
  ASSERT_TRUE(c.set("lr", "0.0100", nullptr));
  EXPECT_EQ(c.s("lr"), "0.01");
  ASSERT_TRUE(c.set("lr", "1e-05", nullptr));
  EXPECT_EQ(c.s("lr"), "1e-5");
  ASSERT_TRUE(c.set("lr", "1E-6", nullptr));
  EXPECT_EQ(c.s("lr"), "1e-6");
  ASSERT_TRUE(c.set("lr", "0.30000000000000004", nullptr));
  EXPECT_EQ(c.s("lr"), "0.30000000000000004");  // 0.1+0.2 is not 0.3
  ASSERT_TRUE(c.set("lr", ".5", nullptr));
  EXPECT_EQ(c.s("lr"), "0.5");
  ASSERT_TRUE(c.set("clip_at", "1000000", nullptr));
  EXPECT_EQ(c.s("clip_at"), "1e6");  // no '+': a URL would read it as a space
  // Plain or exponent form, whichever is shorter; plain on a tie.
  ASSERT_TRUE(c.set("clip_at", "10", nullptr));
  EXPECT_EQ(c.s("clip_at"), "10");
  ASSERT_TRUE(c.set("clip_at", "100", nullptr));
  EXPECT_EQ(c.s("clip_at"), "100");
  ASSERT_TRUE(c.set("clip_at", "1000", nullptr));
  EXPECT_EQ(c.s("clip_at"), "1e3");
  ASSERT_TRUE(c.set("clip_at", "1500", nullptr));
  EXPECT_EQ(c.s("clip_at"), "1500");
  ASSERT_TRUE(c.set("lr", "0.001", nullptr));
  EXPECT_EQ(c.s("lr"), "1e-3");
  ASSERT_TRUE(c.set("lr", "0.0015", nullptr));
  EXPECT_EQ(c.s("lr"), "0.0015");
  ASSERT_TRUE(c.set("clip_at", "123.25", nullptr));
  EXPECT_EQ(c.s("clip_at"), "123.25");
  ASSERT_TRUE(c.set("fbias", "-0", nullptr));
  EXPECT_EQ(c.s("fbias"), "0");  // -0 and 0 are one config
  ASSERT_TRUE(c.set("fbias", "-2.5e0", nullptr));
  EXPECT_EQ(c.s("fbias"), "-2.5");
}

TEST(Config, IntsAreSpelledAsPlainDecimals) {
  Config c;
  ASSERT_TRUE(c.set("hidden", "0128", nullptr));
  EXPECT_EQ(c.s("hidden"), "128");
  EXPECT_EQ(c.i("hidden"), 128);
  EXPECT_EQ(c.f("hidden"), 128.0);  // f() reads ints too
  ASSERT_TRUE(c.set("seed", "2147483647", nullptr));
  EXPECT_EQ(c.i("seed"), 2147483647);
  ASSERT_TRUE(c.set("tbptt", "-0", nullptr));
  EXPECT_EQ(c.s("tbptt"), "0");
}

// ---- query shape -----------------------------------------------------------------

TEST(Config, ToQueryStartsWithVersionOmitsDefaultsAndFollowsTableOrder) {
  Config c;
  ASSERT_TRUE(c.set("seed", "7", nullptr));
  ASSERT_TRUE(c.set("arch", "gru", nullptr));
  ASSERT_TRUE(c.set("hidden", "64", nullptr));  // the default: not written
  ASSERT_TRUE(c.set("lr", "0.05", nullptr));
  EXPECT_EQ(c.to_query(), "v=1&arch=gru&lr=0.05&seed=7");
}

TEST(Config, LeadingQuestionMarkOrHashAndEmptyPairsAreAccepted) {
  for (const std::string q : {"?hidden=8", "#hidden=8", "&&hidden=8&", "v=1&&hidden=8"}) {
    Config c;
    EXPECT_TRUE(errors_of(q, &c).empty()) << q;
    EXPECT_EQ(c.i("hidden"), 8) << q;
  }
}

TEST(Config, KeysAndValuesArePercentDecoded) {
  Config c;
  EXPECT_TRUE(errors_of("%61rch=%6c%73%74%6D&l%72=1%2E5e-3", &c).empty());
  EXPECT_EQ(c.s("arch"), "lstm");
  EXPECT_EQ(c.s("lr"), "0.0015");
  // '+' is a space in a query, and a space is not part of any value.
  const ConfigError e = single_error("arch=l+stm");
  EXPECT_EQ(e.value, "l stm");
}

// ---- one test per error class ------------------------------------------------------

TEST(ConfigErrors, UnknownKeySuggestsTheClosestKey) {
  const ConfigError e = single_error("hiden=8");
  EXPECT_EQ(e.key, "hiden");
  EXPECT_EQ(e.message, "Unknown key 'hiden': did you mean 'hidden'?");
  EXPECT_TRUE(contains(single_error("Hidden=8").message, "did you mean 'hidden'?"));
  EXPECT_TRUE(contains(single_error("t=8").message, "did you mean 'T'?"));
}

TEST(ConfigErrors, UnknownKeyFarFromAnyListsTheKnownKeys) {
  const ConfigError e = single_error("colour=red");
  EXPECT_TRUE(contains(e.message, "Unknown key 'colour'. Known keys: v, model, arch, layers"))
      << e.message;
  EXPECT_TRUE(contains(e.message, "seed.")) << e.message;
}

TEST(ConfigErrors, PairWithoutEqualsSign) {
  const ConfigError e = single_error("hidden");
  EXPECT_EQ(e.key, "hidden");
  EXPECT_TRUE(contains(e.message, "'hidden' has no '='")) << e.message;
  EXPECT_EQ(Config::parse("hidden", nullptr), Config());
}

TEST(ConfigErrors, PairWithoutKey) {
  const ConfigError e = single_error("=8");
  EXPECT_EQ(e.key, "");
  EXPECT_EQ(e.value, "8");
  EXPECT_TRUE(contains(e.message, "has no key before '='")) << e.message;
}

TEST(ConfigErrors, IntRejectsAnythingButDecimalDigits) {
  for (const std::string v : {"1e3", "12abc", " 12", "12 ", "0x10", "1.0", "+5", "-",
                              "1,000", "sixty"}) {
    const ConfigError e = single_error("hidden=" + v);
    EXPECT_EQ(e.key, "hidden");
    EXPECT_TRUE(contains(e.message, "is not a whole number")) << v << ": " << e.message;
    EXPECT_TRUE(contains(e.message, "allowed 1 to 512.")) << e.message;
  }
  EXPECT_EQ(single_error("hidden=").message, "hidden has an empty value: allowed 1 to 512.");
}

TEST(ConfigErrors, FloatRejectsJunk) {
  for (const std::string v : {"abc", "1e", "1.2.3", "0x1p3", "1..", ".", "-", "e5",
                              "1e+", "1f", "1 ", "--1", "1,5"}) {
    const ConfigError e = single_error("lr=" + v);
    EXPECT_EQ(e.key, "lr");
    EXPECT_TRUE(contains(e.message, "is not a number")) << v << ": " << e.message;
    EXPECT_TRUE(contains(e.message, "allowed 1e-6 to 10.")) << e.message;
  }
}

TEST(ConfigErrors, FloatRejectsNanAndInfinity) {
  for (const std::string v : {"nan", "NaN", "-nan", "inf", "-inf", "Infinity", "%2Binf"}) {
    const ConfigError e = single_error("rho=" + v);
    EXPECT_TRUE(contains(e.message, "is not a finite number")) << v << ": " << e.message;
  }
}

TEST(ConfigErrors, OutOfRangeLowAndHighNameKeyValueAndRange) {
  EXPECT_EQ(single_error("hidden=5000").message,
            "hidden=5000 is out of range: allowed 1 to 512.");
  EXPECT_EQ(single_error("hidden=0").message, "hidden=0 is out of range: allowed 1 to 512.");
  EXPECT_EQ(single_error("lr=0").message, "lr=0 is out of range: allowed 1e-6 to 10.");
  EXPECT_EQ(single_error("lr=10.5").message, "lr=10.5 is out of range: allowed 1e-6 to 10.");
  EXPECT_EQ(single_error("momentum=1").message,
            "momentum=1 is out of range: allowed 0 to 0.999.");
  EXPECT_EQ(single_error("fbias=-11").message,
            "fbias=-11 is out of range: allowed -10 to 10.");
  // Beyond int64 / double: still a range error, not a crash or wrap-around.
  EXPECT_TRUE(contains(single_error("seed=99999999999999999999999").message, "out of range"));
  EXPECT_TRUE(contains(single_error("seed=-1").message, "allowed 0 to 2147483647."));
  EXPECT_TRUE(contains(single_error("clip_at=1e999").message, "out of range"));
  EXPECT_TRUE(contains(single_error("clip_at=1e-999").message, "out of range"));
}

TEST(ConfigErrors, UnknownEnumValueListsTheChoices) {
  const ConfigError e = single_error("arch=transformer");
  EXPECT_EQ(e.key, "arch");
  EXPECT_EQ(e.value, "transformer");
  EXPECT_EQ(e.message,
            "arch=transformer is not an allowed value: choose one of rnn_tanh, "
            "rnn_relu, lstm, gru.");
  EXPECT_TRUE(contains(single_error("arch=LSTM").message, "not an allowed value"));
}

TEST(ConfigErrors, OnlyVersionOneIsAccepted) {
  EXPECT_EQ(single_error("v=2").message,
            "v=2 is a link version this build does not understand: only v=1 is supported.");
  EXPECT_TRUE(contains(single_error("v=0").message, "only v=1 is supported"));
  EXPECT_TRUE(errors_of("v=1").empty());
}

TEST(ConfigErrors, DuplicateKeyKeepsTheFirstValueAndReportsTheSecond) {
  Config c;
  std::vector<ConfigError> errors = errors_of("hidden=8&arch=gru&hidden=16", &c);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "hidden");
  EXPECT_EQ(errors[0].value, "16");
  EXPECT_EQ(errors[0].message,
            "Key 'hidden' appears more than once: its first value is used and "
            "hidden=16 is ignored.");
  EXPECT_EQ(c.i("hidden"), 8);
  EXPECT_EQ(c.s("arch"), "gru");
  // Spelled differently, still the same key.
  EXPECT_EQ(errors_of("hidden=8&%68idden=9").size(), 1u);
}

TEST(ConfigErrors, BrokenPercentEscapeNamesThePair) {
  for (const std::string q : {"arch=%zz", "arch=lstm%", "arch=lstm%4", "ar%Gch=lstm"}) {
    Config c;
    std::vector<ConfigError> errors = errors_of(q, &c);
    ASSERT_EQ(errors.size(), 1u) << q;
    EXPECT_TRUE(contains(errors[0].message, "'" + q + "' has a broken percent escape"))
        << errors[0].message;
    EXPECT_EQ(c, Config()) << "a broken pair is not applied";
  }
}

// ---- many errors, hostile input ------------------------------------------------------

TEST(ConfigErrors, AllErrorsAreReturnedAndGoodPairsStillApply) {
  Config c;
  std::vector<ConfigError> errors =
      errors_of("?arch=gru&hidden=9999&lr=0.003&bogus=1&layers=two&task=copy&T", &c);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].key, "hidden");
  EXPECT_EQ(errors[1].key, "bogus");
  EXPECT_EQ(errors[2].key, "layers");
  EXPECT_EQ(errors[3].key, "T");
  EXPECT_EQ(c.s("arch"), "gru");
  EXPECT_EQ(c.f("lr"), 0.003);
  EXPECT_EQ(c.s("task"), "copy");
  EXPECT_EQ(c.i("hidden"), 64);  // bad values leave the default
  EXPECT_EQ(c.i("layers"), 1);
  EXPECT_EQ(c.to_query(), "v=1&arch=gru&task=copy&lr=3e-3");
}

TEST(ConfigErrors, ParseAppendsToExistingErrorsAndAcceptsNull) {
  std::vector<ConfigError> errors(1);
  Config::parse("hidden=0", &errors);
  EXPECT_EQ(errors.size(), 2u);
  Config c = Config::parse("hidden=0&layers=2", nullptr);
  EXPECT_EQ(c.i("layers"), 2);
}

TEST(ConfigErrors, FailedSetLeavesTheValueUnchanged) {
  Config c;
  ASSERT_TRUE(c.set("hidden", "100", nullptr));
  ConfigError error;
  EXPECT_FALSE(c.set("hidden", "1000", &error));
  EXPECT_EQ(c.i("hidden"), 100);
  EXPECT_EQ(error.key, "hidden");
  EXPECT_EQ(error.value, "1000");
  EXPECT_FALSE(c.set("nope", "1", &error));
  EXPECT_TRUE(contains(error.message, "Unknown key 'nope'"));
  EXPECT_FALSE(c.set("lr", "x", nullptr));  // null error pointer is fine
}

TEST(ConfigErrors, ScriptTagIsNeverEchoedRaw) {
  const std::string q =
      "arch=%3Cscript%3Ealert(%22x%22)%3C/script%3E&<script>=1&hidden=<b>&x=\"'`&";
  std::vector<ConfigError> errors = errors_of(q);
  ASSERT_EQ(errors.size(), 4u);
  for (const ConfigError& e : errors) {
    EXPECT_TRUE(safe_to_display(e.message)) << e.message;
    EXPECT_TRUE(safe_to_display(e.key)) << e.key;
    EXPECT_TRUE(safe_to_display(e.value)) << e.value;
  }
  EXPECT_EQ(errors[0].value, "?script?alert(?x?)?/script?");
}

TEST(ConfigErrors, ControlAndNonAsciiBytesAreShownAsQuestionMarks) {
  const ConfigError e = single_error("arch=a%00b%1Bc%7Fd%C3%A9");
  EXPECT_EQ(e.value, "a?b?c?d??");
  EXPECT_TRUE(safe_to_display(e.message)) << e.message;
}

TEST(ConfigErrors, LongValuesAreTruncatedTo64Chars) {
  const std::string long_value(100000, '9');
  const ConfigError e = single_error("hidden=" + long_value);
  EXPECT_EQ(e.value.size(), 64u);
  EXPECT_EQ(e.value.substr(61), "...");
  EXPECT_TRUE(contains(e.message, "out of range")) << e.message;
  EXPECT_LT(e.message.size(), 200u);
  const ConfigError k = single_error(std::string(5000, 'k') + "=1");
  EXPECT_EQ(k.key.size(), 64u);
}

TEST(ConfigErrors, HundredKilobytesOfJunkGiveSafeErrorsAndNoCrash) {
  Rng rng(7);
  std::string junk(100 * 1024, ' ');
  for (char& ch : junk) ch = static_cast<char>(rng.below(256));
  junk += "&layers=3";  // a good pair at the end still applies
  Config c;
  std::vector<ConfigError> errors = errors_of(junk, &c);
  EXPECT_FALSE(errors.empty());
  EXPECT_EQ(c.i("layers"), 3);
  for (const ConfigError& e : errors) {
    ASSERT_TRUE(safe_to_display(e.message)) << e.message;
    ASSERT_LE(e.key.size(), 64u);
    ASSERT_LE(e.value.size(), 64u);
  }
  // The survivor still writes a clean, parseable link.
  EXPECT_TRUE(errors_of(c.to_query()).empty());
}

// ---- typed reads -------------------------------------------------------------

// ---- text keys (columns, label, norm) -------------------------------------------

TEST(Config, TextKeysAreValidatedWithMessagesNamingTheKey) {
  EXPECT_TRUE(contains(single_error("v=1&columns=a,,b").message, "columns=a,,b has an empty item between commas"));
  EXPECT_TRUE(contains(single_error("v=1&columns=a,").message, "empty item"));
  EXPECT_TRUE(contains(single_error("v=1&label=a,b").message, "label=a,b names more than one column"));
  EXPECT_TRUE(contains(single_error("v=1&norm=1:0").message, "'1:0' is not mean:std"));
  EXPECT_TRUE(contains(single_error("v=1&norm=x:1").message, "'x:1' is not mean:std"));
  EXPECT_TRUE(contains(single_error("v=1&norm=1").message, "'1' is not mean:std"));
  EXPECT_TRUE(contains(single_error("v=1&norm=nan:1").message, "is not mean:std"));
  EXPECT_TRUE(contains(single_error("v=1&columns=a%0Ab").message, "has a control character"));
  EXPECT_TRUE(contains(single_error("v=1&label=" + std::string(5000, 'x')).message,
                       "label is 5000 characters long; at most 4096"));
  for (const char* q : {"v=1&columns=1,3", "v=1&label=activity", "v=1&norm=49.75:40.39,0:1e-3", "v=1&columns="})
    EXPECT_TRUE(errors_of(q).empty()) << q;
}

TEST(Config, TextKeysKeepCommasAndColonsReadableInTheLink) {
  Config c;
  ASSERT_TRUE(c.set("columns", "1,3", nullptr));
  ASSERT_TRUE(c.set("norm", "49.75:40.39,0:1", nullptr));
  ASSERT_TRUE(c.set("label", "a b&c", nullptr));
  EXPECT_EQ(c.to_query(), "v=1&columns=1,3&label=a%20b%26c&norm=49.75:40.39,0:1");
  EXPECT_THROW(c.f("columns"), std::logic_error);  // text is not a number
}

TEST(Config, TypedReadsRejectUnknownKeysAndWrongTypes) {
  Config c;
  EXPECT_THROW(c.i("nope"), std::logic_error);
  EXPECT_THROW(c.f("nope"), std::logic_error);
  EXPECT_THROW(c.s("nope"), std::logic_error);
  EXPECT_THROW(c.i("lr"), std::logic_error);    // a float is not an int
  EXPECT_THROW(c.i("arch"), std::logic_error);  // an enum is not a number
  EXPECT_THROW(c.f("arch"), std::logic_error);
  EXPECT_EQ(c.s("lr"), "0.01");  // every key has a URL spelling
}

// ---- README -------------------------------------------------------------------

TEST(KeyTableMarkdown, HasAHeaderAndOneRowPerKey) {
  const std::string md = key_table_markdown();
  std::istringstream lines(md);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), key_table().size() + 2);
  EXPECT_EQ(rows[0], "| key | type | default | allowed | help |");
  EXPECT_TRUE(contains(md, "| `hidden` | int | `64` | 1 to 512 | Hidden units. "));
  EXPECT_TRUE(contains(md, "| `arch` | enum | `lstm` | `rnn_tanh`, `rnn_relu`, `lstm`, `gru` |"));
  EXPECT_TRUE(contains(md, "| `lr` | float (log scale) | `0.01` | 1e-6 to 10 |"));
  EXPECT_EQ(md.back(), '\n');
}

TEST(KeyTableMarkdown, ReadmeKeySectionIsUpToDate) {
  const std::string path = std::string(UNROLL_SOURCE_DIR) + "/README.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::string begin = "<!-- keys:begin -->\n";
  const std::string end = "<!-- keys:end -->";
  const size_t b = readme.find(begin);
  ASSERT_NE(b, std::string::npos) << "README.md lacks the line " << begin;
  const size_t e = readme.find(end, b);
  ASSERT_NE(e, std::string::npos) << "README.md lacks the line " << end;
  EXPECT_EQ(readme.substr(b + begin.size(), e - b - begin.size()), key_table_markdown())
      << "README key list is stale: run scripts/update_readme_keys.sh";
}

}  // namespace
}  // namespace unroll

namespace unroll {
namespace {

TEST(KeyShown, TaskAndCellSpecificKeysFollowTheConfig) {
  std::vector<ConfigError> e;
  const Config copy_lstm = Config::parse("v=1&task=copy&arch=lstm&clip=off&tbptt=5", &e);
  const Config adding_gru = Config::parse("v=1&task=adding&arch=gru", &e);
  ASSERT_TRUE(e.empty());
  EXPECT_TRUE(key_shown(*find_key("symbols"), copy_lstm));
  EXPECT_FALSE(key_shown(*find_key("symbols"), adding_gru));
  EXPECT_TRUE(key_shown(*find_key("fbias"), copy_lstm));
  EXPECT_FALSE(key_shown(*find_key("fbias"), adding_gru));
  EXPECT_FALSE(key_shown(*find_key("clip_at"), copy_lstm));
  EXPECT_TRUE(key_shown(*find_key("clip_at"), adding_gru));
  EXPECT_TRUE(key_shown(*find_key("tbptt_update"), copy_lstm));
  EXPECT_FALSE(key_shown(*find_key("tbptt_update"), adding_gru));
  EXPECT_TRUE(key_shown(*find_key("hidden"), adding_gru));
  const Config tf = Config::parse("v=1&model=transformer&arch=lstm", &e);
  EXPECT_FALSE(key_shown(*find_key("fbias"), tf)) << "both conditions must hold";
  EXPECT_TRUE(key_shown(*find_key("heads"), tf));
  EXPECT_FALSE(key_shown(*find_key("heads"), copy_lstm));
  // Every condition names a real key.
  for (const KeyDef& k : key_table()) {
    size_t at = 0;
    while (at < k.shown_if.size()) {
      size_t end = k.shown_if.find(';', at);
      if (end == std::string::npos) end = k.shown_if.size();
      const std::string cond = k.shown_if.substr(at, end - at);
      EXPECT_NE(find_key(cond.substr(0, cond.find_first_of("!="))), nullptr) << k.name << ": " << cond;
      at = end + 1;
    }
  }
}

}  // namespace
}  // namespace unroll
