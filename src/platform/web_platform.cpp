// The browser side of the app: platform.h for the page, and the C entry
// points behind window.unroll (web/api.js). Strings cross as UTF-8.
#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/panels/app.h"
#include "app/panels/layouts.h"
#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/widgets/ui.h"
#include "core/io/json.h"

namespace unroll::platform {

EM_JS(void, js_set_link, (const char* hash), {
  const h = '#' + UTF8ToString(hash);
  if (location.hash !== h) history.replaceState(null, "", h);
});

EM_JS(int, js_copy_text, (const char* text), {
  const t = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(t).catch(() => {});
    return 1;
  }
  return 0;
});

// location without its hash, malloc'ed (the caller frees it).
EM_JS(char*, js_page_base, (), {
  const u = location.href.replace(/#.*$/, '');
  const n = lengthBytesUTF8(u) + 1;
  const p = _malloc(n);
  stringToUTF8(u, p, n);
  return p;
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int len), {
  const bytes = HEAPU8.slice(data, data + len);
  const url = URL.createObjectURL(new Blob([bytes], { type: UTF8ToString(mime) }));
  const a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  if (window.unroll && window.unroll._onDownload) window.unroll._onDownload(UTF8ToString(name));
});

EM_JS(void, js_request_file, (const char* purpose, const char* accept), {
  if (window.unroll) window.unroll._pickFile(UTF8ToString(purpose), UTF8ToString(accept));
});

EM_JS(void, js_codec, (int inflate, const char* data, int len), {
  window.unrollCodec.request(inflate !== 0, HEAPU8.slice(data, data + len));
});

void set_link(const std::string& hash) { js_set_link(hash.c_str()); }
void codec(bool inflate, const std::string& bytes) { js_codec(inflate ? 1 : 0, bytes.data(), int(bytes.size())); }
std::string page_url(const std::string& hash) {
  char* base = js_page_base();
  std::string url = std::string(base) + "#" + hash;
  std::free(base);
  return url;
}
bool copy_text(const std::string& text) { return js_copy_text(text.c_str()) != 0; }
void download(const std::string& filename, const std::string& mime, const std::string& data) {
  js_download(filename.c_str(), mime.c_str(), data.data(), int(data.size()));
}
void request_file(const std::string& purpose, const std::string& accept) {
  js_request_file(purpose.c_str(), accept.c_str());
}

}  // namespace unroll::platform

