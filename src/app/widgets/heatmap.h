// A heatmap widget: a float matrix drawn as a GL texture through a colormap
// shader (shaders/colormap.frag), with a colour bar, axis labels and a hover
// tooltip. Falls back to a CPU-coloured RGBA8 texture if the shader or
// float textures are unavailable.
//
//   heatmap("##dh", data, rows, cols, ImVec2(w, h), opts);
//
// Layout of `data`: column-major (Eigen's default), element (row r, col c)
// at data[c * col_stride + r] with col_stride = rows unless set. So an
// Eigen block of rows [r0, r0+n) of a Mat m is passed as
//   data = m.data() + r0, rows = n, cols = m.cols(), col_stride = m.rows().
// Row 0 is drawn at the TOP unless opts.row0_at_bottom.
#pragma once
#include <imgui.h>

#include <functional>
#include <string>

#include "app/widgets/colormap.h"

namespace unroll::app {

struct HeatmapOptions {
  Colormap colormap = Colormap::Viridis;
  bool log_scale = false;       // colour by log10(value); values <= 0 get the bottom colour
  bool auto_range = true;       // range = finite min/max of the data (symmetric for Diverging)
  float range_min = 0, range_max = 1;  // used when !auto_range
  int col_stride = 0;           // 0 = rows (dense)
  bool row0_at_bottom = false;  // true: row 0 at the bottom (e.g. y = timestep axis upwards)

  const char* x_label = nullptr;      // under the map, e.g. "training step"
  const char* y_label = nullptr;      // left of the map, e.g. "timestep t"
  const char* value_label = nullptr;  // colour bar title / tooltip name, e.g. "||dL/dh_t||"
  // Axis tick labels: the value at the first and last column/row (linear in
  // between). Unset (x_first == x_last) = column/row index.
  double x_first = 0, x_last = 0;
  double y_first = 0, y_last = 0;
  bool colorbar = true;
  const char* help = nullptr;  // shown by a "(?)" in the top-right corner: what the map means
  // Optional extra tooltip text for the hovered cell (e.g. "input token 'a'").
  std::function<std::string(int row, int col, float value)> hover_text;
};

struct HeatmapHover {
  bool hovered = false;
  int row = -1, col = -1;
  float value = 0;
};

// Draws at the cursor, taking `size` (the whole widget: labels and colour bar
// included; the map gets what is left). Returns the hovered cell.
HeatmapHover heatmap(const char* id, const float* data, int rows, int cols, ImVec2 size,
                     const HeatmapOptions& opts = HeatmapOptions());

// True once the GPU colormap path failed and the CPU fallback is in use.
bool heatmap_using_fallback();

}  // namespace unroll::app
