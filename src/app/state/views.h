// The playground's views: the two sidebar tabs and the six panels. Each
// layout (app/panels/app.cpp) places them differently; the narrow layout
// shows one at a time behind a tab strip, and panels= in a link names the
// ones a lesson or a demo wants (app/state/focus.h). UI-free.
#pragma once
#include <string_view>

namespace unroll::app {

enum class View { Experiment, Lessons, Loss, GradFlow, Matrix, Cell, Task, Compare };
constexpr int kViewCount = 8;

struct ViewInfo {
  View view;
  const char* id;            // in links (panels=) and getState(): "loss", "gradflow", ...
  const char* alias;         // a second spelling for the same slot, or nullptr
  const char* title;         // English title; the recurrent one where the slot has two
  const char* other_title;   // the slot's title for seq2seq/Transformer models, or nullptr
  const char* short_title;   // on the narrow layout's tab strip (about 10 characters)
  const char* other_short;
};

// In the order of the narrow layout's tab strip.
const ViewInfo (&view_table())[kViewCount];
const ViewInfo& view_info(View v);
// By id or alias ("matrix" or "attention", "cell" or "bottleneck"); nullptr if none.
const ViewInfo* find_view(std::string_view id);
// Title of the view for this kind of model (English; tr() it).
const char* view_title(View v, bool recurrent);
const char* view_short_title(View v, bool recurrent);

}  // namespace unroll::app
