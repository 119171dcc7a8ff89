// The playground: a fixed layout of panels around one Session.
//
//   +------------------------------------------------------------+
//   | run bar: play/pause/step/reset, speed, counters, link      |
//   +-------------+----------------------+-----------------------+
//   | experiment  | loss                 | gradient flow         |
//   | (every key) | recurrent matrix     | inside the cell       |
//   |             | task view            | compare               |
//   +-------------+----------------------+-----------------------+
#include "app/panels/app.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

#include "core/train/experiment_weights.h"
#include "core/io/weights_io.h"
#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

constexpr double kTrainBudgetMs = 10.0;  // training time per frame (60 fps leaves ~6 ms to draw)

struct AppState {
  std::unique_ptr<Session> session = std::make_unique<Session>();
  std::string last_link;
  std::vector<double> frame_ms;  // ring of recent frame-to-frame times
  std::vector<double> app_ms;    // ring of recent times spent in frame() (training + widgets)
  double last_app_ms = 0;
  size_t frame_at = 0;
  double last_frame_start = 0;
};

AppState& st() {
  static AppState s;
  return s;
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

// Exponential average of each panel's draw time (ms), keyed by window id:
// shows which panel costs the frame (unroll.frameStats().panels).
std::map<std::string, double>& panel_ms() {
  static std::map<std::string, double> m;
  return m;
}

void panel(const char* title, ImVec2 pos, ImVec2 size, void (*draw)(Session&), Session& s,
           ImGuiWindowFlags extra = 0) {
  const double t0 = now_ms();
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (ImGui::Begin(title, nullptr, kPanelFlags | extra)) draw(s);
  ImGui::End();
  const char* id = std::strstr(title, "###");
  double& avg = panel_ms()[id ? id + 3 : title];
  avg = 0.9 * avg + 0.1 * (now_ms() - t0);
}

void keyboard_shortcuts(Session& s) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) s.running() ? s.pause() : s.play();
  if (ImGui::IsKeyPressed(ImGuiKey_S, true)) s.step(1);
  if (ImGui::IsKeyPressed(ImGuiKey_R, false)) s.reset();
}

// The sidebar: the experiment's keys, or the lessons, in two tabs. A
// lesson opened by a link or the JS API brings its tab forward once.
void draw_sidebar(Session& s) {
  static const Lesson* shown = nullptr;
  const Lesson* now = s.lessons().current();
  const bool bring_lessons = now && now != shown;
  shown = now;
  if (!ImGui::BeginTabBar("sidebar_tabs")) return;
  if (ImGui::BeginTabItem((std::string(tr("Experiment")) + "###tab_exp").c_str())) {
    draw_experiment_panel(s);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem((std::string(tr("Lessons")) + "###tab_lessons").c_str(), nullptr,
                          bring_lessons ? ImGuiTabItemFlags_SetSelected : 0)) {
    draw_lesson_panel(s);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void record_frame_time(double frame_ms, double app_ms) {
  AppState& a = st();
  if (a.frame_ms.size() < 240) {
    a.frame_ms.push_back(frame_ms);
    a.app_ms.push_back(app_ms);
  } else {
    a.frame_ms[a.frame_at % 240] = frame_ms;
    a.app_ms[a.frame_at % 240] = app_ms;
    ++a.frame_at;
  }
}

// p-th percentile (0..1) of a copy of v.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(double(v.size()) * p))];
}

void style() {
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 4.f;
  s.FrameRounding = 3.f;
  s.GrabRounding = 3.f;
  s.WindowPadding = ImVec2(10, 8);
  s.ItemSpacing = ImVec2(8, 6);
  s.WindowBorderSize = 0.f;
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.125f, 0.137f, 0.161f, 1.f);
  c[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.18f, 0.21f, 1.f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.18f, 0.21f, 0.26f, 1.f);
  c[ImGuiCol_FrameBg] = ImVec4(0.19f, 0.21f, 0.25f, 1.f);
  c[ImGuiCol_Header] = ImVec4(0.20f, 0.25f, 0.32f, 1.f);
  c[ImGuiCol_Button] = ImVec4(0.22f, 0.30f, 0.40f, 1.f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.40f, 0.54f, 1.f);
}

}  // namespace

