// Where the views go in each layout (app/state/layout.h says which layout):
// the window grid (wide), the sidebar and a scrolled column (medium), or one
// view behind a tab strip (narrow). app.cpp draws the run bar above them.
#pragma once
#include <imgui.h>

#include "app/state/layout.h"
#include "app/state/session.h"
#include "app/state/views.h"
#include "core/io/json.h"

namespace unroll::app {

// The layout of the frame being drawn (set by app.cpp before any panel).
LayoutKind current_layout();
void set_current_layout(LayoutKind k);

// Draws the views visible in this session (panels=) in the rectangle below
// the run bar, in ImGui pixels.
void draw_views(Session& s, ImVec2 origin, ImVec2 size);

// The narrow layout's view: shown at once there; elsewhere its panel is
// scrolled into sight (medium) or its sidebar tab selected.
void show_view(View v);
// {kind, view, views: [ids]} for getState().layout.
void write_layout_state(json::Writer& w, const Session& s);

// Draws a view's content (its panel) in the current window.
void draw_view_content(View v, Session& s);
// Average draw time of each panel, ms, by window id (frameStats().panels).
std::map<std::string, double>& panel_times();

}  // namespace unroll::app
