// One Portuguese vocabulary across the UI catalogue, the key help texts and
// every lesson's Portuguese text (issue 16): "porta" for gate (the notes'
// "portões" named once), "retropropagação através do tempo (BPTT)",
// "desaparecimento / explosão do gradiente", "Transformer", "etapa" for a
// lesson step (so "passo" is a training or time step), "EQM" for MSE, and
// decimal commas. Each rule lists the variants it forbids.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "core/config/config.h"
#include "core/lessons/lesson.h"

namespace unroll::app {
namespace {

namespace fs = std::filesystem;

struct PtText {
  std::string where;  // "catalogue: <English key>", "key rho", "02-bptt.lesson step 3 text"
  std::string text;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<PtText> catalogue_texts() {
  std::vector<PtText> out;
  for (const auto& [en, pt] : portuguese_catalogue()) out.push_back({"catalogue: \"" + std::string(en) + "\"", pt});
  for (const KeyDef& k : key_table()) {
    const KeyTextPt* t = key_text_pt(k.name);
    if (!t) continue;  // i18n_test reports a missing key
    out.push_back({"key " + k.name + " label", t->label});
    out.push_back({"key " + k.name + " help", t->help});
  }
  return out;
}

std::vector<PtText> lesson_texts() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(UNROLL_SOURCE_DIR) / "lessons"))
    if (e.path().extension() == ".lesson") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<PtText> out;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    Lesson l;
    LessonError err;
    EXPECT_TRUE(parse_lesson(read(f), name, &l, &err)) << err.text();
    out.push_back({name + " title", l.title.pt});
    for (size_t k = 0; k < l.steps.size(); ++k) {
      const LessonStep& s = l.steps[k];
      const std::string at = name + " step " + std::to_string(k + 1);
      out.push_back({at + " title", s.title.pt});
      out.push_back({at + " text", s.text.pt});
      out.push_back({at + " hint", s.hint.pt});
      if (!s.question.empty()) {
        out.push_back({at + " question", s.question.text.pt});
        for (size_t c = 0; c < s.question.choices.size(); ++c)
          out.push_back({at + " choice " + std::to_string(c + 1), s.question.choices[c].pt});
        out.push_back({at + " explanation", s.question.explain.pt});
      }
    }
  }
  return out;
}

std::vector<PtText> all_texts() {
  std::vector<PtText> a = catalogue_texts(), b = lesson_texts();
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// ASCII lower case (the Portuguese letters with accents stay as they are,
// which is fine: every rule below starts with an ASCII letter or a digit).
std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The text without anything in parentheses: the English original of a term
// may stand there, "porta de esquecimento (forget gate)".
std::string outside_parentheses(const std::string& s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0) out += c;
  }
  return out;
}

bool is_letter_byte(unsigned char c) { return std::isalpha(c) || c >= 0x80; }

// Occurrences of `word` in `text` that do not sit inside a longer word.
std::vector<size_t> word_hits(const std::string& text, const std::string& word) {
  std::vector<size_t> out;
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const bool start = at == 0 || !is_letter_byte(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + word.size();
    const bool stop = end >= text.size() || !is_letter_byte(static_cast<unsigned char>(text[end]));
    if (start && stop) out.push_back(at);
  }
  return out;
}

std::string around(const std::string& text, size_t at) {
  const size_t a = at < 40 ? 0 : at - 40;
  return "..." + text.substr(a, 100) + "...";
}

struct Rule {
  const char* variant;   // lower case
  const char* use;       // what the glossary says instead
  bool outside_parens;   // only outside parentheses (an English original may stand inside)
};

const Rule kRules[] = {
    {"gate", "porta (the English name only in parentheses)", true},
    {"gates", "portas (the English name only in parentheses)", true},
    {"backpropagation", "retropropagação (através do tempo, BPTT)", true},
    {"retropropagação no tempo", "retropropagação através do tempo", false},
    {"retropropagação pelo tempo", "retropropagação através do tempo", false},
    {"bptt truncado", "BPTT truncada (a retropropagação)", false},
    {"bptt completo", "BPTT completa (a retropropagação)", false},
    {"o bptt", "a BPTT (a retropropagação)", false},
    {"do bptt", "da BPTT (a retropropagação)", false},
    {"desaparecendo", "o desaparecimento do gradiente", false},
    {"explodindo", "a explosão do gradiente", false},
    {"gradientes que desaparecem", "o desaparecimento do gradiente", false},
    {"gradientes que explodem", "a explosão do gradiente", false},
    {"gradiente evanescente", "o desaparecimento do gradiente", false},
    {"vanishing", "desaparecimento (the English name only in parentheses)", true},
    {"exploding", "explosão (the English name only in parentheses)", true},
    {"transformador", "Transformer", false},
    {"transformadores", "Transformers", false},
    {"mse", "EQM", false},
    {"clipping de gradiente", "clipping do gradiente", false},
    // "passo" is a training or time step, "etapa" a step of a lesson.
    {"passos curtos", "etapas curtas (a lesson's steps)", false},
    {"começar este passo", "começar esta etapa (a lesson step)", false},
    {"configurações deste passo", "configurações desta etapa (a lesson step)", false},
    {"passo da lição", "etapa da lição", false},
    {"passos da lição", "etapas da lição", false},
    {"etapa de treino", "passo de treino", false},
    {"etapas de treino", "passos de treino", false},
    {"etapa de tempo", "passo de tempo", false},
    {"some este", "entra na soma", false},
    {"atende com", "calcula a atenção com", false},
};

