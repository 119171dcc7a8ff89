// Browser main loop: SDL2 window on <canvas id="canvas">, WebGL2 (GLES 3.0)
// context, Dear ImGui. Kept short on purpose; the app lives in src/app.
//
// HiDPI: SDL (SDL_WINDOW_ALLOW_HIGHDPI + a CSS-sized, resizable canvas) keeps
// the canvas backing store at CSS size * devicePixelRatio, and ImGui lays out
// in CSS pixels with DisplayFramebufferScale = devicePixelRatio. Only the
// font needs help: it is rasterised at 13 * dpr pixels and drawn at
// 1/dpr scale, so each glyph texel lands on one device pixel (crisp text).
#include <SDL.h>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#include "app/widgets/touch.h"
#include "app/panels/app.h"
#include "app/widgets/fonts.h"
#include "platform/web_engine.h"

namespace {

SDL_Window* g_window = nullptr;
float g_font_pixel_ratio = 0.0f;  // the devicePixelRatio the font atlas was built for
int g_frames_drawn = 0;

// Shows a message in the page's error box (web/loader.js defines showError).
void show_fatal(const char* what) {
  EM_ASM({ if (Module.showError) Module.showError(UTF8ToString($0)); else console.error(UTF8ToString($0)); },
         what);
}

std::string g_font_ttf;        // DejaVu Sans, handed in by web/loader.js
bool g_font_changed = false;

void build_font_atlas(float pixel_ratio) {
  unroll::app::build_fonts(pixel_ratio, g_font_ttf);
  g_font_pixel_ratio = pixel_ratio;
}

float g_text_scale = 1.0f;  // CSS pixels per ImGui pixel (the presentation zoom)

// SDL reports the pointer in CSS pixels; ImGui lays out in CSS / scale.
void scale_pointer(SDL_Event* e) {
  if (g_text_scale == 1.0f) return;
  if (e->type == SDL_MOUSEMOTION) {
    e->motion.x = int(float(e->motion.x) / g_text_scale);
    e->motion.y = int(float(e->motion.y) / g_text_scale);
  }
}

void frame() {
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    scale_pointer(&event);
    ImGui_ImplSDL2_ProcessEvent(&event);
  }

  int css_w = 0, css_h = 0;
  SDL_GetWindowSize(g_window, &css_w, &css_h);
  g_text_scale = unroll::app::text_scale_for(float(css_w));
  // Browser zoom, a move to another screen or the presentation zoom
  // changes the ratio of font pixels to device pixels: re-rasterise.
  const float pixel_ratio = float(emscripten_get_device_pixel_ratio()) * g_text_scale;
  if (pixel_ratio != g_font_pixel_ratio || g_font_changed) {
    g_font_changed = false;
    build_font_atlas(pixel_ratio);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(io.DisplaySize.x / g_text_scale, io.DisplaySize.y / g_text_scale);
  io.DisplayFramebufferScale = ImVec2(io.DisplayFramebufferScale.x * g_text_scale,
                                      io.DisplayFramebufferScale.y * g_text_scale);
  ImGui::NewFrame();
  unroll::app::frame();
  ImGui::Render();

  int width = 0, height = 0;  // device pixels
  SDL_GL_GetDrawableSize(g_window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.105f, 0.118f, 0.141f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++g_frames_drawn;
}

}  // namespace

// The UI font's bytes (fetched by web/loader.js); used from the next frame.
extern "C" EMSCRIPTEN_KEEPALIVE void unroll_set_font(const char* data, int len) {
  g_font_ttf.assign(data, size_t(len));
  g_font_changed = true;
}

// The address's hash without '#', malloc'ed (the caller frees it).
EM_JS(char*, js_location_hash, (), {
  // Raw, not decoded: the link parser percent-decodes each key and value.
  const h = location.hash.substring(1);
  const n = lengthBytesUTF8(h) + 1;
  const p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

// The on-screen keyboard bridge (web/text_input.js): after a tap, a text
// field that wants input gets a hidden <input> focused, whose typing comes
// here (a phone's keyboard sends no usable key codes to SDL).
extern "C" EMSCRIPTEN_KEEPALIVE int unroll_wants_text_input() { return ImGui::GetIO().WantTextInput ? 1 : 0; }
extern "C" EMSCRIPTEN_KEEPALIVE void unroll_text_input(const char* utf8) { ImGui::GetIO().AddInputCharactersUTF8(utf8); }
// key: 0 Backspace, 1 Enter, 2 Escape, 3 Tab, 4 Left, 5 Right, 6 Delete.
extern "C" EMSCRIPTEN_KEEPALIVE void unroll_text_key(int key, int down) {
  static const ImGuiKey keys[] = {ImGuiKey_Backspace, ImGuiKey_Enter,      ImGuiKey_Escape, ImGuiKey_Tab,
                                  ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_Delete};
  if (key >= 0 && key < int(sizeof keys / sizeof keys[0])) ImGui::GetIO().AddKeyEvent(keys[key], down != 0);
}

// JS bridge: lets the page (and the browser tests) see that frames are drawn.
extern "C" EMSCRIPTEN_KEEPALIVE int unroll_frames_drawn() { return g_frames_drawn; }

int main() {
  // Keys go to SDL only while the canvas has the focus: SDL swallows Tab,
  // Enter and Space on the whole window otherwise, and the page's own
  // buttons (the accessible mirror, the greeting) could not be used.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    show_fatal(SDL_GetError());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // GLES 3.0 == WebGL2
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  // The size is a placeholder: the canvas is sized by CSS (full window) and
  // SDL follows it because the window is resizable.
  g_window = SDL_CreateWindow("Unroll", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 1280, 720,
                              SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  SDL_GLContext gl = g_window ? SDL_GL_CreateContext(g_window) : nullptr;
  if (!gl) {
    show_fatal("Could not create a WebGL2 context on the canvas.");
    return 1;
  }
  SDL_GL_MakeCurrent(g_window, gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini in the browser
  // Tab / arrows / Space / Enter move between and press widgets (a visible focus box).
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui::StyleColorsDark();
  build_font_atlas(float(emscripten_get_device_pixel_ratio()));
  ImGui_ImplSDL2_InitForOpenGL(g_window, gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  // The link is the address's hash (without '#').
  char* hash = js_location_hash();
  // Each run trains in its own Web Worker; at most cores - 1 at once (the
  // page keeps one), unless the link says workers=.
  const int cores = EM_ASM_INT({ return navigator.hardwareConcurrency || 2; });
  unroll::app::init(hash ? hash : "", unroll::platform::make_worker_engine, std::max(1, cores - 1));
  // A phone or a tablet says touch hints before its first tap.
  unroll::app::touch::set_active(EM_ASM_INT({ return matchMedia('(pointer: coarse)').matches ? 1 : 0; }) != 0);
  free(hash);
  EM_ASM({ if (window.unroll && window.unroll._ready) window.unroll._ready(); });
  // 0 fps = follow requestAnimationFrame; true = never return from main.
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
