// The UI's two languages: every tr("...") literal in src/app/*.cpp has a
// Portuguese entry, every key of the key table has a Portuguese label and
// help, and the language choice follows link > switch > browser.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/i18n.h"

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
        if (src[at] == '\\' && at + 1 < src.size()) {
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
}

TEST(I18n, EveryTrLiteralInTheAppHasAPortugueseEntry) {
  int seen = 0;
  for (const auto& e : fs::directory_iterator(fs::path(UNROLL_SOURCE_DIR) / "src/app")) {
    // i18n*.cpp define tr() and the catalogue (and mention tr("...") in comments).
    if (e.path().extension() != ".cpp" || e.path().filename().string().rfind("i18n", 0) == 0) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    for (const std::string& s : tr_literals(ss.str())) {
      ++seen;
      EXPECT_NE(portuguese(s), nullptr) << e.path().filename() << ": tr(\"" << s << "\") has no Portuguese entry in src/app/i18n_pt.cpp";
    }
  }
  EXPECT_GT(seen, 50);  // the scan found the UI's strings
}

TEST(I18n, EveryKeyHasAPortugueseLabelAndHelp) {
  for (const KeyDef& k : key_table()) {
    const KeyTextPt* t = key_text_pt(k.name);
    ASSERT_NE(t, nullptr) << "key " << k.name << " has no Portuguese label/help in src/app/i18n_pt.cpp";
    EXPECT_GT(std::string(t->label).size(), 0u) << k.name;
    EXPECT_GT(std::string(t->help).size(), 20u) << k.name;
  }
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