TEST(Glossary, NoForbiddenVariantInThePortugueseTexts) {
  const std::vector<PtText> texts = all_texts();
  ASSERT_GT(texts.size(), 300u);  // the catalogue, the keys and eight lessons were read
  for (const PtText& t : texts) {
    const std::string all = lower(t.text), outside = lower(outside_parentheses(t.text));
    for (const Rule& r : kRules) {
      const std::string& hay = r.outside_parens ? outside : all;
      for (size_t at : word_hits(hay, r.variant))
        ADD_FAILURE() << t.where << ": '" << r.variant << "' (use " << r.use << "): " << around(hay, at);
    }
  }
}

// "porta" for gate; the notes' word is named once, in lesson 5: "portões,
// nas notas".
TEST(Glossary, GateIsPortaAndTheNotesWordIsNamedOnce) {
  int named = 0;
  for (const PtText& t : all_texts()) {
    const std::string s = lower(t.text);
    for (const char* w : {"portão", "portões"}) {
      for (size_t at : word_hits(s, w)) {
        const std::string after = ", nas notas";
        if (s.compare(at + std::string(w).size(), after.size(), after) == 0)
          ++named;
        else
          ADD_FAILURE() << t.where << ": '" << w << "' (use porta): " << around(s, at);
      }
    }
  }
  EXPECT_EQ(named, 1) << "the notes' word for gate should be named once, as \"portões, nas notas\"";
}

// Decimal commas in Portuguese text: "0,9", not "0.9". A number right after
// '=' is a key in its URL spelling (lr=0.01) and stays as it is; so does
// anything between backticks (code).
TEST(Glossary, PortugueseTextWritesDecimalCommas) {
  for (const PtText& t : all_texts()) {
    const std::string& s = t.text;
    bool code = false;
    for (size_t k = 0; k < s.size(); ++k) {
      if (s[k] == '`') code = !code;
      if (code || s[k] != '.' || k == 0 || k + 1 >= s.size()) continue;
      if (!std::isdigit(static_cast<unsigned char>(s[k - 1])) || !std::isdigit(static_cast<unsigned char>(s[k + 1])))
        continue;
      size_t start = k - 1;
      while (start > 0 && std::isdigit(static_cast<unsigned char>(s[start - 1]))) --start;
      if (start > 0 && s[start - 1] == '=') continue;
      ADD_FAILURE() << t.where << ": a decimal point in Portuguese text (write a comma): " << around(s, k);
    }
  }
}

// The lesson panel speaks of a lesson's "etapas"; its Back/Next buttons
// follow ("Próxima" etapa).
TEST(Glossary, TheLessonPanelCallsALessonStepEtapa) {
  for (const char* en : {"Each lesson is a few short steps: read, press the button to set up the experiment, and "
                         "watch what the text predicts happen live.",
                         "Applies this step's settings (a new run from the seed).",
                         "Press 'Set up this experiment' to start this step."}) {
    const char* pt = portuguese(en);
    ASSERT_NE(pt, nullptr) << en;
    EXPECT_NE(std::string(pt).find("etapa"), std::string::npos) << en << " -> " << pt;
  }
  ASSERT_NE(portuguese("Next"), nullptr);
  EXPECT_STREQ(portuguese("Next"), "Próxima");
  ASSERT_NE(portuguese("mse"), nullptr);
  EXPECT_STREQ(portuguese("mse"), "EQM");
}

// The rules themselves: what counts as a hit.
TEST(Glossary, RulesMatchWholeWordsAndSkipParentheses) {
  EXPECT_EQ(word_hits("o forget gate", "gate").size(), 1u);
  EXPECT_TRUE(word_hits("porta de esquecimento (forget gate)", "gate").size() == 1u);
  EXPECT_TRUE(word_hits(outside_parentheses("porta de esquecimento (forget gate)"), "gate").empty());
  EXPECT_TRUE(word_hits("clipping neste passo", "este passo").empty());
  EXPECT_EQ(word_hits("para começar este passo.", "começar este passo").size(), 1u);
  EXPECT_TRUE(word_hits("gateway", "gate").empty());
}

// ---- the glossary page (lessons/glossary.tsv) ---------------------------------
// Its terms are the lessons' own words: every Portuguese term is found in a
// lesson's Portuguese text or the Portuguese UI, every English term (without
// what it has in parentheses) in a lesson's English text or the English UI,
// so the glossary cannot drift from the lessons.

