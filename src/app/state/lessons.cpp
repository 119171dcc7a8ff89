#include "app/state/lessons.h"
#include "core/config/split.h"

#include <algorithm>

#include "app/state/i18n.h"
#include "app/state/session.h"

namespace unroll::app {
namespace {

// The step's experiment as the session would hold it after set_up().
Config parsed(const std::string& query) {
  std::vector<ConfigError> errors;
  return Config::parse(query, &errors);
}

}  // namespace

bool Lessons::add_file(const std::string& name, const std::string& text) {
  Lesson l;
  LessonError err;
  if (!parse_lesson(text, name, &l, &err)) {
    errors_.push_back(err.text());
    return false;
  }
  auto it = std::find_if(lessons_.begin(), lessons_.end(), [&](const Lesson& x) { return x.id == l.id; });
  if (it != lessons_.end()) *it = std::move(l);
  else lessons_.push_back(std::move(l));
  // The open lesson may have been replaced by a shorter one.
  if (const Lesson* cur = current()) step_ = std::clamp(step_, 0, int(cur->steps.size()) - 1);
  ++check_serial_;
  return true;
}

const Lesson* Lessons::find(const std::string& id) const {
  for (const Lesson& l : lessons_)
    if (l.id == id) return &l;
  return nullptr;
}

bool Lessons::open(const std::string& id, int step) {
  const Lesson* l = find(id);
  if (!l) return false;
  current_ = id;
  step_ = std::clamp(step - 1, 0, int(l->steps.size()) - 1);
  report_.clear();
  last_eval_ms_ = -1e9;
  ++check_serial_;
  return true;
}

const LessonStep* Lessons::current_step() const {
  const Lesson* l = current();
  return l ? &l->steps[size_t(step_)] : nullptr;
}

bool Lessons::go(int delta) {
  const Lesson* l = current();
  if (!l) return false;
  const int to = step_ + delta;
  if (to < 0 || to >= int(l->steps.size())) return false;
  step_ = to;
  report_.clear();
  last_eval_ms_ = -1e9;
  ++check_serial_;
  return true;
}

const LessonStep* Lessons::config_step() const {
  const Lesson* l = current();
  if (!l) return nullptr;
  for (int k = step_; k >= 0; --k)
    if (!l->steps[size_t(k)].config.empty()) return &l->steps[size_t(k)];
  return nullptr;
}

void Lessons::set_up(Session& s, bool allow_run) {
  const LessonStep* st = current_step();
  const LessonStep* cs = config_step();
  if (!st || !cs) return;
  // The step's experiment and compare runs, in one rebuild.
  s.set_config_query(cs->config, &cs->compare);
  base_step_ = s.step_count();
  // A step without its own config continues the earlier step's run.
  if (allow_run && (st->run || (st->config.empty() && cs->run))) s.play();
  else s.pause();  // a step without @run starts paused, even after a step that trained
  last_eval_ms_ = -1e9;
}

bool Lessons::experiment_matches(const Session& s) const {
  const LessonStep* cs = config_step();
  if (!cs) return true;  // a lesson without experiments: anything goes
  return s.running_config() == parsed(cs->config) && s.compare() == cs->compare;
}

int Lessons::wanted_check(const Session& s) const {
  const LessonStep* st = current_step();
  if (!st || st->check.empty() || current_checked() || !experiment_matches(s)) return 0;
  // A step that asks first counts its check only once answered (or skipped):
  // a check mark before the answer would give the answer away.
  if (has_question() && !answered()) return 0;
  return check_serial_;
}

void Lessons::update(const Session& s, bool force) {
  (void)force;
  const LessonStep* st = current_step();
  if (!st || st->check.empty() || current_checked() || (has_question() && !answered())) return;
  const Run& m = s.main();
  if (m.report.check_id != check_serial_) return;
  report_ = m.report.check_report;
  if (m.report.check_held && experiment_matches(s)) checked_.insert({current_, step_});
}

bool Lessons::checked(const std::string& id, int step_index) const {
  return checked_.count({id, step_index}) > 0;
}

long Lessons::steps_in_step(const Session& s) const { return std::max(0L, s.step_count() - base_step_); }

bool Lessons::show_hint(const Session& s) const {
  const LessonStep* st = current_step();
  if (!st || st->check.empty() || current_checked()) return false;
  return !experiment_matches(s) ? false : steps_in_step(s) >= st->budget;
}

void Lessons::request(const std::string& id, int step, bool set_up_experiment) {
  pending_id_ = id;
  pending_step_ = step;
  pending_setup_ = set_up_experiment;
}

void Lessons::resolve_request(Session& s) {
  if (pending_id_.empty() || !open(pending_id_, pending_step_)) return;
  pending_id_.clear();
  if (pending_setup_) set_up(s, /*allow_run=*/false);
  base_step_ = s.step_count();
}

bool Lessons::has_question() const {
  const LessonStep* st = current_step();
  return st && !st->question.empty();
}

bool Lessons::answer(int choice) {
  const LessonStep* st = current_step();
  if (!st || st->question.empty() || choice < -1 || choice >= int(st->question.choices.size())) return false;
  answers_[{current_, step_}] = choice;
  return true;
}

bool Lessons::answered() const { return answers_.count({current_, step_}) > 0; }

int Lessons::answer_given() const {
  auto it = answers_.find({current_, step_});
  return it == answers_.end() ? -1 : it->second;
}

bool Lessons::revealed(const Session& s) const {
  const LessonStep* st = current_step();
  if (!st || st->question.empty() || !answered()) return false;
  if (!st->check.empty()) return current_checked();
  if (!has_experiment()) return true;
  return experiment_matches(s) && steps_in_step(s) >= 1;
}

bool Lessons::set_glossary(const std::string& name, const std::string& text) {
  std::vector<Term> terms;
  size_t at = 0;
  int line = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string l = text.substr(at, end - at);
    at = end + 1;
    ++line;
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (l.empty() || l[0] == '#') continue;
    std::vector<std::string> f = split(l, '\t');
    if (f.size() < 2 || f.size() > 4 || f[0].empty() || f[1].empty()) {
      errors_.push_back(name + ", line " + std::to_string(line) +
                        ": a term is 'english<TAB>português' with up to two notes after more tabs");
      return false;
    }
    f.resize(4);
    terms.push_back({f[0], f[1], f[2], f[3]});
    if (terms.size() > 1000) {
      errors_.push_back(name + ": more than 1000 terms");
      return false;
    }
  }
  glossary_ = std::move(terms);
  return true;
}

