#include "core/lessons/lesson.h"

#include <cctype>
#include <cstdlib>

#include "core/config/compare.h"
#include "core/config/config.h"
#include "core/io/json.h"
#include "core/rnn/cell_kind.h"
#include "core/tasks/tasks.h"

namespace unroll {
namespace {

std::string trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return std::string(s.substr(a, b - a));
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  return true;
}

// Part of the file as a message may echo it: short, printable, whole UTF-8.
std::string shown(std::string_view s) { return json::clip_for_message(s, 40); }

// A plain whole number from 1 to 100000, digits only ("+10", "0x10", "010"
// are not numbers a lesson writes).
bool parse_budget(const std::string& s, long* out) {
  if (s.empty() || s.size() > 6 || s[0] == '0') return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  *out = std::strtol(s.c_str(), nullptr, 10);
  return *out >= 1 && *out <= 100000;
}

// Drops leading and trailing blank lines of a text block.
std::string tidy_block(const std::string& s) {
  size_t a = 0;
  while (a < s.size()) {
    size_t nl = s.find('\n', a);
    if (nl == std::string::npos || !trim(s.substr(a, nl - a)).empty()) break;
    a = nl + 1;
  }
  size_t b = s.size();
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

class Parser {
 public:
  Parser(const std::string& file, Lesson* out, LessonError* err) : file_(file), out_(out), err_(err) {}

  bool fail(int line, const std::string& message) {
    *err_ = {file_, line, message};
    return false;
  }

  bool run(std::string_view text) {
    *out_ = Lesson{};
    out_->file = file_;
    int line_no = 0;
    size_t at = 0;
    while (at <= text.size()) {
      size_t nl = text.find('\n', at);
      if (nl == std::string_view::npos) nl = text.size();
      std::string line(text.substr(at, nl - at));
      if (!line.empty() && line.back() == '\r') line.pop_back();
      ++line_no;
      at = nl + 1;
      if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
      // The page draws every line as UTF-8: broken bytes are the file's error.
      std::string why;
      if (!decode_utf8(line, nullptr, &why))
        return fail(line_no, "the line is not UTF-8 text (" + why + " of the line): save the file as UTF-8.");
      if (!directive(line, line_no)) return false;
    }
    close_block();
    return finish(line_no);
  }

 private:
  bool directive(const std::string& line, int n) {
    if (line.rfind("@#", 0) == 0) return true;
    if (line.empty() || line[0] != '@') {
      if (block_) { *block_ += line + "\n"; return true; }
      if (trim(line).empty()) return true;
      return fail(n, "text outside a @text.en or @text.pt block: start the block first, or begin the line with @# to make it a comment.");
    }
    close_block();
    const size_t sp = line.find_first_of(" \t");
    const std::string name = line.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
    const std::string arg = sp == std::string::npos ? "" : trim(line.substr(sp));
    if (name == "lesson") {
      if (!out_->id.empty()) return fail(n, "a second @lesson: one lesson per file.");
      if (!valid_id(arg)) return fail(n, "@lesson '" + shown(arg) + "' is not a valid id: use 1 to 40 characters a-z, 0-9 and '-'.");
      out_->id = arg;
      return true;
    }
    if (out_->id.empty()) return fail(n, "@" + shown(name) + " before @lesson: the file must start with '@lesson <id>'.");
    if (name == "step") {
      if (!arg.empty()) return fail(n, "@step takes nothing after it (put the title in @title.en / @title.pt).");
      if (!close_step()) return false;
      out_->steps.emplace_back();
      out_->steps.back().line = n;
      return true;
    }
    LessonStep* s = out_->steps.empty() ? nullptr : &out_->steps.back();
    const size_t dot = name.find('.');
    const std::string base = name.substr(0, dot);
    const std::string lang = dot == std::string::npos ? "" : name.substr(dot + 1);
    if (base == "question" || base == "choice" || base == "explain") {
      if (lang != "en" && lang != "pt")
        return fail(n, "@" + shown(name) + " needs a language: write @" + base + ".en or @" + base + ".pt.");
      if (!s) return fail(n, "@" + name + " before the first @step: a question belongs to a step.");
      LessonQuestion& q = s->question;
      const bool en = lang == "en";
      if (base == "explain") {
        std::string& slot = en ? q.explain.en : q.explain.pt;
        if (!slot.empty()) return fail(n, "a second @" + name + " in the same step.");
        if (!arg.empty()) return fail(n, "@" + name + " takes nothing after it: the text starts on the next line.");
        block_ = &slot;
        block_line_ = n;
        block_name_ = name;
        return true;
      }
      if (arg.empty()) return fail(n, "@" + name + " is empty.");
      if (base == "question") {
        std::string& slot = en ? q.text.en : q.text.pt;
        if (!slot.empty()) return fail(n, "a second @" + name + " in the same step: one question per step.");
        slot = arg;
        return true;
      }
      std::vector<std::string>& list = en ? choices_en_ : choices_pt_;
      if (list.size() == 6) return fail(n, "more than 6 @" + name + " lines in one step.");
      list.push_back(arg);
      return true;
    }
    if (name == "answer") {
      if (!s) return fail(n, "@answer before the first @step.");
      long v = 0;
      if (!parse_budget(arg, &v) || v > 6)
        return fail(n, "@answer '" + shown(arg) + "' is not allowed: the number of the right @choice, 1 to 6.");
      s->question.answer = int(v) - 1;
      return true;
    }
    if (base == "title" || base == "text" || base == "hint") {
      if (lang != "en" && lang != "pt")
        return fail(n, "@" + shown(name) + " needs a language: write @" + base + ".en or @" + base + ".pt.");
      LocalText* t = nullptr;
      if (base == "title") t = s ? &s->title : &out_->title;
      else if (!s) return fail(n, "@" + name + " before the first @step: text and hints belong to a step.");
      else t = base == "text" ? &s->text : &s->hint;
      std::string& slot = lang == "en" ? t->en : t->pt;
      if (!slot.empty()) return fail(n, "a second @" + name + " in the same " + (s ? "step" : "lesson") + ".");
      if (base == "text") {
        if (!arg.empty()) return fail(n, "@" + name + " takes nothing after it: the text starts on the next line.");
        block_ = &slot;
        block_line_ = n;
        block_name_ = name;
        return true;
      }
      if (arg.empty()) return fail(n, "@" + name + " is empty.");
      slot = arg;
      return true;
    }
    const bool step_directive = name == "config" || name == "compare" || name == "run" || name == "check" || name == "budget";
    if (step_directive && !s) return fail(n, "@" + name + " before the first @step.");
    if (name == "config") {
      if (!s->config.empty()) return fail(n, "a second @config in the same step.");
      std::vector<ConfigError> errors;
      Config::parse(arg, &errors);
      if (arg.empty()) return fail(n, "@config is empty: give an experiment query such as v=1&arch=lstm&task=adding.");
      if (!errors.empty()) return fail(n, "@config: " + errors.front().message);
      s->config = arg;
      return true;
    }
    if (name == "compare") {
      s->compare.clear();
      size_t a = 0;
      while (a <= arg.size()) {
        size_t b = arg.find(',', a);
        if (b == std::string::npos) b = arg.size();
        const std::string token = trim(arg.substr(a, b - a));
        Config probe;
        if (!apply_compare_token(token, &probe))
          return fail(n, "@compare: '" + shown(token) + "' cannot be compared; allowed rnn_tanh, rnn_relu, lstm, gru, "
                         "seq2seq, bahdanau, luong, transformer, separated by commas (as a link's compare=).");
        s->compare.push_back(token);
        a = b + 1;
      }
      if (s->compare.size() > kMaxCompareRuns) return fail(n, "@compare lists more than 3 runs (the main run plus 3 at most).");
      return true;
    }
    if (name == "run") {
      if (!arg.empty()) return fail(n, "@run takes nothing after it.");
      s->run = true;
      return true;
    }
    if (name == "check") {
      std::string why;
      if (!parse_check(arg, &s->check, &why)) return fail(n, "@check: " + why);
      s->check_text = arg;
      return true;
    }
    if (name == "budget") {
      long v = 0;
      if (!parse_budget(arg, &v))
        return fail(n, "@budget '" + shown(arg) + "' is not allowed: a whole number of training steps from 1 to 100000, digits only.");
      s->budget = v;
      return true;
    }
    return fail(n, "unknown directive @" + shown(name) + "; allowed: @lesson, @title.en/.pt, @step, @config, @compare, "
                   "@run, @check, @budget, @hint.en/.pt, @text.en/.pt, @question.en/.pt, @choice.en/.pt, @answer, "
                   "@explain.en/.pt, and @# for comments.");
  }

  void close_block() {
    if (block_) *block_ = tidy_block(*block_);
    block_ = nullptr;
  }

  // Checks the step that just ended.
  bool close_step() {
    if (out_->steps.empty()) return true;
    LessonStep& s = out_->steps.back();
    if (!close_question(s)) return false;
    const int n = s.line;
    const std::string which = "step " + std::to_string(out_->steps.size());
    for (const char* lang : {"en", "pt"}) {
      const std::string l = lang;
      if (s.title.in(l).empty()) return fail(n, which + " has no @title." + l + ".");
      if (s.text.in(l).empty()) return fail(n, which + " has no @text." + l + " (or it is empty).");
      if (!s.check.empty() && s.hint.in(l).empty())
        return fail(n, which + " has a @check but no @hint." + l + " (shown when the budget passes unchecked).");
    }
    if (!s.check.empty() && s.budget == 0) return fail(n, which + " has a @check but no @budget (training steps).");
    if (s.check.empty() && s.budget > 0) return fail(n, which + " has a @budget but no @check.");
    if (s.run && s.config.empty()) return fail(n, which + " has @run but no @config to set up.");
    if (!s.compare.empty() && s.config.empty()) return fail(n, which + " has @compare but no @config.");
    return true;
  }

  // The question of step s (if any): both languages, matching choices, a
  // right answer and an explanation.
  bool close_question(LessonStep& s) {
    LessonQuestion& q = s.question;
    const int n = s.line;
    const std::string which = "step " + std::to_string(out_->steps.size());
    const bool any = !q.text.en.empty() || !q.text.pt.empty() || !choices_en_.empty() || !choices_pt_.empty() ||
                     q.answer >= 0 || !q.explain.en.empty() || !q.explain.pt.empty();
    std::vector<std::string> en = std::move(choices_en_), pt = std::move(choices_pt_);
    choices_en_.clear();
    choices_pt_.clear();
    if (!any) return true;
    for (const char* lang : {"en", "pt"}) {
      const std::string l = lang;
      if (q.text.in(l).empty()) return fail(n, which + " asks a question but has no @question." + l + ".");
      if (q.explain.in(l).empty()) return fail(n, which + " asks a question but has no @explain." + l + " (shown after the run).");
    }
    if (en.size() < 2) return fail(n, which + " asks a question with " + std::to_string(en.size()) + " @choice.en line(s): give 2 to 6.");
    if (pt.size() != en.size())
      return fail(n, which + " has " + std::to_string(en.size()) + " @choice.en but " + std::to_string(pt.size()) +
                     " @choice.pt lines: the same choices in both languages, in the same order.");
    if (q.answer < 0) return fail(n, which + " asks a question but has no @answer (the number of the right @choice).");
    if (size_t(q.answer) >= en.size())
      return fail(n, which + ": @answer " + std::to_string(q.answer + 1) + " but there are only " +
                     std::to_string(en.size()) + " choices.");
    for (size_t k = 0; k < en.size(); ++k) q.choices.push_back({en[k], pt[k]});
    return true;
  }

  bool finish(int last_line) {
    if (out_->id.empty()) return fail(0, "no '@lesson <id>' line: every lesson file starts with one.");
    if (out_->title.en.empty()) return fail(0, "lesson '" + out_->id + "' has no @title.en.");
    if (out_->title.pt.empty()) return fail(0, "lesson '" + out_->id + "' has no @title.pt.");
    if (out_->steps.empty()) return fail(last_line, "lesson '" + out_->id + "' has no @step.");
    if (out_->steps.size() > 99) return fail(0, "more than 99 steps (links address steps 1 to 99).");
    return close_step();
  }

  std::string file_;
  Lesson* out_;
  LessonError* err_;
  std::vector<std::string> choices_en_, choices_pt_;  // of the current step's question
  std::string* block_ = nullptr;
  int block_line_ = 0;
  std::string block_name_;
};

}  // namespace

std::string LessonError::text() const {
  return file + (line > 0 ? ", line " + std::to_string(line) : std::string()) + ": " + message;
}

bool parse_lesson(std::string_view text, const std::string& file, Lesson* out, LessonError* error) {
  return Parser(file, out, error).run(text);
}

}  // namespace unroll
