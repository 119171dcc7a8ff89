#include "app/widgets/heatmap.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/shaders_embedded.h"
#include "app/widgets/gl.h"
#include "app/widgets/plot.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

constexpr int kMaxTextureSide = 4096;  // WebGL2 guarantees at least 2048; 4096 is universal in practice
constexpr float kNanSentinel = -3.0e38f;  // the shader draws values below -1e38 grey

// ---- GL resources ----------------------------------------------------------

struct Texture {
  GLuint id = 0;
  int w = 0, h = 0;
  bool is_float = false;
  int last_used_frame = 0;
};

struct Program {
  bool tried = false, ok = false;
  GLuint id = 0;
  GLint proj = -1, lo = -1, hi = -1, log = -1, stops = -1, tex = -1;
};

struct DrawParams {
  float lo, hi;  // log10 bounds in log mode
  int log;
  Colormap map;
};

struct State {
  std::unordered_map<ImGuiID, Texture> textures;
  Program program;
  bool fallback = false;         // CPU colours + RGBA8 (shader or R32F failed)
  // R32F uploads checked once: glGetError stalls WebGL (a round trip to the
  // GPU process), and cost ~70 ms a frame in headless Chromium.
  bool float_upload_checked = false;
  std::deque<DrawParams> params;  // live until the frame's draw data is rendered
  int params_frame = -1;
  std::vector<float> staging;
  std::vector<uint32_t> staging_rgba;
};

State& state() {
  static State s;
  return s;
}

void clear_gl_errors() {
  for (int i = 0; i < 8 && glGetError() != GL_NO_ERROR; ++i) {
  }
}

GLuint compile(GLenum kind, const char* body) {
#ifdef __EMSCRIPTEN__
  const char* version = "#version 300 es\n";
#else
  const char* version = "#version 150\n";
#endif
  const char* parts[2] = {version, body};
  GLuint s = glCreateShader(kind);
  glShaderSource(s, 2, parts, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    std::fprintf(stderr, "heatmap: %s shader did not compile: %s\n",
                 kind == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
    glDeleteShader(s);
    return 0;
  }
  return s;
}

// Built on first use inside the render pass, where ImGui's own program is
// bound: our attributes take its locations, so ImGui's vertex array feeds ours.
void build_program(Program& p) {
  p.tried = true;
  GLint imgui_program = 0;
  glGetIntegerv(GL_CURRENT_PROGRAM, &imgui_program);
  if (imgui_program == 0) return;
  const GLint pos = glGetAttribLocation(GLuint(imgui_program), "Position");
  const GLint uv = glGetAttribLocation(GLuint(imgui_program), "UV");
  const GLint col = glGetAttribLocation(GLuint(imgui_program), "Color");
  GLuint vs = compile(GL_VERTEX_SHADER, shaders::kColormapVert);
  GLuint fs = compile(GL_FRAGMENT_SHADER, shaders::kColormapFrag);
  if (!vs || !fs || pos < 0 || uv < 0) {
    if (vs) glDeleteShader(vs);
    if (fs) glDeleteShader(fs);
    return;
  }
  GLuint prog = glCreateProgram();
  glAttachShader(prog, vs);
  glAttachShader(prog, fs);
  glBindAttribLocation(prog, GLuint(pos), "Position");
  glBindAttribLocation(prog, GLuint(uv), "UV");
  if (col >= 0) glBindAttribLocation(prog, GLuint(col), "Color");
  glLinkProgram(prog);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(prog, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetProgramInfoLog(prog, sizeof log, nullptr, log);
    std::fprintf(stderr, "heatmap: colormap program did not link: %s\n", log);
    glDeleteProgram(prog);
    return;
  }
  p.id = prog;
  p.proj = glGetUniformLocation(prog, "ProjMtx");
  p.lo = glGetUniformLocation(prog, "u_lo");
  p.hi = glGetUniformLocation(prog, "u_hi");
  p.log = glGetUniformLocation(prog, "u_log");
  p.stops = glGetUniformLocation(prog, "u_stops");
  p.tex = glGetUniformLocation(prog, "Texture");
  p.ok = true;
}

// ImDrawList callback: switch to the colormap program for the next quad.
void use_colormap_program(const ImDrawList*, const ImDrawCmd* cmd) {
  State& s = state();
  if (!s.program.tried) build_program(s.program);
  if (!s.program.ok) {
    s.fallback = true;  // from the next frame on: CPU colours
    return;
  }
  const auto* p = static_cast<const DrawParams*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  // Same orthographic projection as ImGui's backend (screen pixels -> clip).
  const float L = dd->DisplayPos.x, R = L + dd->DisplaySize.x;
  const float T = dd->DisplayPos.y, B = T + dd->DisplaySize.y;
  const float proj[16] = {2.f / (R - L), 0, 0, 0,  0, 2.f / (T - B), 0, 0,  0, 0, -1.f, 0,
                          (R + L) / (L - R), (T + B) / (B - T), 0, 1.f};
  glUseProgram(s.program.id);
  glUniformMatrix4fv(s.program.proj, 1, GL_FALSE, proj);
  glUniform1i(s.program.tex, 0);
  glUniform1f(s.program.lo, p->lo);
  glUniform1f(s.program.hi, p->hi);
  glUniform1i(s.program.log, p->log);
  glUniform3fv(s.program.stops, kColormapStops, colormap_stops(p->map));
}

// (Re)creates and fills the texture of one heatmap: w x h texels.
Texture& upload(ImGuiID id, int w, int h, bool as_float, const void* pixels) {
  State& s = state();
  Texture& t = s.textures[id];
  t.last_used_frame = ImGui::GetFrameCount();
  const bool realloc = t.id == 0 || t.w != w || t.h != h || t.is_float != as_float;
  if (t.id == 0) glGenTextures(1, &t.id);
  GLint last_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  glBindTexture(GL_TEXTURE_2D, t.id);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (realloc) {
    // Nearest: one cell = one flat colour; float textures are not filterable in WebGL2.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    if (as_float) glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, w, h, 0, GL_RED, GL_FLOAT, pixels);
    else glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    t.w = w;
    t.h = h;
    t.is_float = as_float;
  } else if (as_float) {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RED, GL_FLOAT, pixels);
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  }
  glBindTexture(GL_TEXTURE_2D, GLuint(last_texture));
  return t;
}

