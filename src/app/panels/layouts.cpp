#include "app/panels/layouts.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "app/panels/app.h"
#include "app/panels/panels.h"
#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

LayoutKind g_layout = LayoutKind::Wide;
View g_view = View::Loss;        // the narrow layout's view
bool g_scroll_to_view = false;   // medium: bring g_view into sight once
bool g_select_tab = false;       // wide/medium: select g_view's sidebar tab once

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

bool is_recurrent(const Session& s) { return s.running_spec().net.kind == ModelKind::Recurrent; }

bool in_sidebar(View v) { return v == View::Experiment || v == View::Lessons; }

std::vector<View> visible(const Session& s, bool sidebar) {
  std::vector<View> out;
  for (const ViewInfo& i : view_table())
    if (in_sidebar(i.view) == sidebar && s.focus().shows(i.view)) out.push_back(i.view);
  return out;
}

// Window title in the UI language; "###id" keeps the window's identity
// (and its place in frameStats().panels) the same in both languages.
std::string window_title(View v, bool recurrent) {
  return std::string(tr(view_title(v, recurrent))) + "###" + view_info(v).id;
}

void timed(const char* id, void (*draw)(View, Session&), View v, Session& s) {
  const double t0 = now_ms();
  draw(v, s);
  double& avg = panel_times()[id];
  avg = 0.9 * avg + 0.1 * (now_ms() - t0);
}

void panel_window(const std::string& title, ImVec2 pos, ImVec2 size, View v, Session& s,
                  void (*draw)(View, Session&), ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (ImGui::Begin(title.c_str(), nullptr, kPanelFlags | extra)) timed(view_info(v).id, draw, v, s);
  ImGui::End();
}

// The sidebar: the experiment's keys and the lessons, as tabs when both show.
// A lesson opened by a link or the JS API brings its tab forward once.
void draw_sidebar(View, Session& s) {
  static const Lesson* shown = nullptr;
  const Lesson* now = s.lessons().current();
  const bool bring_lessons = now && now != shown;
  shown = now;
  const std::vector<View> tabs = visible(s, true);
  if (tabs.size() == 1) {
    draw_view_content(tabs[0], s);
    return;
  }
  if (!ImGui::BeginTabBar("sidebar_tabs")) return;
  for (View v : tabs) {
    const bool select = (v == View::Lessons && bring_lessons) || (g_select_tab && v == g_view);
    if (ImGui::BeginTabItem((std::string(tr(view_info(v).title)) + "###tab_" + view_info(v).id).c_str(), nullptr,
                            select ? ImGuiTabItemFlags_SetSelected : 0)) {
      ui::remember_control(std::string("view_") + view_info(v).id, tr(view_info(v).title));
      draw_view_content(v, s);
      ImGui::EndTabItem();
    } else {
      ui::remember_control(std::string("view_") + view_info(v).id, tr(view_info(v).title));
    }
  }
  if (g_select_tab && in_sidebar(g_view)) g_select_tab = false;
  ImGui::EndTabBar();
}

std::string sidebar_title(const std::vector<View>& tabs) {
  std::string t;
  for (View v : tabs) t += (t.empty() ? "" : " / ") + std::string(tr(view_info(v).title));
  return t + "###sidebar";
}

void wide(Session& s, ImVec2 o, ImVec2 size) {
  const bool rec = is_recurrent(s);
  const std::vector<View> side = visible(s, true), grid = visible(s, false);
  const float side_w = side.empty() ? 0.f : grid.empty() ? size.x : std::clamp(size.x * 0.24f, 280.f, 360.f);
  if (!side.empty())
    panel_window(sidebar_title(side), o, ImVec2(side_w, size.y), View::Experiment, s, draw_sidebar);
  if (grid.empty()) return;
  // Two columns of up to three rows (one column for a single view).
  const int cols = grid.size() == 1 ? 1 : 2, rows = int(grid.size() + 1) / cols;
  const float cw = (size.x - side_w) / float(cols), ch = size.y / float(rows);
  for (size_t k = 0; k < grid.size(); ++k) {
    const int r = int(k) / cols, c = int(k) % cols;
    // An odd last view spans both columns.
    const bool span = k + 1 == grid.size() && cols == 2 && c == 0;
    panel_window(window_title(grid[k], rec), ImVec2(o.x + side_w + float(c) * cw, o.y + float(r) * ch),
                 ImVec2(span ? 2 * cw : cw, ch), grid[k], s, draw_view_content);
  }
}

void medium(Session& s, ImVec2 o, ImVec2 size) {
  const bool rec = is_recurrent(s);
  const std::vector<View> side = visible(s, true), column = visible(s, false);
  const float side_w = side.empty() ? 0.f : column.empty() ? size.x : std::clamp(size.x * 0.40f, 300.f, 400.f);
  if (!side.empty())
    panel_window(sidebar_title(side), o, ImVec2(side_w, size.y), View::Experiment, s, draw_sidebar);
  if (column.empty()) return;
  ImGui::SetNextWindowPos(ImVec2(o.x + side_w, o.y));
  ImGui::SetNextWindowSize(ImVec2(size.x - side_w, size.y));
  if (ImGui::Begin("##views", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar)) {
    // Two views in sight at a time; the column scrolls for the rest.
    const float h = column.size() == 1 ? -FLT_MIN : std::max(300.f, (size.y - 24.f) / 2.f);
    for (View v : column) {
      if (g_scroll_to_view && v == g_view) {
        ImGui::SetScrollHereY(0.f);
        g_scroll_to_view = false;
      }
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.86f, 0.95f, 1.f));
      ImGui::SeparatorText(tr(view_title(v, rec)));
      ImGui::PopStyleColor();
      if (ImGui::BeginChild(view_info(v).id, ImVec2(0, h))) timed(view_info(v).id, draw_view_content, v, s);
      ImGui::EndChild();
    }
  }
  ImGui::End();
}

