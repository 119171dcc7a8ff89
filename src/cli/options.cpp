#include "cli/options.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace unroll::cli {
namespace {

// An argument as it may be echoed in a message: printable ASCII only and
// short, so a hostile argument cannot move the cursor or flood the screen.
std::string shown(const std::string& s) {
  std::string out;
  for (char ch : s.substr(0, 80)) {
    const unsigned char c = static_cast<unsigned char>(ch);
    out += (c >= 0x20 && c < 0x7f) ? ch : '?';
  }
  if (s.size() > 80) out += "...";
  return out;
}

std::string number_text(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

}  // namespace

bool parse_whole(const std::string& s, long* out) {
  size_t k = s.size() > 0 && s[0] == '-' ? 1 : 0;
  if (k == s.size()) return false;
  for (size_t j = k; j < s.size(); ++j)
    if (s[j] < '0' || s[j] > '9') return false;
  errno = 0;
  const long v = std::strtol(s.c_str(), nullptr, 10);
  if (errno == ERANGE) return false;
  *out = v;
  return true;
}

bool parse_decimal(const std::string& s, double* out) {
  size_t k = 0;
  auto digits = [&] {
    const size_t a = k;
    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
    return k > a;
  };
  if (k < s.size() && s[k] == '-') ++k;
  const bool whole = digits();
  bool frac = false;
  if (k < s.size() && s[k] == '.') {
    ++k;
    frac = digits();
  }
  if (!whole && !frac) return false;
  if (k < s.size() && (s[k] == 'e' || s[k] == 'E')) {
    ++k;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (!digits()) return false;
  }
  if (k != s.size()) return false;
  const double v = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(v)) return false;
  *out = v;
  return true;
}

void OptionParser::add(Option o) { options_.push_back(std::move(o)); }

void OptionParser::flag(const char* name, bool* dst, const char* help) {
  Option o;
  o.name = name;
  o.help = help;
  o.is_flag = true;
  o.flag = dst;
  add(std::move(o));
}

void OptionParser::text(const char* name, const char* metavar, std::string* dst, const char* help,
                        const char* what) {
  custom(name, metavar, what,
         [dst](const std::string& v) {
           if (v.empty()) return false;
           *dst = v;
           return true;
         },
         help);
}

void OptionParser::integer(const char* name, const char* metavar, long* dst, long lo, long hi,
                           const char* help) {
  const std::string allowed =
      "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  custom(name, metavar, allowed.c_str(),
         [dst, lo, hi](const std::string& v) {
           long x = 0;
           if (!parse_whole(v, &x) || x < lo || x > hi) return false;
           *dst = x;
           return true;
         },
         help);
}

void OptionParser::real(const char* name, const char* metavar, double* dst, double lo, double hi,
                        bool lo_open, const char* help) {
  const std::string allowed = lo_open ? "a number above " + number_text(lo) + " and at most " + number_text(hi)
                                      : "a number from " + number_text(lo) + " to " + number_text(hi);
  custom(name, metavar, allowed.c_str(),
         [dst, lo, hi, lo_open](const std::string& v) {
           double x = 0;
           if (!parse_decimal(v, &x) || x > hi || (lo_open ? x <= lo : x < lo)) return false;
           *dst = x;
           return true;
         },
         help);
}

void OptionParser::choice(const char* name, const char* metavar, std::vector<std::string> choices,
                          std::string* dst, const char* help) {
  std::string allowed = "one of ";
  for (size_t k = 0; k < choices.size(); ++k)
    allowed += (k == 0 ? "" : k + 1 == choices.size() ? " or " : ", ") + choices[k];
  custom(name, metavar, allowed.c_str(),
         [dst, choices](const std::string& v) {
           for (const std::string& c : choices)
             if (v == c) {
               *dst = v;
               return true;
             }
           return false;
         },
         help);
}

void OptionParser::custom(const char* name, const char* metavar, const char* allowed, Check check,
                          const char* help) {
  Option o;
  o.name = name;
  o.metavar = metavar;
  o.help = help;
  o.allowed = allowed;
  o.check = std::move(check);
  add(std::move(o));
}

const OptionParser::Option* OptionParser::find(const std::string& name) const {
  for (const Option& o : options_)
    if (o.name == name) return &o;
  return nullptr;
}

std::string OptionParser::allowed_names() const {
  std::string s;
  for (const Option& o : options_) s += o.name + ", ";
  return s + "--help";
}

OptionParser::Result OptionParser::parse(int argc, const char* const* argv, std::string* error) const {
  auto fail = [&](const std::string& m) {
    *error = command_ + ": " + m;
    return Result::Error;
  };
  // --help wins wherever it is, even after a bad option.
  for (int a = 0; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "--help" || arg == "-h") return Result::Help;
  }
  for (int a = 0; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2)
      return fail("unexpected argument '" + shown(arg) + "': every option starts with --; allowed: " +
                  allowed_names());
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const Option* o = find(name);
    if (!o)
      return fail("unknown option '" + shown(name) + "'; allowed: " + allowed_names() + " (see '" +
                  command_ + " --help')");
    if (o->is_flag) {
      if (eq != std::string::npos) return fail(name + " takes no value (got '" + shown(arg) + "')");
      *o->flag = true;
      continue;
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (a + 1 < argc && std::string(argv[a + 1]).rfind("--", 0) != 0) {
      // A following "--option" is never taken as a value ("--jsonl --quiet"
      // is a forgotten file name); "--jsonl=--odd-name" still works.
      value = argv[++a];
    } else {
      return fail(name + " needs a value: " + o->allowed);
    }
    if (!o->check(value))
      return fail(name + " must be " + o->allowed + " (got '" + shown(value) + "')");
  }
  return Result::Ok;
}

std::string OptionParser::help() const {
  size_t width = 0;
  auto head = [](const Option& o) { return o.name + (o.metavar.empty() ? "" : " " + o.metavar); };
  for (const Option& o : options_) width = std::max(width, head(o).size());
  width = std::max(width, std::string("--help").size()) + 2;
  std::string s;
  auto line = [&](const std::string& left, const std::string& help) {
    std::string pad = "  " + left + std::string(width - left.size(), ' ');
    size_t at = 0;
    for (;;) {
      const size_t nl = help.find('\n', at);
      s += pad + help.substr(at, nl == std::string::npos ? std::string::npos : nl - at) + "\n";
      if (nl == std::string::npos) break;
      at = nl + 1;
      pad = std::string(width + 2, ' ');
    }
  };
  for (const Option& o : options_) line(head(o), o.help);
  line("--help", "this text");
  s += "\nEvery option is written --name value or --name=value.\n";
  return s;
}

}  // namespace unroll::cli
