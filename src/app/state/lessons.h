// The lessons the page knows (files handed in by web/loader.js or an
// embedding page) and the student's place in them: which lesson and step
// is open, which steps are checked, when the current step was set up.
// The Session owns it (Session::lessons()); checks are evaluated after
// every training step of the main run (Session::step), whoever asked for
// the step. ImGui-free (the panel in panel_lesson.cpp only draws this), so
// it is unit-tested natively.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/io/json.h"
#include "core/lessons/lesson.h"

namespace unroll::app {

class Session;

class Lessons {
 public:
  // Parses a lesson file. A file with an id already known replaces that
  // lesson (a course can override a built-in one; an open step past its
  // end moves to its last step). False: the error is kept in errors()
  // ("lessons/x.lesson, line 3: ...").
  bool add_file(const std::string& name, const std::string& text);
  const std::vector<Lesson>& all() const { return lessons_; }
  const std::vector<std::string>& errors() const { return errors_; }
  const Lesson* find(const std::string& id) const;

  // ---- where the student is -------------------------------------------
  // Opens lesson `id` at step (1-based, clamped); false if unknown.
  bool open(const std::string& id, int step);
  void close() { current_.clear(); }
  const Lesson* current() const { return find(current_); }
  int step_index() const { return step_; }  // 0-based
  const LessonStep* current_step() const;
  bool go(int delta);  // Back (-1) / Next (+1); false at the ends

  // "Set up this experiment": applies the step's config (or the closest
  // earlier step's) to the session, starts training if the step says so
  // and leaves it paused otherwise.
  void set_up(Session& s, bool allow_run = true);
  // True if the session runs the experiment this step is about (its own
  // or the closest earlier step's config, with its compare runs).
  bool experiment_matches(const Session& s) const;
  // True if this step or an earlier one has an experiment to set up.
  bool has_experiment() const { return config_step() != nullptr; }

  // The check the main run's engine should evaluate after each of its
  // steps: an id that changes with the step and its set-up, or 0 (no
  // check: none here, already checked, or another experiment runs).
  int wanted_check(const Session& s) const;
  // Takes in what the engine reported: the check mark (a check that held
  // once stays checked) and report().
  void update(const Session& s, bool force = false);
  bool checked(const std::string& id, int step_index) const;
  bool current_checked() const { return checked(current_, step_); }
  // The check's numbers as last evaluated ("dh_first = 3e-07 (< 1e-06)").
  const std::string& report() const { return report_; }
  // Training steps since this step was set up or opened.
  long steps_in_step(const Session& s) const;
  bool show_hint(const Session& s) const;

  // ---- the current step's question (LessonQuestion) ---------------------
  // choice: 0-based, or -1 to skip the question. False if there is none.
  bool answer(int choice);
  bool has_question() const;
  bool answered() const;        // answered or skipped
  int answer_given() const;     // -1: skipped or not answered
  // The explanation is revealed after the run: once the step's check mark
  // is earned, or (a step without a check) once its experiment has trained
  // a step since it was set up, or at once without an experiment.
  bool revealed(const Session& s) const;

  // ---- glossary ------------------------------------------------------------
  // lessons/glossary.tsv: one term a line, "english<TAB>português<TAB>note
  // en<TAB>nota pt" (notes optional); '#' lines are comments. False and an
  // error in errors() naming the line on a malformed file.
  struct Term {
    std::string en, pt, note_en, note_pt;
  };
  bool set_glossary(const std::string& name, const std::string& text);
  const std::vector<Term>& glossary() const { return glossary_; }

  // A link open asked for a lesson the page may not have loaded yet:
  // remembered and opened when the file arrives.
  void request(const std::string& id, int step, bool set_up_experiment);
  void resolve_request(Session& s);

  // The JS API's "lesson" value: {id, step, steps, title, ...} or null.
  void write_state(json::Writer& w, const Session& s) const;

 private:
  const LessonStep* config_step() const;  // the step whose config applies

  std::vector<Lesson> lessons_;
  std::vector<std::string> errors_;
  std::string current_;
  int step_ = 0;
  std::set<std::pair<std::string, int>> checked_;
  std::map<std::pair<std::string, int>, int> answers_;  // (lesson, step) -> choice, -1 skipped
  std::vector<Term> glossary_;
  long base_step_ = 0;       // session step count when the step began
  int check_serial_ = 1;     // the id of the current step's check (wanted_check)
  double last_eval_ms_ = -1e9;
  std::string report_;
  std::string pending_id_;
  int pending_step_ = 1;
  bool pending_setup_ = false;
};

// panel_lesson.cpp (ImGui): the sidebar's Lessons tab, and where its
// buttons were drawn ({"setup": {x, y, width, height}, "back": ..., "next":
// ...} in CSS pixels) for the JS API and the browser tests.
void draw_lesson_panel(Session& s);
void write_lesson_buttons(json::Writer& w);
// The glossary page of the Lessons tab (the JS API opens it).
void open_glossary(bool open);
bool glossary_shown();

}  // namespace unroll::app
