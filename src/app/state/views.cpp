#include "app/state/views.h"

namespace unroll::app {

const ViewInfo (&view_table())[kViewCount] {
  // Recurrent models show the recurrent matrix and the cell's inside; the
  // attention models show attention maps and what lies beyond the bottleneck.
  static const ViewInfo kViews[kViewCount] = {
      {View::Experiment, "experiment", nullptr, "Experiment", nullptr, "Experiment", nullptr},
      {View::Lessons, "lessons", nullptr, "Lessons", nullptr, "Lessons", nullptr},
      {View::Loss, "loss", nullptr, "Loss", nullptr, "Loss", nullptr},
      {View::GradFlow, "gradflow", nullptr, "Gradient flow through time", nullptr, "Gradients", nullptr},
      {View::Matrix, "matrix", "attention", "Recurrent matrix", "Attention", "Matrix", "Attention"},
      {View::Cell, "cell", "bottleneck", "Inside the cell", "Beyond the bottleneck", "Cell", "Bottleneck"},
      {View::Task, "task", nullptr, "Task view", nullptr, "Task", nullptr},
      {View::Compare, "compare", nullptr, "Compare runs", nullptr, "Compare", nullptr},
  };
  return kViews;
}

const ViewInfo& view_info(View v) { return view_table()[int(v)]; }

const ViewInfo* find_view(std::string_view id) {
  for (const ViewInfo& v : view_table())
    if (id == v.id || (v.alias && id == v.alias)) return &v;
  return nullptr;
}

const char* view_title(View v, bool recurrent) {
  const ViewInfo& i = view_info(v);
  return !recurrent && i.other_title ? i.other_title : i.title;
}

const char* view_short_title(View v, bool recurrent) {
  const ViewInfo& i = view_info(v);
  return !recurrent && i.other_short ? i.other_short : i.short_title;
}

}  // namespace unroll::app
