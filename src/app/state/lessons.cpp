#include "app/state/lessons.h"

#include <algorithm>

#include "app/state/i18n.h"

namespace unroll::app {
namespace {

std::string json_escape(const std::string& s) {
  std::string o;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += char(c); }
    else if (c < 0x20) o += ' ';
    else o += char(c);
  }
  return o;
}

// The step's experiment as the session would hold it after set_up().
Config parsed(const std::string& query) {
  std::vector<ConfigError> errors;
  return Config::parse(query, &errors);
}

}  // namespace

Lessons& lessons() {
  static Lessons l;
  return l;
}

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
  // Compare runs first (set_config_query keeps the current ones otherwise).
  s.set_compare(cs->compare);
  s.set_config_query(cs->config);
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

void Lessons::update(Session& s, bool force) {
  const LessonStep* st = current_step();
  if (!st || st->check.empty() || current_checked()) return;
  const double t = now_ms();
  if (!force && t - last_eval_ms_ < 200) return;
  last_eval_ms_ = t;
  Run& r = s.main();
  if (!r.exp) return;
  report_ = check_report(st->check, *r.exp, r.history);
  if (experiment_matches(s) && check_holds(st->check, *r.exp, r.history))
    checked_.insert({current_, step_});
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

std::string Lessons::state_json(const Session& s) const {
  std::string j = ", \"lang\": \"" + language() + "\", \"lesson\": ";
  const Lesson* l = current();
  if (!l) return j + "null";
  j += "{\"id\": \"" + json_escape(l->id) + "\", \"step\": " + std::to_string(step_ + 1) +
       ", \"steps\": " + std::to_string(l->steps.size()) +
       ", \"title\": \"" + json_escape(l->title.in(language())) + "\"";
  const LessonStep* st = current_step();
  j += ", \"hasCheck\": " + std::string(st->check.empty() ? "false" : "true");
  j += ", \"checked\": " + std::string(current_checked() ? "true" : "false");
  j += ", \"experimentMatches\": " + std::string(experiment_matches(s) ? "true" : "false");
  j += ", \"hint\": " + std::string(show_hint(s) ? "true" : "false");
  j += ", \"checkedSteps\": [";
  bool first = true;
  for (size_t k = 0; k < l->steps.size(); ++k)
    if (checked(l->id, int(k))) {
      j += (first ? "" : ", ") + std::to_string(k + 1);
      first = false;
    }
  j += "], \"report\": \"" + json_escape(report_) + "\"}";
  return j;
}

std::string page_link(const Session& s) {
  const Lessons& l = lessons();
  const Lesson* cur = l.current();
  if (!cur) return s.link();  // no lesson open: the experiment's own link
  return make_link(s.config(), s.compare(), cur->id, l.step_index() + 1, language());
}

}  // namespace unroll::app
