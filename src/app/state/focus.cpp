#include "app/state/focus.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/config/config.h"
#include "core/config/split.h"

namespace unroll::app {
namespace {

// Printable, short and harmless in a message (the same characters the
// link parser's messages allow: no markup or quoting characters).
std::string shown(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40))
    out += (c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '&' && c != '"' && c != '`') ? c : '?';
  return out;
}

bool experiment_key(std::string_view name) {
  const KeyDef* k = find_key(name);
  return k && k->group != "link";
}

}  // namespace

bool Focus::hides(std::string_view control) const {
  return std::find(hide.begin(), hide.end(), control) != hide.end();
}

bool Focus::shows(View v) const {
  return panels.empty() || std::find(panels.begin(), panels.end(), v) != panels.end();
}

const std::vector<std::string>& hideable_run_bar_controls() {
  static const std::vector<std::string> kControls = {"speed", "files", "link", "lang"};
  return kControls;
}

std::string parse_hide(std::string_view value, Focus* f) {
  std::vector<std::string> names;
  for (const std::string& n : split(value, ',')) {
    const auto& bar = hideable_run_bar_controls();
    if (!experiment_key(n) && std::find(bar.begin(), bar.end(), n) == bar.end())
      return "hide=" + shown(value) + " has '" + shown(n) +
             "', which is not a control: allowed any experiment key (such as optim, lr, seed) and speed, "
             "files, link, lang, separated by commas.";
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  f->hide = names;
  return "";
}

std::string parse_panels(std::string_view value, Focus* f) {
  std::vector<View> views;
  for (const std::string& n : split(value, ',')) {
    const ViewInfo* v = find_view(n);
    if (!v)
      return "panels=" + shown(value) + " has '" + shown(n) +
             "', which is not a view: allowed experiment, lessons, loss, gradflow, matrix (or attention), "
             "cell (or bottleneck), task, compare, separated by commas.";
    if (std::find(views.begin(), views.end(), v->view) == views.end()) views.push_back(v->view);
  }
  std::sort(views.begin(), views.end());
  f->panels = views;
  return "";
}

std::string parse_zoom(std::string_view value, Focus* f) {
  const std::string s(value);
  char* end = nullptr;
  const double z = std::strtod(s.c_str(), &end);
  const bool plain = s.find_first_not_of("0123456789.") == std::string::npos;
  if (s.empty() || !plain || *end || !std::isfinite(z) || z < kMinZoom || z > kMaxZoom)
    return "zoom=" + shown(value) + " is not allowed: the presentation zoom is a number from 1 to 3 (such as 1.5).";
  f->zoom = z == 1.0 ? 0.0f : float(z);
  return "";
}

std::string focus_query(const Focus& f) {
  std::string s;
  if (!f.hide.empty()) {
    s += "&hide=";
    for (size_t k = 0; k < f.hide.size(); ++k) s += (k ? "," : "") + f.hide[k];
  }
  if (!f.panels.empty()) {
    s += "&panels=";
    for (size_t k = 0; k < f.panels.size(); ++k) s += std::string(k ? "," : "") + view_info(f.panels[k]).id;
  }
  if (f.zoom > 0) {
    char b[16];
    std::snprintf(b, sizeof b, "%g", double(f.zoom));
    s += std::string("&zoom=") + b;
  }
  return s;
}

}  // namespace unroll::app
