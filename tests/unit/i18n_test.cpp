// The UI's two languages: every tr("...") literal in src/app/*.cpp has a
// Portuguese entry, every key of the key table has a Portuguese label and
// help, and the language choice follows link > switch > browser.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <sstream>

#include "app/state/i18n.h"
#include "app/state/views.h"
#include "core/train/experiment_spec.h"

namespace unroll::app {
namespace {

namespace fs = std::filesystem;

// The string literals passed to tr(...) in a C++ source: tr( followed by
// one or more adjacent "..." literals (joined, as the compiler does).
std::vector<std::string> tr_literals(const std::string& src) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = src.find("tr(", at)) != std::string::npos) {
    const bool word_start = at == 0 || !(std::isalnum(static_cast<unsigned char>(src[at - 1])) || src[at - 1] == '_');
    at += 3;
    if (!word_start) continue;
    std::string joined;
    bool any = false;
    for (;;) {
      while (at < src.size() && std::isspace(static_cast<unsigned char>(src[at]))) ++at;
      if (at >= src.size() || src[at] != '"') break;
      ++at;
      while (at < src.size() && src[at] != '"') {
        if (src[at] == '\\' && at + 3 < src.size() && src[at + 1] == 'x') {
          // \xHH: one byte (UTF-8 text such as the pilcrow is written this way).
          joined += static_cast<char>(std::stoi(src.substr(at + 2, 2), nullptr, 16));
          at += 4;
        } else if (src[at] == '\\' && at + 1 < src.size()) {
          const char e = src[at + 1];
          joined += e == 'n' ? '\n' : e;
          at += 2;
        } else {
          joined += src[at++];
        }
      }
      ++at;
      any = true;
    }
    if (any) out.push_back(joined);
  }
  return out;
}

TEST(I18n, ScannerJoinsAdjacentLiterals) {
  const auto v = tr_literals("x = tr(\"a \"\n  \"b\"); y = ptr(\"no\"); tr(name); tr(\"q\\\"\")");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], "a b");
  EXPECT_EQ(v[1], "q\"");
  const auto x = tr_literals("tr(\"a\\xC2\\xB6b\")");
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0], "a\xC2\xB6" "b");
}

TEST(I18n, EveryTrLiteralInTheAppHasAPortugueseEntry) {
  int seen = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(UNROLL_SOURCE_DIR) / "src/app")) {
    // i18n*.cpp define tr() and the catalogue (and mention tr("...") in comments).
    if (e.path().extension() != ".cpp" || e.path().filename().string().rfind("i18n", 0) == 0) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (const std::string& s : tr_literals(ss.str())) {
      ++seen;
      EXPECT_NE(portuguese(s), nullptr) << e.path().filename() << ": tr(\"" << s << "\") has no Portuguese entry in src/app/state/i18n_pt.cpp";
    }
  }
  EXPECT_GT(seen, 50);  // the scan found the UI's strings
}

// The printf conversions of a format string in order ("%.3f (t=%d)" ->
// {"%.3f", "%d"}); "%%" is a literal percent sign, not a conversion.
std::vector<std::string> conversions(const std::string& f) {
  std::vector<std::string> out;
  for (size_t k = 0; k < f.size(); ++k) {
    if (f[k] != '%') continue;
    if (k + 1 < f.size() && f[k + 1] == '%') {
      ++k;
      continue;
    }
    size_t end = k + 1;
    while (end < f.size() && std::strchr("-+ #0123456789.hlLzjt", f[end])) ++end;
    out.push_back(f.substr(k, end < f.size() ? end - k + 1 : end - k));
    k = end;
  }
  return out;
}

TEST(I18n, ConversionsAreFoundInOrder) {
  EXPECT_EQ(conversions("t = %d: value %.3f%s (%+.3f) 100%% %ld"),
            (std::vector<std::string>{"%d", "%.3f", "%s", "%+.3f", "%ld"}));
  EXPECT_TRUE(conversions("no format").empty());
}

// A translation with other printf conversions than its English key would
// print garbage or read the wrong argument type when used as a format.
TEST(I18n, EveryTranslationKeepsThePrintfConversionsOfItsKey) {
  const auto& all = portuguese_catalogue();
  ASSERT_EQ(all.size(), portuguese_entries());
  for (const auto& [en, pt] : all)
    EXPECT_EQ(conversions(en), conversions(pt)) << "\"" << en << "\" -> \"" << pt << "\"";
}

