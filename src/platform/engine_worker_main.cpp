// The engine module of a Web Worker (engine.js + engine.wasm, built with
// -sENVIRONMENT=worker; web/engine_worker.js drives it). One worker, one
// run: commands come in as JSON (protocol.h), work happens in slices the
// worker's loop schedules, updates go out as bytes the JS side transfers to
// the page as an ArrayBuffer. No SDL, no ImGui, no SharedArrayBuffer.
#include <emscripten.h>
#include <emscripten/heap.h>

#include <string>

#include "engine/engine_core.h"
#include "engine/protocol.h"

namespace {

unroll::engine::EngineCore& core() {
  static unroll::engine::EngineCore c;
  return c;
}
std::string g_out;  // the last string handed to JS (valid until the next call)

}  // namespace

extern "C" {

// Applies one command; "" or the reason it was refused.
EMSCRIPTEN_KEEPALIVE const char* engine_command(const char* json, int len) {
  std::string error;
  g_out.clear();
  if (!unroll::engine::apply_command(core(), std::string_view(json, size_t(len)), &error)) g_out = error;
  return g_out.c_str();
}

// Trains (and runs a job) for about budget_ms; 1 while there is more to do.
EMSCRIPTEN_KEEPALIVE int engine_run_for(double budget_ms) {
  core().run_for(budget_ms);
  return core().busy() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int engine_busy() { return core().busy() ? 1 : 0; }

// The update since the last call, encoded; engine_update_size() its length.
EMSCRIPTEN_KEEPALIVE const char* engine_take_update() {
  unroll::engine::EngineUpdate u = core().take_update();
  u.heap_bytes = double(emscripten_get_heap_size());
  g_out = unroll::engine::encode_update(u);
  return g_out.data();
}
EMSCRIPTEN_KEEPALIVE int engine_update_size() { return int(g_out.size()); }

}  // extern "C"
