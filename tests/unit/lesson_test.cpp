// Lesson files: the parser (errors name the line and the problem), the
// check expressions, the markdown subset, and the shipped lessons/ folder
// (every file parses, every config parses, both languages everywhere, the
// index lists every file). The learning suite runs the checks themselves.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/state/lessons.h"
#include "app/state/session.h"
#include "core/lessons/lesson.h"
#include "core/lessons/markdown.h"

namespace unroll {
namespace {

namespace fs = std::filesystem;

const char* kGood =
    "@# comment\n"
    "@lesson demo-1\n"
    "@title.en Demo\n"
    "@title.pt Demonstração\n"
    "@step\n"
    "@title.en First\n"
    "@title.pt Primeiro\n"
    "@config v=1&arch=rnn_tanh&T=10\n"
    "@compare lstm,gru\n"
    "@run\n"
    "@check loss < 0.1 and step >= 5\n"
    "@budget 50\n"
    "@hint.en Wait.\n"
    "@hint.pt Espere.\n"
    "@text.en\n"
    "# Hello\n"
    "Some **bold** text.\n"
    "\n"
    "@text.pt\n"
    "# Olá\n"
    "Texto em **negrito**, ç ã é ô.\n"
    "@step\n"
    "@title.en Second\n"
    "@title.pt Segundo\n"
    "@text.en\n"
    "Read.\n"
    "@text.pt\n"
    "Leia.\n";

LessonError parse_error(const std::string& text) {
  Lesson l;
  LessonError e;
  EXPECT_FALSE(parse_lesson(text, "x.lesson", &l, &e)) << "parsed although it should not";
  return e;
}

// kGood with one line replaced (1-based line number) or removed ("").
std::string with_line(int n, const std::string& replacement) {
  std::istringstream in(kGood);
  std::string out, line;
  for (int k = 1; std::getline(in, line); ++k) {
    if (k == n) {
      if (!replacement.empty()) out += replacement + "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

TEST(LessonParse, ReadsEveryField) {
  Lesson l;
  LessonError e;
  ASSERT_TRUE(parse_lesson(kGood, "demo.lesson", &l, &e)) << e.text();
  EXPECT_EQ(l.id, "demo-1");
  EXPECT_EQ(l.title.in("pt"), "Demonstração");
  ASSERT_EQ(l.steps.size(), 2u);
  const LessonStep& s = l.steps[0];
  EXPECT_EQ(s.line, 5);
  EXPECT_EQ(s.config, "v=1&arch=rnn_tanh&T=10");
  EXPECT_EQ(s.compare, (std::vector<std::string>{"lstm", "gru"}));
  EXPECT_TRUE(s.run);
  EXPECT_EQ(s.check.terms.size(), 2u);
  EXPECT_EQ(s.budget, 50);
  EXPECT_EQ(s.hint.in("en"), "Wait.");
  EXPECT_EQ(s.text.in("en"), "# Hello\nSome **bold** text.");  // trailing blank lines dropped
  EXPECT_EQ(s.text.in("pt"), "# Olá\nTexto em **negrito**, ç ã é ô.");
  EXPECT_TRUE(l.steps[1].check.empty());
  EXPECT_FALSE(l.steps[1].run);
}

TEST(LessonParse, ErrorsNameFileLineAndProblem) {
  const LessonError e = parse_error(with_line(8, "@config v=1&arch=banana"));
  EXPECT_EQ(e.line, 8);
  EXPECT_NE(e.message.find("arch"), std::string::npos) << e.message;
  EXPECT_EQ(e.text().rfind("x.lesson, line 8: @config:", 0), 0u) << e.text();
}

TEST(LessonParse, EachProblemIsReportedAtItsLine) {
  struct Case { int line; std::string replacement; int want_line; const char* says; };
  const Case cases[] = {
      {2, "@lesson Bad Id", 2, "not a valid id"},
      {11, "@check loss << 0.1", 11, "not a comparison"},
      {11, "@check banana < 1", 11, "not a check variable"},
      {11, "@check loss < abc", 11, "not a number"},
      {11, "@check loss < 1 or step > 2", 11, "should be 'and'"},
      {12, "@budget -3", 12, "whole number"},
      {9, "@compare lstm,potato", 9, "'potato' cannot be compared"},
      {13, "@hint.fr Attendez.", 13, "needs a language"},
      {10, "@frobnicate", 10, "unknown directive"},
      {14, "", 5, "no @hint.pt"},     // hint.pt removed: reported at the step
      {12, "", 5, "no @budget"},      // check without budget
      {7, "", 5, "no @title.pt"},
      {20, "@title.en Again", 20, "a second @title.en"},
  };
  for (const Case& c : cases) {
    const LessonError e = parse_error(with_line(c.line, c.replacement));
    EXPECT_EQ(e.line, c.want_line) << c.replacement << " -> " << e.text();
    EXPECT_NE(e.message.find(c.says), std::string::npos) << c.replacement << " -> " << e.text();
  }
}

TEST(LessonParse, MissingTranslationOfTheTextIsAnError) {
  // Drop "@text.pt" and its two lines of the first step.
  std::string t = kGood;
  const size_t a = t.find("@text.pt\n# Olá");
  const size_t b = t.find("@step", a);
  t.erase(a, b - a);
  const LessonError e = parse_error(t);
  EXPECT_NE(e.message.find("no @text.pt"), std::string::npos) << e.text();
}

TEST(LessonParse, TextOutsideABlockAndDirectivesBeforeLessonAreErrors) {
  EXPECT_EQ(parse_error("hello\n@lesson a\n").line, 1);
  EXPECT_NE(parse_error("@step\n").message.find("before @lesson"), std::string::npos);
  EXPECT_NE(parse_error("@lesson a\n@title.en A\n@title.pt A\n").message.find("no @step"), std::string::npos);
  EXPECT_NE(parse_error("").message.find("no '@lesson"), std::string::npos);
}

TEST(CheckExpr, ParsesTermsJoinedByAnd) {
  CheckExpr e;
  std::string err;
  ASSERT_TRUE(parse_check("dh_first<1e-6 and step >= 200", &e, &err)) << err;
  ASSERT_EQ(e.terms.size(), 2u);
  EXPECT_EQ(e.terms[0].var, "dh_first");
  EXPECT_EQ(e.terms[0].op, CheckOp::Less);
  EXPECT_DOUBLE_EQ(e.terms[0].value, 1e-6);
  EXPECT_EQ(e.terms[1].op, CheckOp::GreaterEq);
  EXPECT_FALSE(parse_check("", &e, &err));
  EXPECT_FALSE(parse_check("loss <", &e, &err));
  EXPECT_NE(err.find("ends too early"), std::string::npos) << err;
  EXPECT_FALSE(parse_check("loss < inf", &e, &err));
}

std::unique_ptr<Experiment> make(const std::string& q) {
  std::vector<ConfigError> errors;
  std::string error;
  return Experiment::create(Config::parse(q, &errors), "", &error);
}

TEST(CheckExpr, EvaluatesOverTheRunAndWaitsForData) {
  auto exp = make("v=1&arch=rnn_tanh&hidden=8&task=adding&T=20&rho=0.5&init=orthogonal&clip=off&batch=4");
  ASSERT_TRUE(exp);
  History h;
  CheckExpr vanish, radius, loss;
  std::string err;
  ASSERT_TRUE(parse_check("dh_first < 1e-3", &vanish, &err));
  ASSERT_TRUE(parse_check("spectral_radius > 0.49 and spectral_radius < 0.51", &radius, &err));
  ASSERT_TRUE(parse_check("loss >= 0", &loss, &err));
  EXPECT_FALSE(check_holds(vanish, *exp, h));  // no step trained yet: no gradient to read
  EXPECT_FALSE(check_holds(loss, *exp, h));
  EXPECT_TRUE(check_holds(radius, *exp, h));   // the weights are there before training
  ASSERT_TRUE(exp->step());
  h.add(exp->last());
  EXPECT_TRUE(check_holds(vanish, *exp, h)) << check_report(vanish, *exp, h);
  EXPECT_TRUE(check_holds(loss, *exp, h));
  EXPECT_NE(check_report(vanish, *exp, h).find("dh_first = "), std::string::npos);
  // The window average: loss is the mean of the recorded steps.
  const double mean = *check_value("loss", *exp, h);
  EXPECT_DOUBLE_EQ(mean, h.loss.back());
  EXPECT_EQ(*check_value("step", *exp, h), 1.0);
  EXPECT_FALSE(check_value("forget_gate", *exp, h).has_value());  // not an LSTM
}

TEST(Markdown, HeadingsListsParagraphsAndSpans) {
  const auto b = parse_markdown("# Title\n## Sub\nline one\nline *two*\n\n- item `code`\nplain **b** end");
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[0].kind, BlockKind::Heading1);
  EXPECT_EQ(b[1].kind, BlockKind::Heading2);
  EXPECT_EQ(b[2].kind, BlockKind::Paragraph);  // two lines joined
  ASSERT_EQ(b[2].spans.size(), 2u);
  EXPECT_EQ(b[2].spans[0].text, "line one line ");
  EXPECT_EQ(b[2].spans[1].style, SpanStyle::Emph);
  EXPECT_EQ(b[3].kind, BlockKind::Bullet);
  EXPECT_EQ(b[3].spans[1].style, SpanStyle::Code);
  EXPECT_EQ(b[4].spans[1].style, SpanStyle::Bold);
  EXPECT_EQ(b[4].spans[1].text, "b");
  // An unclosed marker stays as written; formulas pass through.
  const auto u = parse_spans("a * b and ∂L/∂hₜ ≤ 1");
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].text, "a * b and ∂L/∂hₜ ≤ 1");
}

// ---- the shipped lessons -------------------------------------------------

fs::path lessons_dir() { return fs::path(UNROLL_SOURCE_DIR) / "lessons"; }

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> lesson_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(lessons_dir()))
    if (e.path().extension() == ".lesson") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ShippedLessons, EightLessonsParseWithBothLanguagesAndValidConfigs) {
  const auto files = lesson_files();
  ASSERT_EQ(files.size(), 8u);
  std::set<std::string> ids;
  for (const auto& f : files) {
    Lesson l;
    LessonError e;
    ASSERT_TRUE(parse_lesson(read(f), f.filename().string(), &l, &e)) << e.text();
    EXPECT_TRUE(ids.insert(l.id).second) << "duplicate id " << l.id;
    for (const LessonStep& s : l.steps) {
      for (const char* lang : {"en", "pt"}) {
        EXPECT_FALSE(s.title.in(lang).empty());
        EXPECT_FALSE(s.text.in(lang).empty());
      }
      EXPECT_NE(s.text.en, s.text.pt) << f << " step at line " << s.line << ": the translation is a copy";
      if (!s.config.empty()) {
        std::vector<ConfigError> errors;
        Config::parse(s.config, &errors);
        EXPECT_TRUE(errors.empty()) << f << ":" << s.line << " " << (errors.empty() ? "" : errors[0].message);
        std::string error;
        EXPECT_TRUE(make(s.config)) << f << ":" << s.line << " cannot build " << s.config;
      }
    }
  }
  EXPECT_EQ(ids, (std::set<std::string>{"memory", "bptt", "truncated", "clipping", "lstm", "gru", "seq2seq",
                                        "transformer"}));
}

