// The exporter's templates: Python text with {{NAME}} placeholders, filled
// from a table, and the few Python literals the templates need.
//
// A placeholder the table does not name, or a name the template does not
// use, is a logic_error: a typo in a template fails the unit tests instead
// of leaking "{{...}}" into a user's script.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unroll::torch_export {

using Vars = std::vector<std::pair<std::string, std::string>>;

// `tpl` with every {{NAME}} replaced by its value in `vars`.
std::string fill(std::string_view tpl, const Vars& vars);

// A Python str literal for any valid UTF-8 text: "..." with \\ \" \n \r \t
// and \xNN escapes for control characters; long texts are split after
// each newline into implicitly concatenated lines inside parentheses.
std::string py_str(std::string_view s);

// A Python float literal that reads back to exactly this double.
std::string py_float(double v);

// "True" / "False".
inline const char* py_bool(bool b) { return b ? "True" : "False"; }

}  // namespace unroll::torch_export
