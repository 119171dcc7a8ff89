#include "core/export/template.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/io/json.h"

namespace unroll::torch_export {

std::string fill(std::string_view tpl, const Vars& vars) {
  std::vector<bool> used(vars.size(), false);
  std::string out;
  out.reserve(tpl.size() + 256);
  size_t i = 0;
  while (i < tpl.size()) {
    const size_t open = tpl.find("{{", i);
    if (open == std::string_view::npos) {
      out.append(tpl.substr(i));
      break;
    }
    out.append(tpl.substr(i, open - i));
    const size_t close = tpl.find("}}", open + 2);
    if (close == std::string_view::npos) throw std::logic_error("export template: unclosed {{");
    const std::string_view name = tpl.substr(open + 2, close - open - 2);
    bool found = false;
    for (size_t k = 0; k < vars.size(); ++k)
      if (vars[k].first == name) {
        out += vars[k].second;
        used[k] = true;
        found = true;
        break;
      }
    if (!found) throw std::logic_error("export template: no value for {{" + std::string(name) + "}}");
    i = close + 2;
  }
  for (size_t k = 0; k < vars.size(); ++k)
    if (!used[k]) throw std::logic_error("export template: {{" + vars[k].first + "}} is not used");
  return out;
}

std::string py_str(std::string_view s) {
  std::string lines, cur = "\"";
  int pieces = 0;
  for (size_t k = 0; k < s.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(s[k]);
    switch (c) {
      case '\\': cur += "\\\\"; break;
      case '"': cur += "\\\""; break;
      case '\n': cur += "\\n"; break;
      case '\r': cur += "\\r"; break;
      case '\t': cur += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          cur += buf;
        } else {
          cur += char(c);  // UTF-8 bytes as they are: the file is UTF-8
        }
    }
    if (c == '\n' && k + 1 < s.size()) {
      lines += "    " + cur + "\"\n";
      cur = "\"";
      ++pieces;
    }
  }
  if (pieces == 0) return cur + "\"";
  return "(\n" + lines + "    " + cur + "\"\n)";
}

std::string py_float(double v) {
  if (std::isnan(v)) return "float(\"nan\")";
  if (std::isinf(v)) return v > 0 ? "float(\"inf\")" : "-float(\"inf\")";
  std::string s = json::format_double(v);
  // "1" would be an int in Python; keep every float a float.
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

}  // namespace unroll::torch_export
