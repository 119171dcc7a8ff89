#include "app/widgets/ui.h"

#include <cmath>
#include <cstdio>

namespace unroll::app::ui {

void tooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort | ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
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

void write_rect(json::Writer& w, const ImVec4& r) {
  if (r.z <= 0) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("x"); w.number_f32(r.x);
  w.key("y"); w.number_f32(r.y);
  w.key("width"); w.number_f32(r.z);
  w.key("height"); w.number_f32(r.w);
  w.end_object();
}

}  // namespace unroll::app::ui