TEST(ShippedLessons, IndexListsEveryFileInOrder) {
  std::istringstream in(read(lessons_dir() / "index.txt"));
  std::vector<std::string> listed;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') listed.push_back(line);
  std::vector<std::string> files;
  for (const auto& f : lesson_files()) files.push_back(f.filename().string());
  EXPECT_EQ(listed, files);
}

// ---- the page's lesson state (app/lessons.h) --------------------------------

TEST(LessonState, SetUpAppliesTheStepAndTheCheckTurnsTrue) {
  app::Session s;
  app::Lessons& L = s.lessons();
  EXPECT_FALSE(L.add_file("bad.lesson", "@lesson x\n@bogus\n"));
  ASSERT_EQ(L.errors().size(), 1u);
  EXPECT_EQ(L.errors()[0], "bad.lesson, line 2: unknown directive @bogus; allowed: @lesson, @title.en/.pt, @step, "
                           "@config, @compare, @run, @check, @budget, @hint.en/.pt, @text.en/.pt, @question.en/.pt, "
                           "@choice.en/.pt, @answer, @explain.en/.pt, and @# for comments.");
  ASSERT_TRUE(L.add_file("bptt.lesson", read(lessons_dir() / "02-bptt.lesson")));
  EXPECT_FALSE(L.open("nope", 1));
  ASSERT_TRUE(L.open("bptt", 2));
  EXPECT_EQ(L.step_index(), 1);
  if (L.has_question()) ASSERT_TRUE(L.answer(0));
  EXPECT_FALSE(L.experiment_matches(s));
  L.set_up(s);
  EXPECT_TRUE(L.experiment_matches(s));
  EXPECT_TRUE(s.running());  // the step has @run
  s.pause();
  L.update(s, true);
  EXPECT_FALSE(L.current_checked());  // nothing trained yet
  s.step(1);
  L.update(s, true);
  EXPECT_TRUE(L.current_checked()) << L.report();
  json::Writer w;
  L.write_state(w, s);
  json::Value state;
  json::ParseError pe;
  ASSERT_TRUE(json::parse(w.str(), &state, &pe)) << pe.to_string();
  const json::Value* steps = state.find("checkedSteps");
  ASSERT_TRUE(steps && steps->is_array()) << w.str();
  ASSERT_EQ(steps->as_array().size(), 1u) << w.str();
  EXPECT_EQ(steps->as_array()[0].as_number(), 2.0) << w.str();
  // Progress is kept when moving around.
  EXPECT_TRUE(L.go(+1));
  EXPECT_FALSE(L.current_checked());
  EXPECT_TRUE(L.go(-1));
  EXPECT_TRUE(L.current_checked());
  EXPECT_FALSE(L.go(-2));
}

