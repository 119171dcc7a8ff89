#include "app/widgets/ui.h"

#include <vector>

#include "app/widgets/touch.h"

#include <cmath>
#include <cstdio>

namespace unroll::app::ui {

void tooltip(const char* text) {
  bool show = false;
  if (touch::active()) {
    show = touch::tooltip_pinned_to_last_item();
    if (show) touch::place_tooltip_at_last_item();
  } else {
    show = ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_AllowWhenDisabled);
  }
  if (show) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void help_marker(const char* text) {
  same_line_if_fits(ImGui::CalcTextSize("(?)").x);
  ImGui::TextDisabled("(?)");
  touch::pin_on_tap();
  tooltip(text);
}

ImVec4 run_color_vec(int k) {
  // Okabe-Ito-like palette: distinguishable with common colour blindness.
  static const ImVec4 kColors[] = {
      {0.34f, 0.71f, 0.91f, 1.f},  // sky blue
      {0.90f, 0.62f, 0.00f, 1.f},  // orange
      {0.00f, 0.62f, 0.45f, 1.f},  // bluish green
      {0.80f, 0.47f, 0.65f, 1.f},  // reddish purple
  };
  return kColors[k & 3];
}

ImU32 run_color(int k) { return ImGui::ColorConvertFloat4ToU32(run_color_vec(k)); }

std::string fmt(double v) {
  char b[32];
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "+inf" : "-inf");
  const double a = std::fabs(v);
  if (a != 0 && (a < 1e-3 || a >= 1e5)) std::snprintf(b, sizeof b, "%.2e", v);
  else std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

void error_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kError);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void warning_text(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kWarn);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

namespace {
float g_css_scale = 1.f;

struct Control {
  std::string id, label;
  ImVec4 rect;
};
std::vector<Control>& controls() {
  static std::vector<Control> c;
  return c;
}

void write_rect_fields(json::Writer& w, const ImVec4& r) {
  w.key("x"); w.number_f32(r.x * g_css_scale);
  w.key("y"); w.number_f32(r.y * g_css_scale);
  w.key("width"); w.number_f32(r.z * g_css_scale);
  w.key("height"); w.number_f32(r.w * g_css_scale);
}
}  // namespace

void set_css_scale(float s) { g_css_scale = s > 0 ? s : 1.f; }
float css_scale() { return g_css_scale; }

void write_rect(json::Writer& w, const ImVec4& r) {
  if (r.z <= 0) {
    w.null();
    return;
  }
  w.begin_object();
  write_rect_fields(w, r);
  w.end_object();
}

ImVec4 last_item_rect() {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

void begin_controls() { controls().clear(); }

void remember_control(const std::string& id, const std::string& label) {
  const size_t hidden = label.find("##");
  controls().push_back({id, hidden == std::string::npos ? label : label.substr(0, hidden), last_item_rect()});
}

void write_controls(json::Writer& w) {
  w.begin_array();
  for (const Control& c : controls()) {
    w.begin_object();
    w.key("id"); w.string(c.id);
    w.key("label"); w.string(c.label);
    write_rect_fields(w, c.rect);
    w.end_object();
  }
  w.end_array();
}

void same_line_if_fits(float width, float spacing) {
  const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  const float end = ImGui::GetItemRectMax().x + gap + width;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (end <= right) ImGui::SameLine(0, gap);
}

float text_width(const char* text) { return ImGui::CalcTextSize(text).x; }

void text_wrapped_colored(const ImVec4& color, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrappedV(fmt, args);
  ImGui::PopStyleColor();
  va_end(args);
}

}  // namespace unroll::app::ui