void Lessons::write_state(json::Writer& w, const Session& s) const {
  const Lesson* l = current();
  if (!l) {
    w.null();
    return;
  }
  const LessonStep* st = current_step();
  w.begin_object();
  w.key("id"); w.string(l->id);
  w.key("step"); w.number(step_ + 1);
  w.key("steps"); w.number(double(l->steps.size()));
  w.key("title"); w.string(l->title.in(language()));
  // The step's words (markdown) for the page's accessible mirror (web/a11y.js).
  w.key("stepTitle"); w.string(st->title.in(language()));
  w.key("text"); w.string(st->text.in(language()));
  w.key("hintText"); w.string(show_hint(s) ? st->hint.in(language()) : "");
  w.key("hasCheck"); w.boolean(!st->check.empty());
  w.key("check"); w.string(st->check_text);
  w.key("budget"); w.number(double(st->budget));
  w.key("run"); w.boolean(st->run);
  w.key("hasExperiment"); w.boolean(has_experiment());
  w.key("checked"); w.boolean(current_checked());
  w.key("experimentMatches"); w.boolean(experiment_matches(s));
  w.key("hint"); w.boolean(show_hint(s));
  w.key("checkedSteps");
  w.begin_array();
  for (size_t k = 0; k < l->steps.size(); ++k)
    if (checked(l->id, int(k))) w.number(double(k + 1));
  w.end_array();
  w.key("report"); w.string(report_);
  w.key("question");
  if (st->question.empty()) {
    w.null();
  } else {
    const LessonQuestion& q = st->question;
    w.begin_object();
    w.key("text"); w.string(q.text.in(language()));
    w.key("choices");
    w.begin_array();
    for (const LocalText& c : q.choices) w.string(c.in(language()));
    w.end_array();
    w.key("answered"); w.boolean(answered());
    w.key("choice"); answer_given() >= 0 ? w.number(answer_given() + 1) : w.null();
    w.key("right"); answered() && answer_given() >= 0 ? w.boolean(answer_given() == q.answer) : w.null();
    w.key("revealed"); w.boolean(revealed(s));
    w.key("explanation"); w.string(revealed(s) ? q.explain.in(language()) : "");
    w.end_object();
  }
  w.end_object();
}

}  // namespace unroll::app