Session& session() { return *st().session; }

void init(const std::string& hash, engine::EngineFactory engines, int parallel) {
  style();
  st().session = std::make_unique<Session>(engines);
  st().session->set_max_parallel(parallel);
  if (!hash.empty()) st().session->open_link(hash);
  st().last_link = st().session->link();
}

FrameStats frame_stats() {
  const AppState& a = st();
  FrameStats r;
  if (a.frame_ms.empty()) return r;
  r.last = a.frame_ms[(a.frame_at + a.frame_ms.size() - 1) % a.frame_ms.size()];
  r.p50 = percentile(a.frame_ms, 0.5);
  r.p95 = percentile(a.frame_ms, 0.95);
  r.app_p50 = percentile(a.app_ms, 0.5);
  r.app_p95 = percentile(a.app_ms, 0.95);
  r.panels = panel_ms();
  return r;
}

bool download_file(const std::string& kind) {
  Session& s = session();
  if (kind == "csv") {
    platform::download("unroll-history.csv", "text/csv", s.history_csv());
    return true;
  }
  if (kind == "weights" && s.main().ok()) {
    s.request_weights();  // downloaded by frame() when the engine has written it
    return true;
  }
  return false;
}

void on_file(const std::string& purpose, const std::string& name, const std::string& data) {
  Session& s = session();
  if (purpose == "text") {
    s.set_user_text(data);
    return;
  }
  if (purpose == "weights") s.load_weights(name, data);  // the notice says how it went
}

void frame() {
  AppState& a = st();
  Session& s = *a.session;
  const double t0 = now_ms();
  if (a.last_frame_start > 0) record_frame_time(t0 - a.last_frame_start, a.last_app_ms);
  a.last_frame_start = t0;

  keyboard_shortcuts(s);
  s.tick(kTrainBudgetMs);
  std::string weights;
  if (s.take_weights_file(&weights)) platform::download("unroll-weights.json", "application/json", weights);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 o = vp->WorkPos, size = vp->WorkSize;
  const float bar_h = ImGui::GetFrameHeightWithSpacing() * 2.f + 14.f;
  const float side_w = std::clamp(size.x * 0.24f, 280.f, 360.f);
  panel("##runbar", o, ImVec2(size.x, bar_h), draw_run_bar, s,
        ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  panel((std::string(tr("Experiment")) + " / " + tr("Lessons") + "###sidebar").c_str(),
        ImVec2(o.x, o.y + bar_h), ImVec2(side_w, size.y - bar_h), draw_sidebar, s);

  const float gx = o.x + side_w, gy = o.y + bar_h;
  const float cw = (size.x - side_w) / 2.f, ch = (size.y - bar_h) / 3.f;
  struct P { const char* title; void (*draw)(Session&); };
  // model=seq2seq/transformer: attention views replace the recurrent-only row.
  const bool recurrent = s.running_spec().net.kind == ModelKind::Recurrent;
  const P grid[3][2] = {
      {{"Loss", draw_loss_panel}, {"Gradient flow through time", draw_gradflow_panel}},
      {recurrent ? P{"Recurrent matrix", draw_matrix_panel} : P{"Attention", draw_attention_panel},
       recurrent ? P{"Inside the cell", draw_cell_panel} : P{"Beyond the bottleneck", draw_bottleneck_panel}},
      {{"Task view", draw_task_panel}, {"Compare runs", draw_compare_panel}},
  };
  // Titles in the UI language; "###" keeps each window's id the same in both.
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 2; ++c)
      panel((std::string(tr(grid[r][c].title)) + "###" + grid[r][c].title).c_str(),
            ImVec2(gx + float(c) * cw, gy + float(r) * ch), ImVec2(cw, ch), grid[r][c].draw, s);

  // Keep the address bar's link in step with the experiment.
  const std::string link = s.link();
  if (link != a.last_link) {
    platform::set_link(link);
    a.last_link = link;
  }
  a.last_app_ms = now_ms() - t0;
}

}  // namespace unroll::app
