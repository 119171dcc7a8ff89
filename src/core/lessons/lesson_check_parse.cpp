// The check expressions' grammar (lesson_check.h): text -> CheckExpr.
// Kept apart from the evaluation so the parser builds (and is fuzzed)
// without the training engine.
#include "core/lessons/lesson_check.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/io/json.h"

namespace unroll {
namespace {

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t k = 0;
  while (k < s.size()) {
    while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
    if (k == s.size()) break;
    // Operators split off even without spaces around them ("loss<0.1").
    const bool op = std::string_view("<>=!").find(s[k]) != std::string_view::npos;
    size_t e = k;
    while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])) &&
           (std::string_view("<>=!").find(s[e]) != std::string_view::npos) == op)
      ++e;
    out.emplace_back(s.substr(k, e - k));
    k = e;
  }
  return out;
}

bool parse_op(const std::string& w, CheckOp* op) {
  if (w == "<") *op = CheckOp::Less;
  else if (w == "<=") *op = CheckOp::LessEq;
  else if (w == ">") *op = CheckOp::Greater;
  else if (w == ">=") *op = CheckOp::GreaterEq;
  else if (w == "==") *op = CheckOp::Equal;
  else return false;
  return true;
}

// -?(d+(.d*)?|.d+)([eE][+-]?d+)?: the numbers lessons write. strtod alone
// would also take "+1", " 1", "0x10", "0x1p3" and "infinity".
bool plain_number(const std::string& s, double* out) {
  size_t k = 0, digits = 0;
  auto run = [&] {
    const size_t a = k;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    return k - a;
  };
  if (k < s.size() && s[k] == '-') ++k;
  digits += run();
  if (k < s.size() && s[k] == '.') {
    ++k;
    digits += run();
  }
  if (digits == 0) return false;
  if (k < s.size() && (s[k] == 'e' || s[k] == 'E')) {
    ++k;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (run() == 0) return false;
  }
  if (k != s.size()) return false;
  *out = std::strtod(s.c_str(), nullptr);
  return std::isfinite(*out);
}

// A word of the check as a message may echo it.
std::string shown(const std::string& w) { return json::clip_for_message(w, 40); }

bool known_variable(const std::string& name) {
  for (const auto& v : check_variables())
    if (name == v.name) return true;
  return false;
}

std::string variable_list() {
  std::string s;
  for (const auto& v : check_variables()) s += (s.empty() ? "" : ", ") + std::string(v.name);
  return s;
}

}  // namespace

const std::vector<CheckVariable>& check_variables() {
  static const std::vector<CheckVariable> vars = {
      {"step", "training steps done"},
      {"loss", "mean training loss over the last 20 steps"},
      {"metric", "mean task metric over the last 20 steps"},
      {"grad_norm", "mean global gradient norm (before clipping) over the last 20 steps"},
      {"clipped_fraction", "fraction of the last 20 steps whose gradient was clipped"},
      {"dh_first", "||dL/dh_1|| of the top layer in the last step"},
      {"dh_last", "||dL/dh_T|| of the top layer in the last step"},
      {"dh_ratio", "||dL/dh_1|| / ||dL/dh_T|| of the top layer in the last step"},
      {"spectral_radius", "largest |eigenvalue| of the first layer's W_hh (first gate block)"},
      {"forget_gate", "mean LSTM forget gate (first layer) on the probe sequences"},
      {"param_count", "number of trained parameters"},
      {"diverged", "1 if training stopped on a non-finite loss, else 0"},
  };
  return vars;
}

bool parse_check(std::string_view text, CheckExpr* out, std::string* error) {
  out->terms.clear();
  const std::vector<std::string> w = split_words(text);
  const std::string quoted = "'" + json::clip_for_message(text, 80) + "'";
  if (w.empty()) {
    *error = "The check is empty: write e.g. 'loss < 0.01' or 'step >= 100 and metric > 0.9'.";
    return false;
  }
  for (size_t k = 0; k < w.size();) {
    if (k > 0) {
      if (w[k] != "and") {
        *error = "In the check " + quoted + ", '" + shown(w[k]) + "' should be 'and' (terms are joined by 'and').";
        return false;
      }
      ++k;
    }
    if (k + 3 > w.size()) {
      *error = "The check " + quoted + " ends too early: each term is 'variable op number', "
               "e.g. 'loss < 0.01'.";
      return false;
    }
    CheckTerm t;
    t.var = w[k];
    if (!known_variable(t.var)) {
      *error = "The check " + quoted + " uses '" + shown(t.var) + "', which is not a check variable; allowed: " +
               variable_list() + ".";
      return false;
    }
    if (!parse_op(w[k + 1], &t.op)) {
      *error = "In the check " + quoted + ", '" + shown(w[k + 1]) + "' after '" + t.var +
               "' is not a comparison; allowed: <, <=, >, >=, ==.";
      return false;
    }
    const std::string& num = w[k + 2];
    if (!plain_number(num, &t.value)) {
      *error = "In the check " + quoted + ", '" + shown(num) + "' is not a number (write e.g. 0.01, 1e-6, 100).";
      return false;
    }
    out->terms.push_back(t);
    k += 3;
  }
  return true;
}

}  // namespace unroll
