#include "app/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/widgets/plot_math.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

// Maps data to screen inside the plot rectangle [p0, p1].
struct Frame {
  ImVec2 p0, p1;
  double x0, x1, y0, y1;  // y0/y1 are log10 values when log
  bool log;
  float sx(double x) const { return p0.x + float((x - x0) / (x1 - x0)) * (p1.x - p0.x); }
  float sy(double y) const {
    const double v = log ? std::log10(y) : y;
    return p1.y - float((v - y0) / (y1 - y0)) * (p1.y - p0.y);
  }
  double data_x(float px) const { return x0 + double((px - p0.x) / (p1.x - p0.x)) * (x1 - x0); }
};

void draw_series(ImDrawList* dl, const Frame& f, const PlotSeries& s) {
  const int buckets = std::max(1, int(f.p1.x - f.p0.x));
  const std::vector<PlotPoint> pts = decimate(s.x, s.y, s.n, f.x0, f.x1, buckets, f.log);
  std::vector<ImVec2> line;
  line.reserve(pts.size());
  auto flush = [&] {
    if (line.size() == 1) dl->AddCircleFilled(line[0], s.thickness + 0.5f, s.color);
    else if (line.size() > 1) dl->AddPolyline(line.data(), int(line.size()), s.color, 0, s.thickness);
    line.clear();
  };
  for (const PlotPoint& p : pts) {
    if (std::isnan(p.y)) {
      flush();
      continue;
    }
    // Clamp far-off values to just outside the frame (the clip rect hides them)
    // so huge spikes do not produce float overflow in the vertex buffer.
    const float y = std::clamp(f.sy(p.y), f.p0.y - 1000.f, f.p1.y + 1000.f);
    line.push_back(ImVec2(f.sx(p.x), y));
  }
  flush();
}

std::string x_tick_text(double v, bool integer) {
  if (integer && std::fabs(v) < 1e7) {
    char b[24];
    std::snprintf(b, sizeof b, "%.0f", v);
    return b;
  }
  return tick_label(v);
}

}  // namespace

bool help_marker_at(const char* help, ImVec2 top_right, bool item_hovered) {
  if (!help) return false;
  const ImVec2 ts = ImGui::CalcTextSize("(?)");
  const ImVec2 a(top_right.x - ts.x - 2, top_right.y), b(top_right.x, top_right.y + ts.y);
  const ImVec2 m = ImGui::GetIO().MousePos;
  const bool over = item_hovered && m.x >= a.x - 2 && m.x <= b.x && m.y >= a.y - 2 && m.y <= b.y + 2;
  ImGui::GetWindowDrawList()->AddText(a, over ? ImGui::GetColorU32(ImGuiCol_Text)
                                              : ImGui::GetColorU32(ImGuiCol_TextDisabled), "(?)");
  if (over) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(help);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  return over;
}