std::vector<app::Lessons::Term> shipped_glossary() {
  const std::string text = read(fs::path(UNROLL_SOURCE_DIR) / "lessons" / "glossary.tsv");
  app::Lessons L;
  EXPECT_TRUE(L.set_glossary("glossary.tsv", text)) << (L.errors().empty() ? "" : L.errors().back());
  return L.glossary();
}

std::vector<PtText> english_texts() {
  std::vector<PtText> out;
  for (const auto& [en, pt] : portuguese_catalogue()) out.push_back({"catalogue", en});
  for (const KeyDef& k : key_table()) {
    out.push_back({"key " + k.name + " label", k.label});
    out.push_back({"key " + k.name + " help", k.help});
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(UNROLL_SOURCE_DIR) / "lessons"))
    if (e.path().extension() == ".lesson") files.push_back(e.path());
  for (const auto& f : files) {
    Lesson l;
    LessonError err;
    EXPECT_TRUE(parse_lesson(read(f), f.filename().string(), &l, &err)) << err.text();
    out.push_back({f.filename().string(), l.title.en});
    for (const LessonStep& s : l.steps) {
      for (const std::string* t : {&s.title.en, &s.text.en, &s.hint.en, &s.question.text.en, &s.question.explain.en})
        out.push_back({f.filename().string(), *t});
      for (const LocalText& c : s.question.choices) out.push_back({f.filename().string(), c.en});
    }
  }
  return out;
}

// Lower case without markdown emphasis: "**porta de esquecimento**" reads as
// the words it shows.
std::string plain_lower(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != '*') out += c;
  return lower(out);
}

// Where a term is used as whole words: the lessons first, then the UI.
std::string used_in(const std::vector<PtText>& lessons, const std::vector<PtText>& ui, const std::string& term) {
  const std::string t = lower(term);
  for (const auto* texts : {&lessons, &ui})
    for (const PtText& x : *texts)
      if (!word_hits(plain_lower(x.text), t).empty()) return x.where;
  return "";
}

std::string without_parentheses(const std::string& s) {
  std::string out = outside_parentheses(s);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string squeezed;
  for (char c : out)
    if (!(c == ' ' && !squeezed.empty() && squeezed.back() == ' ')) squeezed += c;
  return squeezed;
}

TEST(Glossary, TheShippedFileParsesWithFortyToEightyTerms) {
  const auto terms = shipped_glossary();
  EXPECT_GE(terms.size(), 40u);
  EXPECT_LE(terms.size(), 80u);
  std::set<std::string> en, pt;
  for (const auto& t : terms) {
    EXPECT_TRUE(en.insert(lower(t.en)).second) << "twice in the glossary: " << t.en;
    EXPECT_TRUE(pt.insert(lower(t.pt)).second) << "twice in the glossary: " << t.pt;
    EXPECT_EQ(t.note_en.empty(), t.note_pt.empty()) << t.en << ": a note in one language only";
  }
}

TEST(Glossary, EveryPortugueseTermIsWhatTheLessonsOrTheUiSay) {
  const std::vector<PtText> lessons = lesson_texts(), ui = catalogue_texts();
  for (const auto& t : shipped_glossary())
    EXPECT_NE(used_in(lessons, ui, t.pt), "")
        << "glossary.tsv: \"" << t.pt << "\" (" << t.en
        << ") is in no lesson's Portuguese text and not in the Portuguese UI: use the lessons' word";
}

TEST(Glossary, EveryEnglishTermIsWhatTheLessonsOrTheUiSay) {
  const std::vector<PtText> all = english_texts();
  for (const auto& t : shipped_glossary()) {
    const std::string term = without_parentheses(t.en);
    ASSERT_FALSE(term.empty()) << t.en;
    EXPECT_NE(used_in(all, {}, term), "") << "glossary.tsv: \"" << term << "\" (" << t.pt
                                          << ") is in no lesson's English text and not in the UI";
  }
}

// The test's own matching: whole words, markdown emphasis ignored, the
// English term's parentheses left out.
TEST(Glossary, TermsAreMatchedAsWholeWords) {
  const std::vector<PtText> texts = {{"a", "Cada **porta de esquecimento** (forget gate) fecha."}};
  EXPECT_EQ(used_in(texts, {}, "porta de esquecimento"), "a");
  EXPECT_EQ(used_in(texts, {}, "Porta"), "a");
  EXPECT_EQ(used_in(texts, {}, "port"), "");
  EXPECT_EQ(used_in(texts, {}, "portas"), "");
  EXPECT_EQ(without_parentheses("LSTM (long short-term memory)"), "LSTM");
  EXPECT_EQ(without_parentheses("step (of a lesson)"), "step");
}

}  // namespace
}  // namespace unroll::app
