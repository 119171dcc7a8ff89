// Lessons: data files that walk a student through experiments, one file
// per lesson, Portuguese (Brazil) and English side by side so a missing
// translation is a parse error. The format is line based:
//
//   @# a comment line
//   @lesson bptt                      id: a-z, 0-9, '-' (used in links)
//   @title.en Backpropagation through time
//   @title.pt Retropropagação através do tempo
//   @step                             starts a step (at least one)
//   @title.en / @title.pt             the step's title
//   @config v=1&arch=rnn_tanh&T=50    experiment query (optional)
//   @compare lstm,gru                 extra runs to compare (optional)
//   @run                              "Set up" also starts training
//   @check dh_first < 1e-6            live check (lesson_check.h)
//   @budget 50                        training steps the check may take
//   @hint.en / @hint.pt               shown when the budget passed unchecked
//   @text.en                          markdown lines until the next @ line
//   @text.pt
//   @question.en / @question.pt       a question asked before the step's run
//   @choice.en / @choice.pt           its choices, one line each, same order
//   @answer 2                         the right choice (1-based)
//   @explain.en / @explain.pt         markdown revealed after the run
//
// Step text is a small markdown subset (markdown.h). Every error names the
// file, the line and the problem.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/lessons/lesson_check.h"

namespace unroll {

struct LocalText {
  std::string en, pt;
  const std::string& in(std::string_view lang) const { return lang == "pt" ? pt : en; }
};

// A question a step asks before its experiment runs; the page records the
// answer and reveals the explanation after the run.
struct LessonQuestion {
  LocalText text;
  std::vector<LocalText> choices;  // 2 to 6
  int answer = -1;                 // index into choices
  LocalText explain;               // markdown
  bool empty() const { return text.en.empty(); }
};

struct LessonStep {
  int line = 0;            // line of its @step
  LocalText title, text, hint;
  std::string config;      // experiment query; "" = keep the current experiment
  std::vector<std::string> compare;  // extra runs' cells
  bool run = false;        // start training after setting up
  std::string check_text;  // as written
  CheckExpr check;         // empty: a reading step
  long budget = 0;         // training steps within which the check should hold
  LessonQuestion question; // empty: no question
};

struct Lesson {
  std::string id, file;
  LocalText title;
  std::vector<LessonStep> steps;
};

struct LessonError {
  std::string file;
  int line = 0;  // 0: the file as a whole
  std::string message;
  std::string text() const;  // "lessons/02-bptt.lesson, line 12: ..."
};

// Parses one lesson file; false and *error on the first problem.
bool parse_lesson(std::string_view text, const std::string& file, Lesson* out, LessonError* error);

}  // namespace unroll
