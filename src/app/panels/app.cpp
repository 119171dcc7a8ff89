// The playground: the run bar on top and the views below it, in one of
// three layouts chosen every frame from the window's width (app/state/layout.h):
//
//   wide                              medium                 narrow (a phone)
//   +--------------------------+      +------------------+   +---------+
//   | run bar                  |      | run bar (2 rows) |   | run bar |
//   +------+---------+---------+      +------+-----------+   +---------+
//   | exp. | loss    | gradflow|      | exp. | loss      |   | tabs    |
//   | or   | matrix  | cell    |      | or   | gradflow  |   +---------+
//   | less.| task    | compare |      | less.| ... (scroll)  | one view|
//   +------+---------+---------+      +------+-----------+   +---------+
//
// panels= in the link shows only some views; the layouts place what is left.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

#include "core/train/experiment_weights.h"
#include "core/io/weights_io.h"
#include "core/export/export_torch.h"
#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/panels/app.h"
#include "app/panels/layouts.h"
#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/widgets/fonts.h"
#include "app/widgets/touch.h"
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
  float styled_scale = 0;  // the text scale the style was made for
  bool styled_fingers = false;  // and whether for fingers
  double last_frame_start = 0;
};

AppState& st() {
  static AppState s;
  return s;
}

constexpr ImGuiWindowFlags kBarFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoTitleBar |
                                       ImGuiWindowFlags_NoScrollbar;

void keyboard_shortcuts(Session& s) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
  // With the keyboard navigating the widgets, Space presses the focused one.
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false) && !io.NavVisible) s.running() ? s.pause() : s.play();
  if (ImGui::IsKeyPressed(ImGuiKey_S, true)) s.step(1);
  if (ImGui::IsKeyPressed(ImGuiKey_R, false)) s.reset();
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

// The narrow layout is for fingers: every button, field and tab at least
// 40 CSS pixels tall (ImGui pixels are CSS / text scale).
// Finger-sized targets (40 CSS px) on a phone's layout and on any touch screen.
void style(bool fingers, float css_per_px) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();  // ImGui's dark defaults, then ours
  const float frame_h = 40.f / css_per_px;
  if (fingers) {
    s.FramePadding = ImVec2(8, std::max(3.f, (frame_h - kFontSize) / 2.f));
    s.ScrollbarSize = 6.f;  // fingers scroll by dragging the content; the bar only shows where
    s.GrabMinSize = 24.f;
  }
  s.WindowRounding = 4.f;
  s.FrameRounding = 3.f;
  s.GrabRounding = 3.f;
  s.WindowPadding = fingers ? ImVec2(8, 6) : ImVec2(10, 8);
  s.ItemSpacing = fingers ? ImVec2(6, 6) : ImVec2(8, 6);
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

float text_scale_for(float css_width) {
  AppState& a = st();
  const float zoom = a.session->focus().scale();
  const LayoutKind kind = layout_for_width(css_width, zoom);
  const float scale = text_scale(kind, zoom);
  const bool fingers = kind == LayoutKind::Narrow || touch::active();
  if (kind != current_layout() || scale != a.styled_scale || fingers != a.styled_fingers) {
    set_current_layout(kind);
    style(fingers, scale);
    a.styled_scale = scale;
    a.styled_fingers = fingers;
  }
  ui::set_css_scale(scale);
  return scale;
}

void init(const std::string& hash, engine::EngineFactory engines, int parallel) {
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
  r.panels = panel_times();
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
  if (kind == "torch") {
    // The running experiment as one PyTorch script (src/core/export).
    std::string error;
    TorchExportInput in;
    in.text = s.user_text();
    in.file = "unroll_run.py";
    const std::string script = export_torch(s.running_config(), in, &error);
    if (script.empty()) {
      s.set_notice(std::string(tr("No PyTorch script for this experiment:")) + " " + error);
      return false;
    }
    platform::download("unroll_run.py", "text/x-python", script);
    s.set_notice(tr("unroll_run.py: python3 unroll_run.py trains this experiment in PyTorch "
                    "(--weights unroll-weights.json starts from the weights you download here)."));
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
  if (purpose == "csv") {
    s.set_user_csv(name, data);  // a bad file: setup_error() names the row and column
    return;
  }
  if (purpose == "weights") s.load_weights(name, data);  // the notice says how it went
}

void on_codec(bool inflate, const std::string& bytes, const std::string& error) {
  if (inflate) session().on_inflated(bytes, error);
  else session().on_deflated(bytes, error);
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
  // A weights link's bytes to the page's (de)compression and back (on_codec).
  std::string bytes;
  if (s.take_inflate_request(&bytes)) platform::codec(true, bytes);
  if (s.take_deflate_request(&bytes)) platform::codec(false, bytes);
  copy_shared_link(s);

  ui::begin_controls();
  touch::begin_frame();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 o = vp->WorkPos, size = vp->WorkSize;
  // Wide: one row of controls and the message line; else two rows of controls.
  const int rows = current_layout() == LayoutKind::Wide ? 2 : 3;
  const float bar_h = ImGui::GetFrameHeightWithSpacing() * float(rows) + ImGui::GetStyle().WindowPadding.y * 2 -
                      ImGui::GetStyle().ItemSpacing.y + (rows == 2 ? 4.f : 0.f);
  ImGui::SetNextWindowPos(o);
  ImGui::SetNextWindowSize(ImVec2(size.x, bar_h));
  if (ImGui::Begin("##runbar", nullptr, kBarFlags)) draw_run_bar(s);
  ImGui::End();
  draw_views(s, ImVec2(o.x, o.y + bar_h), ImVec2(size.x, size.y - bar_h));
  touch::end_frame();

  // Keep the address bar's link in step with the experiment.
  const std::string link = s.link();
  if (link != a.last_link) {
    platform::set_link(link);
    a.last_link = link;
  }
  a.last_app_ms = now_ms() - t0;
}

}  // namespace unroll::app
