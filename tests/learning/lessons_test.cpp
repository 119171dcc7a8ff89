// Every lesson step that has a live check, run the way the lesson panel
// runs it: build the step's experiment from its @config (a step without
// one continues the previous step's run), train up to its @budget steps,
// evaluating the check after every step; the check must become true.
// The steps at which each check first held are printed (ctest -V).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/lessons/lesson.h"

namespace unroll {
namespace {

namespace fs = std::filesystem;

// lessons/ of the source tree, found from this file's own path.
fs::path lessons_dir() { return fs::path(__FILE__).parent_path().parent_path().parent_path() / "lessons"; }

std::vector<Lesson> all_lessons() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(lessons_dir()))
    if (e.path().extension() == ".lesson") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Lesson> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Lesson l;
    LessonError err;
    EXPECT_TRUE(parse_lesson(ss.str(), f.filename().string(), &l, &err)) << err.text();
    out.push_back(std::move(l));
  }
  return out;
}

class LessonChecks : public ::testing::TestWithParam<std::string> {};

TEST_P(LessonChecks, EveryCheckBecomesTrueWithinItsBudget) {
  const std::vector<Lesson> lessons = all_lessons();
  const auto it = std::find_if(lessons.begin(), lessons.end(), [&](const Lesson& l) { return l.id == GetParam(); });
  ASSERT_NE(it, lessons.end()) << "no lesson " << GetParam();
  std::unique_ptr<Experiment> exp;
  History history;
  int checks = 0;
  for (size_t k = 0; k < it->steps.size(); ++k) {
    const LessonStep& s = it->steps[k];
    if (!s.config.empty()) {
      std::vector<ConfigError> errors;
      const Config cfg = Config::parse(s.config, &errors);
      ASSERT_TRUE(errors.empty()) << errors[0].message;
      std::string error;
      exp = Experiment::create(cfg, "", &error);
      ASSERT_TRUE(exp) << it->file << " step " << k + 1 << ": " << error;
      history.clear();
    }
    if (s.check.empty()) continue;
    ASSERT_TRUE(exp) << it->file << " step " << k + 1 << " has a check but no experiment before it";
    ++checks;
    const long start = exp->steps_done();
    long held_at = -1;
    if (check_holds(s.check, *exp, history)) held_at = 0;
    while (held_at < 0 && exp->steps_done() - start < s.budget) {
      const bool stepped = exp->step();
      if (stepped) history.add(exp->last());
      if (check_holds(s.check, *exp, history)) held_at = exp->steps_done() - start;
      if (!stepped) break;  // diverged (the check may be about that)
    }
    std::printf("  %s step %zu: '%s' held after %ld of %ld steps (%s)\n", it->id.c_str(), k + 1,
                s.check_text.c_str(), held_at, s.budget, check_report(s.check, *exp, history).c_str());
    EXPECT_GE(held_at, 0) << it->file << " step " << k + 1 << ": '" << s.check_text << "' did not hold within "
                          << s.budget << " steps: " << check_report(s.check, *exp, history);
  }
  EXPECT_GT(checks, 0) << "lesson " << GetParam() << " has no check";
}

INSTANTIATE_TEST_SUITE_P(Lessons, LessonChecks,
                         ::testing::Values("memory", "bptt", "truncated", "clipping", "lstm", "gru",
                                           "seq2seq", "transformer"));

}  // namespace
}  // namespace unroll