// Textures of heatmaps not drawn for a while (panel hidden, id changed).
void collect_unused_textures() {
  State& s = state();
  const int now = ImGui::GetFrameCount();
  if (now % 120 != 0) return;
  for (auto it = s.textures.begin(); it != s.textures.end();) {
    if (now - it->second.last_used_frame > 120) {
      glDeleteTextures(1, &it->second.id);
      it = s.textures.erase(it);
    } else {
      ++it;
    }
  }
}

DrawParams& new_params() {
  State& s = state();
  if (s.params_frame != ImGui::GetFrameCount()) {
    s.params.clear();
    s.params_frame = ImGui::GetFrameCount();
  }
  s.params.emplace_back();
  return s.params.back();
}

// ---- layout helpers ----------------------------------------------------------

std::string axis_number(double v) {
  char b[32];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e7) std::snprintf(b, sizeof b, "%.0f", v);
  else return ui::fmt(v);
  return b;
}

double axis_value(double first, double last, int index, int count) {
  if (first == last) return index;
  return count > 1 ? first + (last - first) * double(index) / double(count - 1) : first;
}

}  // namespace

bool heatmap_using_fallback() { return state().fallback; }

HeatmapHover heatmap(const char* id, const float* data, int rows, int cols, ImVec2 size,
                     const HeatmapOptions& o) {
  HeatmapHover hover;
  ImGui::PushID(id);
  const ImGuiID gid = ImGui::GetID("##heatmap");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 60.f);
  size.y = std::max(size.y, 40.f);
  ImGui::InvisibleButton("##hm", size);
  const bool item_hovered = ImGui::IsItemHovered();
  const float fh = ImGui::GetFontSize();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  collect_unused_textures();

  if (!data || rows <= 0 || cols <= 0) {
    dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), muted);
    dl->AddText(ImVec2(p0.x + 6, p0.y + 6), muted, "no data yet");
    ImGui::PopID();
    return hover;
  }
  const int stride = o.col_stride > 0 ? o.col_stride : rows;
  auto at = [&](int r, int c) { return data[size_t(c) * size_t(stride) + size_t(r)]; };

  // ---- value range --------------------------------------------------------
  float lo = o.range_min, hi = o.range_max;
  if (o.auto_range) {
    lo = INFINITY;
    hi = -INFINITY;
    for (int c = 0; c < cols; ++c)
      for (int r = 0; r < rows; ++r) {
        const float v = at(r, c);
        if (!std::isfinite(v) || (o.log_scale && v <= 0)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    if (!(lo <= hi)) lo = hi = o.log_scale ? 1.f : 0.f;
    if (o.colormap == Colormap::Diverging && !o.log_scale) {
      const float m = std::max(std::fabs(lo), std::fabs(hi));
      lo = -m;
      hi = m;
    }
  }

  // ---- layout: [y ticks | map | colour bar + labels], x ticks + label below --
  const std::string lo_text = ui::fmt(lo), hi_text = ui::fmt(hi);
  const float bar_w = o.colorbar ? 10.f + 6.f + std::max(ImGui::CalcTextSize(lo_text.c_str()).x,
                                                         ImGui::CalcTextSize(hi_text.c_str()).x) + 4.f
                                 : 0.f;
  const std::string y_top = axis_number(axis_value(o.y_first, o.y_last, o.row0_at_bottom ? rows - 1 : 0, rows));
  const std::string y_bot = axis_number(axis_value(o.y_first, o.y_last, o.row0_at_bottom ? 0 : rows - 1, rows));
  const float ytick_w = std::max(ImGui::CalcTextSize(y_top.c_str()).x, ImGui::CalcTextSize(y_bot.c_str()).x) + 6.f;
  const bool header = o.y_label || o.help || (o.colorbar && o.value_label);
  const float top = header ? fh + 4.f : 2.f;
  const float bottom = fh + 4.f;
  const ImVec2 m0(p0.x + ytick_w, p0.y + top);
  const ImVec2 m1(p0.x + size.x - bar_w - (o.colorbar ? 6.f : 0.f), p0.y + size.y - bottom);
  if (m1.x - m0.x < 8 || m1.y - m0.y < 8) {
    ImGui::PopID();
    return hover;
  }

  // ---- texture: w = columns, h = rows; texel row k = matrix row k -----------
  State& s = state();
  const int tw = std::min(cols, kMaxTextureSide), th = std::min(rows, kMaxTextureSide);
  auto src_col = [&](int j) { return tw == cols ? j : int(int64_t(j) * cols / tw); };
  auto src_row = [&](int k) { return th == rows ? k : int(int64_t(k) * rows / th); };
  const size_t n = size_t(tw) * size_t(th);
  ImTextureID tex_id = nullptr;
  if (!s.fallback) {
    s.staging.resize(n);
    for (int k = 0; k < th; ++k)
      for (int j = 0; j < tw; ++j) {
        float v = at(src_row(k), src_col(j));
        if (std::isnan(v)) v = kNanSentinel;
        else if (std::isinf(v)) v = v > 0 ? 1e37f : -1e37f;
        s.staging[size_t(k) * tw + j] = v;
      }
    if (!s.float_upload_checked) clear_gl_errors();
    Texture& t = upload(gid, tw, th, true, s.staging.data());
    if (!s.float_upload_checked) {
      s.float_upload_checked = true;
      if (glGetError() != GL_NO_ERROR) s.fallback = true;  // no R32F: CPU colours from now on
    }
    if (!s.fallback) tex_id = reinterpret_cast<ImTextureID>(intptr_t(t.id));
  }
  if (s.fallback) {
    s.staging_rgba.resize(n);
    for (int k = 0; k < th; ++k)
      for (int j = 0; j < tw; ++j)
        s.staging_rgba[size_t(k) * tw + j] =
            colormap_u32(o.colormap, normalize_value(at(src_row(k), src_col(j)), lo, hi, o.log_scale));
    Texture& t = upload(gid, tw, th, false, s.staging_rgba.data());
    tex_id = reinterpret_cast<ImTextureID>(intptr_t(t.id));
  }

  const ImVec2 uv0(0, o.row0_at_bottom ? 1.f : 0.f), uv1(1, o.row0_at_bottom ? 0.f : 1.f);
  if (!s.fallback) {
    DrawParams& dp = new_params();
    dp.log = o.log_scale ? 1 : 0;
    dp.lo = o.log_scale ? std::log10(std::max(lo, 1e-30f)) : lo;
    dp.hi = o.log_scale ? std::log10(std::max(hi, 1e-30f)) : hi;
    dp.map = o.colormap;
    dl->AddCallback(use_colormap_program, &dp);
    dl->AddImage(tex_id, m0, m1, uv0, uv1);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  } else {
    dl->AddImage(tex_id, m0, m1, uv0, uv1);
  }
  dl->AddRect(ImVec2(m0.x - 1, m0.y - 1), ImVec2(m1.x + 1, m1.y + 1), ImGui::GetColorU32(ImGuiCol_Border));

  // ---- axes ---------------------------------------------------------------
  if (o.y_label) dl->AddText(ImVec2(p0.x, p0.y), muted, o.y_label);
  dl->AddText(ImVec2(m0.x - 4 - ImGui::CalcTextSize(y_top.c_str()).x, m0.y), muted, y_top.c_str());
  dl->AddText(ImVec2(m0.x - 4 - ImGui::CalcTextSize(y_bot.c_str()).x, m1.y - fh), muted, y_bot.c_str());
  const std::string x_left = axis_number(axis_value(o.x_first, o.x_last, 0, cols));
  const std::string x_right = axis_number(axis_value(o.x_first, o.x_last, cols - 1, cols));
  const float ty = m1.y + 3;
  const float xr_w = ImGui::CalcTextSize(x_right.c_str()).x;
  dl->AddText(ImVec2(m0.x, ty), muted, x_left.c_str());
  if (cols > 1) dl->AddText(ImVec2(m1.x - xr_w, ty), muted, x_right.c_str());
  if (o.x_label) {
    const float lw = ImGui::CalcTextSize(o.x_label).x;
    const float left_end = m0.x + ImGui::CalcTextSize(x_left.c_str()).x + 8;
    const float right_start = m1.x - xr_w - 8;
    const float cx = std::clamp((m0.x + m1.x - lw) * 0.5f, left_end, std::max(left_end, right_start - lw));
    if (cx + lw <= right_start + 1) dl->AddText(ImVec2(cx, ty), text_col, o.x_label);
  }

  // ---- colour bar ------------------------------------------------------------
  if (o.colorbar) {
    const float bx0 = m1.x + 8, bx1 = bx0 + 10;
    constexpr int kSegments = 24;
    const float hgt = m1.y - m0.y;
    for (int k = 0; k < kSegments; ++k) {
      // Segment k from the bottom; colours at both ends, interpolated between.
      const float u0 = float(k) / kSegments, u1 = float(k + 1) / kSegments;
      const ImU32 c0 = colormap_u32(o.colormap, u0), c1 = colormap_u32(o.colormap, u1);
      const float y0 = m1.y - hgt * u1, y1 = m1.y - hgt * u0;
      dl->AddRectFilledMultiColor(ImVec2(bx0, y0), ImVec2(bx1, y1), c1, c1, c0, c0);
    }
    dl->AddText(ImVec2(bx1 + 4, m0.y), muted, hi_text.c_str());
    dl->AddText(ImVec2(bx1 + 4, m1.y - fh), muted, lo_text.c_str());
    if (o.value_label) {
      const float w = ImGui::CalcTextSize(o.value_label).x;
      const float y_label_end = o.y_label ? p0.x + ImGui::CalcTextSize(o.y_label).x + 8 : p0.x;
      const float help_w = o.help ? ImGui::CalcTextSize("(?)").x + 6 : 0.f;
      const float x = std::max(y_label_end, p0.x + size.x - w - help_w);
      dl->AddText(ImVec2(x, p0.y), muted, o.value_label);
    }
  }

  // ---- hover ----------------------------------------------------------------
  const bool help_hovered = help_marker_at(o.help, ImVec2(p0.x + size.x, p0.y), item_hovered);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (item_hovered && !help_hovered && mouse.x >= m0.x && mouse.x < m1.x && mouse.y >= m0.y && mouse.y < m1.y) {
    const int c = std::clamp(int((mouse.x - m0.x) / (m1.x - m0.x) * float(cols)), 0, cols - 1);
    int r = std::clamp(int((mouse.y - m0.y) / (m1.y - m0.y) * float(rows)), 0, rows - 1);
    if (o.row0_at_bottom) r = rows - 1 - r;
    hover = {true, r, c, at(r, c)};
    const float cw = (m1.x - m0.x) / float(cols), rh = (m1.y - m0.y) / float(rows);
    const float ry = o.row0_at_bottom ? m1.y - float(r + 1) * rh : m0.y + float(r) * rh;
    dl->AddRect(ImVec2(m0.x + float(c) * cw, ry), ImVec2(m0.x + float(c + 1) * cw, ry + rh),
                IM_COL32(255, 255, 255, 200));
    ImGui::BeginTooltip();
    ImGui::Text("%s %s, %s %s", o.y_label ? o.y_label : "row",
                axis_number(axis_value(o.y_first, o.y_last, r, rows)).c_str(), o.x_label ? o.x_label : "column",
                axis_number(axis_value(o.x_first, o.x_last, c, cols)).c_str());
    ImGui::Text("%s = %s", o.value_label ? o.value_label : "value", ui::fmt(hover.value).c_str());
    if (o.hover_text) {
      const std::string extra = o.hover_text(r, c, hover.value);
      if (!extra.empty()) ImGui::TextUnformatted(extra.c_str());
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return hover;
}

}  // namespace unroll::app