// A step without @run asks for one Step (S) and reads that first step
// (lesson 2 step 3: dh_first < 1e-6 and grad_norm > 1): setting it up right
// after a step that trained must not keep training, or the check would read
// step 50 instead of step 1.
TEST(LessonState, ASetUpWithoutRunPausesTheTrainingOfTheStepBefore) {
  app::Session s;
  app::Lessons& L = s.lessons();
  ASSERT_TRUE(L.add_file("bptt.lesson", read(lessons_dir() / "02-bptt.lesson")));
  ASSERT_TRUE(L.open("bptt", 2));
  ASSERT_TRUE(L.current_step()->run);
  L.set_up(s);
  EXPECT_TRUE(s.running());
  s.step(30);
  ASSERT_TRUE(L.go(+1));
  ASSERT_FALSE(L.current_step()->run);
  ASSERT_FALSE(L.current_step()->check.empty());
  if (L.has_question()) ASSERT_TRUE(L.answer(0));  // skipped: the check counts from here
  L.set_up(s);
  EXPECT_FALSE(s.running()) << "a step without @run starts paused";
  L.update(s, true);
  EXPECT_FALSE(L.current_checked());  // nothing trained in this step yet
  s.step(1);
  L.update(s, true);
  EXPECT_TRUE(L.current_checked()) << L.report();
}

