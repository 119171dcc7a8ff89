// Small shared UI helpers: help tooltips, run colours, number formatting.
#pragma once
#include <imgui.h>

#include <string>

#include "core/io/json.h"

namespace unroll::app::ui {

// A "(?)" after the last item that shows `text` as a wrapped tooltip.
void help_marker(const char* text);
// Wrapped tooltip for the last item, if hovered.
void tooltip(const char* text);
// Colour of run k (0 = main run), distinct and readable on the dark theme.
ImU32 run_color(int k);
ImVec4 run_color_vec(int k);
// Compact number: 0.0123, 1.2e-05, 12345.
std::string fmt(double v);
// ImGui lays out in its own pixels: CSS pixels divided by the text scale
// (presentation zoom, the phone layout's larger text). The JS API speaks CSS.
void set_css_scale(float scale);
float css_scale();
// A screen rectangle (x, y, width, height in ImGui pixels, as ImVec4) as
// {"x", "y", "width", "height"} in CSS pixels, or null when width <= 0 (not drawn).
void write_rect(json::Writer& w, const ImVec4& r);
// The last item's rectangle (ImGui pixels, as ImVec4).
ImVec4 last_item_rect();
// The controls drawn this frame, for getState().controls (tutorials point
// at them, tests tap them): begin_controls() when a frame starts,
// remember_control() after each run-bar button, view tab and experiment key,
// write_controls() -> [{id, label, x, y, width, height}] in CSS pixels.
void begin_controls();
void remember_control(const std::string& id, const std::string& label);
void write_controls(json::Writer& w);
// SameLine(0, spacing) when an item `width` wide still fits on this row,
// else nothing (it starts the next row): rows of controls wrap on a phone.
void same_line_if_fits(float width, float spacing = -1.f);
// The width of a text item, for same_line_if_fits.
float text_width(const char* text);
// Wrapped text in a colour (muted notes under plots).
void text_wrapped_colored(const ImVec4& color, const char* fmt, ...) IM_FMTARGS(2);
// Coloured message boxes.
void error_text(const std::string& text);
void warning_text(const std::string& text);

constexpr ImVec4 kMuted{0.62f, 0.66f, 0.72f, 1.f};
constexpr ImVec4 kError{1.f, 0.45f, 0.42f, 1.f};
constexpr ImVec4 kWarn{1.f, 0.78f, 0.35f, 1.f};
constexpr ImVec4 kGood{0.45f, 0.85f, 0.55f, 1.f};

}  // namespace unroll::app::ui