// ---- window.unroll (see web/api.js) -----------------------------------------
namespace {
std::string g_out;  // the last string handed to JS (valid until the next call)
}

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* unroll_api_state() {
  using namespace unroll::app;
  unroll::json::Writer w;
  w.begin_object();
  session().write_state(w);
  w.key("glossary");
  w.begin_object();
  w.key("terms"); w.number(double(session().lessons().glossary().size()));
  w.key("shown"); w.boolean(glossary_shown());
  w.end_object();
  w.key("lessonButtons");
  write_lesson_buttons(w);
  w.key("generate");
  write_task_generate(w);
  w.key("layout");
  write_layout_state(w, session());
  w.key("linkMenu");
  write_link_menu_state(w);
  w.key("controls");  // run-bar buttons and view tabs as last drawn, CSS px
  ui::write_controls(w);
  w.end_object();
  g_out = w.str();
  return g_out.c_str();
}
// Lessons: files from web/loader.js (lessons/index.txt) or an embedding page.
EMSCRIPTEN_KEEPALIVE int unroll_add_lesson(const char* name, const char* data, int len) {
  return unroll::app::session().lessons().add_file(name, std::string(data, size_t(len))) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int unroll_api_open_lesson(const char* id, int step) {
  using namespace unroll::app;
  Lessons& lessons = session().lessons();
  if (!lessons.open(id, step)) return 0;
  lessons.set_up(session(), /*allow_run=*/false);
  return 1;
}
EMSCRIPTEN_KEEPALIVE int unroll_set_glossary(const char* name, const char* data, int len) {
  return unroll::app::session().lessons().set_glossary(name, std::string(data, size_t(len))) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int unroll_api_answer(int choice) {
  return unroll::app::session().lessons().answer(choice) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void unroll_api_open_glossary(int open) { unroll::app::open_glossary(open != 0); }
// Brings a view forward (narrow: shows it; medium: scrolls to it); 0 = no such id.
EMSCRIPTEN_KEEPALIVE int unroll_api_show_view(const char* id) {
  const unroll::app::ViewInfo* v = unroll::app::find_view(id);
  if (!v) return 0;
  unroll::app::show_view(v->view);
  return 1;
}
// Presentation zoom (the link's zoom= key; web/api.js checks the range).
EMSCRIPTEN_KEEPALIVE void unroll_api_set_zoom(double zoom) { unroll::app::session().set_zoom(float(zoom)); }
EMSCRIPTEN_KEEPALIVE int unroll_api_lesson_go(int delta) {
  return unroll::app::session().lessons().go(delta) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void unroll_api_lesson_setup() {
  unroll::app::session().lessons().set_up(unroll::app::session());
}
EMSCRIPTEN_KEEPALIVE int unroll_api_set_language(const char* lang) {
  return unroll::app::session().set_language(lang) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void unroll_set_browser_language(const char* lang) {
  unroll::app::set_browser_language(lang);
}
// An edit as the Experiment panel makes one: live keys apply at once (at a
// step boundary the run records), the others wait for Reset.
EMSCRIPTEN_KEEPALIVE void unroll_api_edit(const char* query) {
  std::vector<unroll::ConfigError> errors;
  const unroll::Config cfg = unroll::Config::parse(query, &errors);
  unroll::app::session().edit(cfg);
}
EMSCRIPTEN_KEEPALIVE void unroll_api_set_config(const char* query) {
  unroll::app::session().set_config_query(query);
}
EMSCRIPTEN_KEEPALIVE void unroll_api_open_link(const char* hash) {
  unroll::app::session().open_link(hash);
}
EMSCRIPTEN_KEEPALIVE int unroll_api_download(const char* kind) {
  return unroll::app::download_file(kind) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void unroll_api_play() { unroll::app::session().play(); }
EMSCRIPTEN_KEEPALIVE void unroll_api_pause() { unroll::app::session().pause(); }
// unroll.step(n): n steps over the next frames (within each frame's budget).
EMSCRIPTEN_KEEPALIVE void unroll_api_request_steps(int n) {
  unroll::app::session().request_steps(n < 0 ? 0 : (n > 100000 ? 100000 : n));
}
EMSCRIPTEN_KEEPALIVE int unroll_api_pending_steps() { return int(unroll::app::session().pending_steps()); }
// 1 when every engine has applied every command (a pause has taken effect).
EMSCRIPTEN_KEEPALIVE int unroll_api_synced() { return unroll::app::session().synced() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int unroll_api_step_count() { return int(unroll::app::session().step_count()); }
EMSCRIPTEN_KEEPALIVE void unroll_api_reset() { unroll::app::session().reset(); }
// web/link_codec.js's answer to platform::codec.
EMSCRIPTEN_KEEPALIVE void unroll_codec_done(int inflate, const char* data, int len, const char* error) {
  unroll::app::on_codec(inflate != 0, std::string(data, size_t(len)), error);
}
// unroll.shareLink: start one (bits 0 = 16 if it fits, else 8); its id.
EMSCRIPTEN_KEEPALIVE int unroll_api_share_link(int bits) {
  return unroll::app::session().share_link(bits == 8 || bits == 16 ? bits : 0);
}
// {id, state: working|done|failed, hash, bits, chars, rawBytes, atStep, tooLarge, message}
EMSCRIPTEN_KEEPALIVE const char* unroll_api_share_state() {
  using S = unroll::app::Session::Share::State;
  const auto& sh = unroll::app::session().share();
  unroll::json::Writer w;
  w.begin_object();
  w.key("id"); w.number(sh.id);
  w.key("state");
  w.string(sh.state == S::Done ? "done" : sh.state == S::Failed ? "failed" : sh.state == S::Idle ? "idle" : "working");
  w.key("hash"); w.string(sh.hash);
  w.key("bits"); w.number(sh.tried);
  w.key("chars"); w.number(double(sh.chars));
  w.key("rawBytes"); w.number(double(sh.raw_bytes));
  w.key("atStep"); w.number(double(sh.at_step));
  w.key("tooLarge"); w.boolean(sh.too_large);
  w.key("message"); w.string(sh.message);
  w.end_object();
  g_out = w.str();
  return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE void unroll_api_file(const char* purpose, const char* name, const char* data,
                                          int len) {
  unroll::app::on_file(purpose, name, std::string(data, size_t(len)));
}
// The main run's recorded loss and metric per step, as JSON arrays.
EMSCRIPTEN_KEEPALIVE const char* unroll_api_history() {
  g_out = unroll::app::session().history_json();
  return g_out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* unroll_api_frame_stats() {
  const auto f = unroll::app::frame_stats();
  unroll::json::Writer w;
  w.begin_object();
  w.key("p50"); w.number(f.p50);
  w.key("p95"); w.number(f.p95);
  w.key("last"); w.number(f.last);
  w.key("appP50"); w.number(f.app_p50);
  w.key("appP95"); w.number(f.app_p95);
  w.key("panels");
  w.begin_object();
  for (const auto& [name, ms] : f.panels) {
    w.key(name);
    w.number(ms);
  }
  w.end_object();
  w.end_object();
  g_out = w.str();
  return g_out.c_str();
}

// Test and tutorial hooks (Module.ccall): start a measurement and read its
// points. which: 0 = accuracy vs length, 1 = sequential vs parallel. The
// measurement advances in the session's tick, a slice per frame.
EMSCRIPTEN_KEEPALIVE void unroll_bottleneck_measure(int which) {
  using namespace unroll::app;
  select_bottleneck_tab(which == 0 ? 0 : 2);
  if (which == 0) session().measurements().start_length(session());
  else session().measurements().start_time(session());
}
EMSCRIPTEN_KEEPALIVE const char* unroll_bottleneck_result(int which) {
  unroll::json::Writer w;
  unroll::app::session().measurements().write_result(w, which == 0 ? 0 : 1);
  g_out = w.str();
  return g_out.c_str();
}

}  // extern "C"