TEST(I18n, TextsWithNumbersAreTranslatedWithTheirNumbers) {
  set_language("pt");
  EXPECT_EQ(tr_with_numbers("Read 12 digits, write them backwards."), "Ler 12 dígitos e escrevê-los de trás para frente.");
  EXPECT_EQ(tr_with_numbers("Add two numbers of up to 3 digits written as text: 123+45= gives 168."),
            "Somar dois números de até 3 dígitos escritos como texto: 123+45= dá 168.");
  EXPECT_EQ(tr_with_numbers("nothing like 42 this"), "nothing like 42 this");
  set_language("en");
  EXPECT_EQ(tr_with_numbers("Read 12 digits, write them backwards."), "Read 12 digits, write them backwards.");
}

// Core writes task descriptions and metric names in English; the UI shows
// them through tr_with_numbers()/tr(), so every task's must have an entry.
TEST(I18n, EveryTaskDescriptionAndMetricNameHasAPortugueseText) {
  const char* queries[] = {"task=adding",  "task=copy",          "task=parity&parity_at=every",
                           "task=parity&parity_at=end", "task=reber", "task=sine", "task=text",
                           "model=seq2seq&task=reverse", "model=seq2seq&task=repeat",
                           "model=seq2seq&task=sort", "model=seq2seq&task=addition",
                           "task=series&T=3", "task=series&T=3&label=c"};
  // task=series reads a CSV: two classes in runs of 5 rows.
  std::string csv = "x,c\n";
  for (int r = 0; r < 20; ++r) csv += std::to_string(r % 7) + "," + ((r / 5) % 2 ? "a" : "b") + "\n";
  set_language("pt");
  for (const char* q : queries) {
    std::vector<ConfigError> errors;
    const Config cfg = Config::parse(q, &errors);
    ASSERT_TRUE(errors.empty()) << q;
    std::string err;
    const auto task = make_task(cfg, csv, &err);
    ASSERT_NE(task, nullptr) << q << ": " << err;
    const TaskInfo& info = task->info();
    EXPECT_NE(tr_with_numbers(info.description), info.description) << q << ": " << info.description;
    EXPECT_NE(portuguese(info.metric_name), nullptr) << q << ": " << info.metric_name;
  }
  set_language("en");
}

TEST(I18n, EveryKeyHasAPortugueseLabelAndHelp) {
  for (const KeyDef& k : key_table()) {
    const KeyTextPt* t = key_text_pt(k.name);
    ASSERT_NE(t, nullptr) << "key " << k.name << " has no Portuguese label/help in src/app/state/i18n_pt.cpp";
    EXPECT_GT(std::string(t->label).size(), 0u) << k.name;
    EXPECT_GT(std::string(t->help).size(), 20u) << k.name;
  }
}

TEST(I18n, EveryViewTitleHasAPortugueseText) {
  for (const ViewInfo& v : view_table())
    for (const char* t : {v.title, v.other_title, v.short_title, v.other_short})
      if (t) EXPECT_NE(portuguese(t), nullptr) << v.id << ": " << t;
}

TEST(I18n, TranslatesAndFallsBackToEnglish) {
  set_language("en");
  EXPECT_STREQ(tr("Reset"), "Reset");
  ASSERT_TRUE(set_language("pt"));
  EXPECT_STREQ(tr("Reset"), "Reiniciar");
  EXPECT_STREQ(tr("Set up this experiment"), "Configurar este experimento");
  EXPECT_STREQ(tr("not in the catalogue"), "not in the catalogue");
  const KeyDef* rho = find_key("rho");
  ASSERT_NE(rho, nullptr);
  EXPECT_EQ(key_label(*rho), "Raio espectral");
  EXPECT_FALSE(set_language("fr"));
  EXPECT_EQ(language(), "pt");
  set_language("en");
  EXPECT_EQ(key_label(*rho), rho->label);
}

TEST(I18n, BrowserLanguagePicksTheDefaultUntilAChoiceIsMade) {
  reset_language();
  set_browser_language("pt-BR");
  EXPECT_EQ(language(), "pt");
  set_browser_language("en-US");
  EXPECT_EQ(language(), "en");
  set_browser_language("PT");
  EXPECT_EQ(language(), "pt");
  set_language("en");  // the link's lang= or the switch
  set_browser_language("pt-BR");
  EXPECT_EQ(language(), "en");
}

}  // namespace
}  // namespace unroll::app
