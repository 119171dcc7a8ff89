// A line-plot widget drawn with ImDrawList: several series, linear or log y
// axis with tick labels, optional horizontal reference lines (chance
// baseline, clip threshold) and x marks (e.g. clipped steps), and a hover
// cursor whose tooltip lists every series' value at that x. Series are
// decimated to the pixel width (plot_math.h), so 100k points stay cheap;
// NaN/Inf values break the line instead of breaking the plot.
#pragma once
#include <imgui.h>

#include <cmath>
#include <cstddef>
#include <vector>

namespace unroll::app {

struct PlotSeries {
  const char* label = "";
  const double* x = nullptr;  // ascending; null = 0, 1, 2 ...
  const double* y = nullptr;
  size_t n = 0;
  ImU32 color = IM_COL32(255, 255, 255, 255);
  float thickness = 1.5f;
  bool in_tooltip = true;  // list its value when hovering
};

struct PlotRefLine {
  double y = 0;
  const char* label = "";
  ImU32 color = IM_COL32(200, 200, 200, 160);
};

struct PlotOptions {
  bool log_y = false;
  const char* x_label = nullptr;  // e.g. "training step"
  const char* y_label = nullptr;  // e.g. "loss (MSE)", drawn above the axis
  std::vector<PlotRefLine> ref_lines;
  // Small ticks along the bottom at these x values (ascending), e.g. steps
  // whose gradient was clipped.
  const double* marks_x = nullptr;
  size_t n_marks = 0;
  ImU32 mark_color = IM_COL32(255, 120, 100, 220);
  const char* marks_label = nullptr;  // tooltip/legend name of the marks
  const char* help = nullptr;  // shown by a "(?)" in the top-right corner: what the plot means
  bool legend = true;                 // series labels in the top-right corner (2+ series)
  bool integer_x = true;              // x is a count (steps, timesteps): tick labels without decimals
  // Fixed axis limits (NaN = fit the data).
  double x_min = NAN, x_max = NAN, y_min = NAN, y_max = NAN;
};

// Draws at the cursor taking `size` (labels included). Returns true if hovered.
bool line_plot(const char* id, const std::vector<PlotSeries>& series, ImVec2 size,
               const PlotOptions& opts = PlotOptions());

// A "(?)" drawn with its right edge at top_right; shows `help` as a tooltip
// when the mouse is over it (item_hovered: the widget under it is hovered).
// Returns true while it is hovered. Shared by the plot and heatmap widgets.
bool help_marker_at(const char* help, ImVec2 top_right, bool item_hovered);

}  // namespace unroll::app
