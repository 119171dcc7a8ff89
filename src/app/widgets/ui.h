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
// A screen rectangle (x, y, width, height in CSS pixels, as ImVec4) as
// {"x", "y", "width", "height"}, or null when width <= 0 (not drawn).
void write_rect(json::Writer& w, const ImVec4& r);
// Coloured message boxes.
void error_text(const std::string& text);
void warning_text(const std::string& text);

constexpr ImVec4 kMuted{0.62f, 0.66f, 0.72f, 1.f};
constexpr ImVec4 kError{1.f, 0.45f, 0.42f, 1.f};
constexpr ImVec4 kWarn{1.f, 0.78f, 0.35f, 1.f};
constexpr ImVec4 kGood{0.45f, 0.85f, 0.55f, 1.f};

}  // namespace unroll::app::ui
