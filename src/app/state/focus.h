// Focus links: page keys with which a lesson or a demo shows less, or
// shows it bigger (in the spirit of TensorFlow Playground's hide options):
//   hide=optim,lr,seed     hide these controls: any experiment key of the
//                          Experiment tab, or speed, files, link, lang of the run bar
//   panels=loss,gradflow   show only these views (view ids: app/state/views.h)
//   zoom=1.5               presentation mode: text and lines 1 to 3 times larger
// Parsed and written by app/state/links.cpp with every other page key. UI-free.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "app/state/views.h"

namespace unroll::app {

constexpr float kMinZoom = 1.0f, kMaxZoom = 3.0f;

struct Focus {
  std::vector<std::string> hide;  // in the order given, no repeats
  std::vector<View> panels;       // in view-table order; empty = every view
  float zoom = 0;                 // 0 = not given (1)

  bool hides(std::string_view control) const;
  bool shows(View v) const;
  float scale() const { return zoom > 0 ? zoom : 1.0f; }
  bool empty() const { return hide.empty() && panels.empty() && zoom == 0; }
};

// The run bar's controls hide= accepts besides the experiment keys.
const std::vector<std::string>& hideable_run_bar_controls();

// Each returns "" and sets the field, or a message naming what was wrong and
// what is allowed (the field is left unchanged).
std::string parse_hide(std::string_view value, Focus* f);
std::string parse_panels(std::string_view value, Focus* f);
std::string parse_zoom(std::string_view value, Focus* f);

// "&hide=...&panels=...&zoom=..." for the keys that are set ("" if none).
std::string focus_query(const Focus& f);

}  // namespace unroll::app