TEST(LessonState, ALessonLinkWaitsForItsFile) {
  app::Lessons L;
  app::Session s;
  L.request("bptt", 3, true);
  L.resolve_request(s);
  EXPECT_EQ(L.current(), nullptr);
  ASSERT_TRUE(L.add_file("bptt.lesson", read(lessons_dir() / "02-bptt.lesson")));
  L.resolve_request(s);
  ASSERT_NE(L.current(), nullptr);
  EXPECT_EQ(L.step_index(), 2);
  EXPECT_TRUE(L.experiment_matches(s));  // set up, not started
  EXPECT_FALSE(s.running());
}

}  // namespace
}  // namespace unroll

namespace unroll {
namespace {

const char* kQuestionLesson =
    "@lesson q\n@title.en Q\n@title.pt Q\n"
    "@step\n@title.en One\n@title.pt Uma\n@config v=1&arch=gru&task=adding&T=10&hidden=8\n"
    "@check step >= 1\n@budget 5\n@hint.en Train.\n@hint.pt Treine.\n"
    "@text.en\nRead.\n@text.pt\nLeia.\n"
    "@question.en Will it learn?\n@question.pt Vai aprender?\n"
    "@choice.en Yes\n@choice.pt Sim\n@choice.en No\n@choice.pt Não\n@answer 1\n"
    "@explain.en\nIt does: **see**.\n@explain.pt\nAprende: **veja**.\n"
    "@step\n@title.en Two\n@title.pt Duas\n@config v=1&arch=gru&task=adding&T=10&hidden=8\n"
    "@compare lstm,transformer,bahdanau\n@text.en\nMore.\n@text.pt\nMais.\n";

TEST(LessonQuestion, ParsesWithItsChoicesAnswerAndExplanation) {
  Lesson l;
  LessonError e;
  ASSERT_TRUE(parse_lesson(kQuestionLesson, "q.lesson", &l, &e)) << e.text();
  const LessonQuestion& q = l.steps[0].question;
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(q.text.pt, "Vai aprender?");
  ASSERT_EQ(q.choices.size(), 2u);
  EXPECT_EQ(q.choices[1].pt, "Não");
  EXPECT_EQ(q.answer, 0);
  EXPECT_EQ(q.explain.en, "It does: **see**.");
  EXPECT_TRUE(l.steps[1].question.empty());
  // Links' compare tokens work in lessons too.
  EXPECT_EQ(l.steps[1].compare, (std::vector<std::string>{"lstm", "transformer", "bahdanau"}));
}

TEST(LessonQuestion, EachMistakeIsNamed) {
  const std::string base = kQuestionLesson;
  struct Case { std::string from, to, says; };
  const Case cases[] = {
      {"@choice.pt Não\n", "", "1 @choice.pt lines: the same choices in both languages"},
      {"@answer 1\n", "@answer 3\n", "@answer 3 but there are only 2 choices"},
      {"@answer 1\n", "", "has no @answer"},
      {"@question.pt Vai aprender?\n", "", "has no @question.pt"},
      {"@explain.pt\nAprende: **veja**.\n", "", "has no @explain.pt"},
      {"@answer 1\n", "@answer +1\n", "@answer '+1' is not allowed"},
      {"@choice.en No\n@choice.pt Não\n", "", "with 1 @choice.en line(s): give 2 to 6"},
  };
  for (const Case& c : cases) {
    std::string text = base;
    const size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    Lesson l;
    LessonError e;
    EXPECT_FALSE(parse_lesson(text, "q.lesson", &l, &e)) << c.from;
    EXPECT_NE(e.message.find(c.says), std::string::npos) << e.text();
  }
}

// The page asks before the run and reveals after it: the explanation waits
// for the step's check mark.
TEST(LessonQuestion, TheAnswerIsRecordedAndTheExplanationComesAfterTheRun) {
  app::Session s;
  app::Lessons& L = s.lessons();
  ASSERT_TRUE(L.add_file("q.lesson", kQuestionLesson));
  ASSERT_TRUE(L.open("q", 1));
  ASSERT_TRUE(L.has_question());
  EXPECT_FALSE(L.answered());
  EXPECT_FALSE(L.answer(5)) << "out of range";
  // Trained before an answer: no check mark, it would give the answer away.
  L.set_up(s);
  s.step(1);
  L.update(s, true);
  EXPECT_FALSE(L.current_checked());
  ASSERT_TRUE(L.answer(1));
  EXPECT_TRUE(L.answered());
  EXPECT_EQ(L.answer_given(), 1);
  EXPECT_FALSE(L.revealed(s)) << "not before the run";
  L.set_up(s);
  s.step(1);
  L.update(s, true);
  ASSERT_TRUE(L.current_checked());
  EXPECT_TRUE(L.revealed(s));
  json::Writer w;
  L.write_state(w, s);
  json::Value v;
  json::ParseError pe;
  ASSERT_TRUE(json::parse(w.str(), &v, &pe));
  const json::Value* q = v.find("question");
  ASSERT_TRUE(q && q->is_object()) << w.str();
  EXPECT_EQ(q->find("choice")->as_number(), 2.0);
  EXPECT_FALSE(q->find("right")->as_bool());
  EXPECT_TRUE(q->find("revealed")->as_bool());
  // Going back keeps the answer.
  ASSERT_TRUE(L.go(+1));
  EXPECT_FALSE(L.has_question());
  ASSERT_TRUE(L.go(-1));
  EXPECT_EQ(L.answer_given(), 1);
}

TEST(Glossary, ReadsTermsAndNamesABadLine) {
  app::Lessons L;
  EXPECT_TRUE(L.set_glossary("g.tsv", "# comment\ngate\tporta\t\tportão, nas notas\nstep\tpasso\n"));
  ASSERT_EQ(L.glossary().size(), 2u);
  EXPECT_EQ(L.glossary()[0].pt, "porta");
  EXPECT_EQ(L.glossary()[0].note_pt, "portão, nas notas");
  EXPECT_FALSE(L.set_glossary("g.tsv", "gate\tporta\nnothing here\n"));
  EXPECT_NE(L.errors().back().find("g.tsv, line 2"), std::string::npos) << L.errors().back();
  EXPECT_EQ(L.glossary().size(), 2u) << "a bad file keeps the old glossary";
}

}  // namespace
}  // namespace unroll
