// A lesson step's live check: a small expression over what training
// measured, e.g. "dh_first < 1e-6" or "step >= 300 and loss > 0.1".
//
//   check := term ("and" term)*
//   term  := variable op number        op: < <= > >= ==
//
// Variables (check_variables() lists them with their meaning) read the
// main run's Experiment and History only, so the CLI, the learning tests
// and the page evaluate the same numbers.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/experiment.h"
#include "core/train/history.h"

namespace unroll {

enum class CheckOp { Less, LessEq, Greater, GreaterEq, Equal };

struct CheckTerm {
  std::string var;  // one of check_variables()
  CheckOp op = CheckOp::Less;
  double value = 0;
};

struct CheckExpr {
  std::vector<CheckTerm> terms;  // all must hold ("and"); empty = no check
  bool empty() const { return terms.empty(); }
};

struct CheckVariable {
  const char* name;
  const char* meaning;
};
const std::vector<CheckVariable>& check_variables();

// Strict parse; false and *error (a full sentence naming the bad part and
// what is allowed) on bad input.
bool parse_check(std::string_view text, CheckExpr* out, std::string* error);

// Steps averaged by loss/metric/grad_norm/clipped_fraction (the per-batch
// numbers are noisy; a check should not pass on one lucky batch).
constexpr size_t kCheckWindow = 20;

// One variable's current value; nullopt when it does not apply yet (no
// step trained, no recurrent matrix, not an LSTM ...).
std::optional<double> check_value(std::string_view var, Experiment& exp, const History& history);

// True when every term holds (a variable without a value fails its term).
bool check_holds(const CheckExpr& expr, Experiment& exp, const History& history);

// "dh_first = 3.1e-07 (< 1e-06)" per term, joined by "; " (for the panel).
std::string check_report(const CheckExpr& expr, Experiment& exp, const History& history);

}  // namespace unroll