// The narrow layout's tab strip: the views as toggle buttons, four a row.
float tab_strip(Session& s, const std::vector<View>& views) {
  const bool rec = is_recurrent(s);
  const ImGuiStyle& st = ImGui::GetStyle();
  const int per_row = views.size() > 4 ? int(views.size() + 1) / 2 : int(views.size());
  const float avail = ImGui::GetContentRegionAvail().x;
  const float w = (avail - st.ItemSpacing.x * float(per_row - 1)) / float(per_row);
  const float y0 = ImGui::GetCursorPosY();
  // Narrow side padding: "Experimento" fits a quarter of a phone's width.
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2.f, st.FramePadding.y));
  for (size_t k = 0; k < views.size(); ++k) {
    if (k % size_t(per_row)) ImGui::SameLine();
    const View v = views[k];
    const bool on = v == g_view;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const std::string label = std::string(tr(view_short_title(v, rec))) + "###tab_" + view_info(v).id;
    if (ImGui::Button(label.c_str(), ImVec2(w, 0))) g_view = v;
    if (on) ImGui::PopStyleColor();
    ui::remember_control(std::string("view_") + view_info(v).id, tr(view_short_title(v, rec)));
  }
  ImGui::PopStyleVar();
  return ImGui::GetCursorPosY() - y0;
}

void narrow(Session& s, ImVec2 o, ImVec2 size) {
  static const Lesson* shown = nullptr;
  const Lesson* now = s.lessons().current();
  if (now && now != shown) g_view = View::Lessons;  // a lesson link opens on its text
  shown = now;
  std::vector<View> views;
  for (const ViewInfo& i : view_table())
    if (s.focus().shows(i.view)) views.push_back(i.view);
  if (views.empty()) return;
  if (std::find(views.begin(), views.end(), g_view) == views.end()) g_view = views.front();
  float strip_h = 0;
  if (views.size() > 1) {
    const float rows = views.size() > 4 ? 2.f : 1.f;
    strip_h = rows * ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2 - 2.f;
    ImGui::SetNextWindowPos(o);
    ImGui::SetNextWindowSize(ImVec2(size.x, strip_h));
    if (ImGui::Begin("##tabs", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
      tab_strip(s, views);
    ImGui::End();
  }
  panel_window(window_title(g_view, is_recurrent(s)) + "_narrow", ImVec2(o.x, o.y + strip_h),
               ImVec2(size.x, size.y - strip_h), g_view, s, draw_view_content, ImGuiWindowFlags_NoTitleBar);
}

}  // namespace

LayoutKind current_layout() { return g_layout; }
void set_current_layout(LayoutKind k) { g_layout = k; }

std::map<std::string, double>& panel_times() {
  static std::map<std::string, double> m;
  return m;
}

void draw_view_content(View v, Session& s) {
  const bool rec = is_recurrent(s);
  switch (v) {
    case View::Experiment: draw_experiment_panel(s); break;
    case View::Lessons: draw_lesson_panel(s); break;
    case View::Loss: draw_loss_panel(s); break;
    case View::GradFlow: draw_gradflow_panel(s); break;
    case View::Matrix: rec ? draw_matrix_panel(s) : draw_attention_panel(s); break;
    case View::Cell: rec ? draw_cell_panel(s) : draw_bottleneck_panel(s); break;
    case View::Task: draw_task_panel(s); break;
    case View::Compare: draw_compare_panel(s); break;
  }
}

void draw_views(Session& s, ImVec2 origin, ImVec2 size) {
  switch (g_layout) {
    case LayoutKind::Wide: wide(s, origin, size); break;
    case LayoutKind::Medium: medium(s, origin, size); break;
    case LayoutKind::Narrow: narrow(s, origin, size); break;
  }
}

void show_view(View v) {
  g_view = v;
  g_scroll_to_view = !in_sidebar(v);
  g_select_tab = in_sidebar(v);
}

void write_layout_state(json::Writer& w, const Session& s) {
  w.begin_object();
  w.key("kind"); w.string(layout_name(g_layout));
  w.key("view"); w.string(view_info(g_view).id);
  w.key("views");
  w.begin_array();
  for (const ViewInfo& i : view_table())
    if (s.focus().shows(i.view)) w.string(i.id);
  w.end_array();
  w.key("zoom"); w.number_f32(s.focus().scale());
  w.key("textScale"); w.number_f32(ui::css_scale());
  w.key("keyboardFocus"); w.boolean(ImGui::GetIO().NavVisible);  // the keyboard's focus box is drawn
  w.end_object();
}

}  // namespace unroll::app