bool line_plot(const char* id, const std::vector<PlotSeries>& series, ImVec2 size, const PlotOptions& o) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 80.f);
  size.y = std::max(size.y, 50.f);
  ImGui::InvisibleButton("##plot", size);
  const bool hovered = ImGui::IsItemHovered();
  const float fh = ImGui::GetFontSize();
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  const ImU32 grid = IM_COL32(255, 255, 255, 22);
  const ImU32 axis = IM_COL32(255, 255, 255, 70);

  // ---- ranges ---------------------------------------------------------------
  double x0 = INFINITY, x1 = -INFINITY;
  for (const PlotSeries& s : series) {
    if (s.n == 0 || !s.y) continue;
    x0 = std::min(x0, s.x ? s.x[0] : 0.0);
    x1 = std::max(x1, s.x ? s.x[s.n - 1] : double(s.n - 1));
  }
  if (!std::isnan(o.x_min)) x0 = o.x_min;
  if (!std::isnan(o.x_max)) x1 = o.x_max;
  const bool have_x = x0 <= x1;
  if (!have_x) {
    x0 = 0;
    x1 = 1;
  }
  if (x1 <= x0) x1 = x0 + 1;
  Range yr;
  for (const PlotSeries& s : series) {
    if (!s.y) continue;
    const Range r = value_range(s.x, s.y, s.n, x0, x1, o.log_y);
    if (!r.valid) continue;
    yr.lo = yr.valid ? std::min(yr.lo, r.lo) : r.lo;
    yr.hi = yr.valid ? std::max(yr.hi, r.hi) : r.hi;
    yr.valid = true;
  }
  // Reference lines stay in view (the chance baseline is the point of comparison).
  for (const PlotRefLine& l : o.ref_lines) {
    if (!std::isfinite(l.y) || (o.log_y && l.y <= 0)) continue;
    const double pad = o.log_y ? 1.15 : 0;
    const double lo = o.log_y ? l.y / pad : l.y, hi = o.log_y ? l.y * pad : l.y;
    yr.lo = yr.valid ? std::min(yr.lo, lo) : lo;
    yr.hi = yr.valid ? std::max(yr.hi, hi) : hi;
    yr.valid = true;
  }
  if (!std::isnan(o.y_min)) yr.lo = o.y_min;
  if (!std::isnan(o.y_max)) yr.hi = o.y_max;
  if (!yr.valid) {
    yr.lo = o.log_y ? 0.1 : 0;
    yr.hi = 1;
  }
  if (o.log_y && !(yr.lo > 0)) yr.lo = yr.hi > 0 ? yr.hi * 1e-3 : 1e-3;
  if (!(yr.hi > yr.lo)) yr.hi = o.log_y ? yr.lo * 10 : yr.lo + 1;

  // ---- layout: y tick labels left, y label above, x ticks + label below ------
  const int max_yticks = std::max(2, int(size.y / (fh * 2.2f)));
  const std::vector<double> yt = o.log_y ? log_ticks(yr.lo, yr.hi, max_yticks)
                                         : linear_ticks(yr.lo, yr.hi, max_yticks);
  float ytw = 0;
  for (double v : yt) ytw = std::max(ytw, ImGui::CalcTextSize(tick_label(v).c_str()).x);
  const float top = (o.y_label || o.help) ? fh + 4 : fh * 0.5f;
  Frame f;
  f.p0 = ImVec2(p0.x + ytw + 6, p0.y + top);
  f.p1 = ImVec2(p0.x + size.x - 4, p0.y + size.y - fh - 4);
  f.x0 = x0;
  f.x1 = x1;
  f.log = o.log_y;
  f.y0 = o.log_y ? std::log10(yr.lo) : yr.lo;
  f.y1 = o.log_y ? std::log10(yr.hi) : yr.hi;
  if (f.p1.x - f.p0.x < 10 || f.p1.y - f.p0.y < 10) {
    ImGui::PopID();
    return hovered;
  }

  dl->AddRectFilled(f.p0, f.p1, IM_COL32(0, 0, 0, 40));
  // y grid + labels
  // Labels: powers of ten first (on a log axis), then the others where they
  // do not overlap a label already placed.
  std::vector<float> placed;
  for (int pass = 0; pass < 2; ++pass)
    for (double v : yt) {
      const float y = f.sy(v);
      if (y < f.p0.y - 1 || y > f.p1.y + 1) continue;
      const double l10 = std::log10(std::fabs(v));
      const bool major = !o.log_y || std::fabs(l10 - std::round(l10)) < 1e-9;
      if (major != (pass == 0)) continue;
      dl->AddLine(ImVec2(f.p0.x, y), ImVec2(f.p1.x, y), grid);
      const float ty = std::clamp(y - fh * 0.5f, p0.y + top - fh * 0.5f, f.p1.y - fh * 0.5f);
      if (std::any_of(placed.begin(), placed.end(), [&](float q) { return std::fabs(q - ty) < fh; })) continue;
      const std::string t = tick_label(v);
      dl->AddText(ImVec2(f.p0.x - 4 - ImGui::CalcTextSize(t.c_str()).x, ty), muted, t.c_str());
      placed.push_back(ty);
    }
  if (o.y_label) dl->AddText(ImVec2(p0.x, p0.y), muted, o.y_label);
  const bool help_hovered = help_marker_at(o.help, ImVec2(p0.x + size.x, p0.y), hovered);
  // x grid + labels; leave room for the x label on the right
  const float xlab_w = o.x_label ? ImGui::CalcTextSize(o.x_label).x + 10 : 0;
  const float sample_w = ImGui::CalcTextSize(x_tick_text(x1, o.integer_x).c_str()).x + 16;
  const int max_xticks = std::max(2, int((f.p1.x - f.p0.x - xlab_w) / sample_w));
  std::vector<double> xt = linear_ticks(x0, x1, max_xticks);
  if (o.integer_x) xt.erase(std::remove_if(xt.begin(), xt.end(), [](double v) { return v != std::round(v); }), xt.end());
  float last_text_end = -1e9f;
  const float label_x = f.p1.x - xlab_w + 10;
  for (double v : xt) {
    const float x = f.sx(v);
    dl->AddLine(ImVec2(x, f.p0.y), ImVec2(x, f.p1.y), grid);
    const std::string t = x_tick_text(v, o.integer_x);
    const float w = ImGui::CalcTextSize(t.c_str()).x;
    const float tx = std::max(f.p0.x, x - w * 0.5f);
    if (tx < last_text_end + 6 || tx + w > label_x - 6) continue;
    dl->AddText(ImVec2(tx, f.p1.y + 2), muted, t.c_str());
    last_text_end = tx + w;
  }
  if (o.x_label) dl->AddText(ImVec2(label_x, f.p1.y + 2), muted, o.x_label);
  dl->AddLine(ImVec2(f.p0.x, f.p1.y), ImVec2(f.p1.x, f.p1.y), axis);
  dl->AddLine(ImVec2(f.p0.x, f.p0.y), ImVec2(f.p0.x, f.p1.y), axis);

  dl->PushClipRect(f.p0, f.p1, true);
  // reference lines (dashed) with their labels at the left end, above the line
  for (const PlotRefLine& l : o.ref_lines) {
    if (!std::isfinite(l.y) || (o.log_y && l.y <= 0)) continue;
    const float y = f.sy(l.y);
    for (float x = f.p0.x; x < f.p1.x; x += 9) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 5, f.p1.x), y), l.color, 1.2f);
    if (l.label && *l.label) {
      const float ly = y - fh - 1 < f.p0.y ? y + 1 : y - fh - 1;
      dl->AddText(ImVec2(f.p0.x + 4, ly), l.color, l.label);
    }
  }
  // marks along the bottom edge (decimated: one tick per pixel at most)
  if (o.marks_x && o.n_marks) {
    float last_x = -1e9f;
    for (size_t i = 0; i < o.n_marks; ++i) {
      const float x = f.sx(o.marks_x[i]);
      if (x < f.p0.x - 1 || x > f.p1.x + 1 || x - last_x < 1.f) continue;
      dl->AddLine(ImVec2(x, f.p1.y - 6), ImVec2(x, f.p1.y), o.mark_color, 1.f);
      last_x = x;
    }
  }
  for (const PlotSeries& s : series)
    if (s.y && s.n) draw_series(dl, f, s);
  dl->PopClipRect();

  // legend: top-right, one row per labelled series
  if (o.legend && series.size() > 1) {
    float y = f.p0.y + 3;
    for (const PlotSeries& s : series) {
      if (!s.label || !*s.label) continue;
      const float w = ImGui::CalcTextSize(s.label).x;
      const float x = f.p1.x - w - 6;
      dl->AddRectFilled(ImVec2(x - 16, y - 1), ImVec2(f.p1.x - 2, y + fh + 1), IM_COL32(20, 22, 26, 170));
      dl->AddLine(ImVec2(x - 13, y + fh * 0.5f), ImVec2(x - 3, y + fh * 0.5f), s.color, 2.f);
      dl->AddText(ImVec2(x, y), s.color, s.label);
      y += fh + 2;
    }
  }

  // hover: vertical cursor + every series' value at that x
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (hovered && !help_hovered && have_x && m.x >= f.p0.x && m.x <= f.p1.x && m.y >= f.p0.y && m.y <= f.p1.y) {
    const double xq = f.data_x(m.x);
    dl->AddLine(ImVec2(m.x, f.p0.y), ImVec2(m.x, f.p1.y), IM_COL32(255, 255, 255, 110));
    ImGui::BeginTooltip();
    bool header = false;
    for (const PlotSeries& s : series) {
      if (!s.in_tooltip || !s.y || s.n == 0) continue;
      const size_t i = nearest_index(s.x, s.n, xq);
      const double xi = s.x ? s.x[i] : double(i);
      if (!header) {
        ImGui::Text("%s %s", o.x_label ? o.x_label : "x", x_tick_text(xi, o.integer_x).c_str());
        header = true;
      }
      dl->AddCircleFilled(ImVec2(f.sx(xi), std::clamp(f.sy(s.y[i]), f.p0.y, f.p1.y)), 3.f, s.color);
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(s.color));
      ImGui::Text("%s: %s", s.label, ui::fmt(s.y[i]).c_str());
      ImGui::PopStyleColor();
    }
    for (const PlotRefLine& l : o.ref_lines)
      if (l.label && *l.label) ImGui::TextDisabled("%s: %s", l.label, ui::fmt(l.y).c_str());
    if (o.marks_x && o.n_marks && o.marks_label) {
      const size_t k = nearest_index(o.marks_x, o.n_marks, xq);
      const float px = f.sx(o.marks_x[k]);
      if (std::fabs(px - m.x) <= 3) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(o.mark_color), "%s", o.marks_label);
    }
    if (!header) ImGui::TextDisabled("no data");
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return hovered;
}

}  // namespace unroll::app
