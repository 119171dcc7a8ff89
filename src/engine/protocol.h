// The protocol between the page and an engine (engine_core.h), the same
// whether the engine runs in a Web Worker or on the page's thread.
//
// Commands, page -> engine: one JSON object each (small; built by the
// functions below, parsed by apply_command):
//   {"cmd":"build","id":I,"config":Q,"text":T,"maxBytes":B,"budget":S,"maxStepSeconds":X,"flops":F}
//                                          (every update carries the id of its build)
//   {"cmd":"play"}  {"cmd":"pause"}  {"cmd":"step","n":N}  {"cmd":"live","config":Q}
//   {"cmd":"check","id":I,"expr":E}        lesson check after every step ("" = none)
//   {"cmd":"probe"}                        a probe snapshot in the next update
//   {"cmd":"evaluate","id":I,"length":L,"n":N,"first":K}   greedy accuracy, a slice
//   {"cmd":"time","id":I,"config":Q,"T":T,"steps":S}       time per step of another config
//   {"cmd":"generate","id":I,"prime":P,"n":N,"temperature":X,"seed":S}
//   {"cmd":"weights","id":I}  {"cmd":"loadWeights","id":I,"text":T}  {"cmd":"cancel"}
//   {"cmd":"weightsLink","id":I,"bits":8|16}  {"cmd":"loadWeightsLink","id":I,"bytes":base64url}
//
// Updates, engine -> page: EngineUpdate (run_report.h) as bytes
// (encode_update / decode_update), sent by a worker as a transferable
// ArrayBuffer at most ~30 times a second while something changes.
#pragma once
#include <string>
#include <string_view>

#include "core/train/resources.h"
#include "engine/engine_core.h"

namespace unroll::engine {

// ---- commands ---------------------------------------------------------------
std::string cmd_build(int id, const Config& cfg, const std::string& text, const ResourceLimits& limits);
std::string cmd_simple(const char* name);  // play, pause, probe, cancel
std::string cmd_step(long n);
std::string cmd_live(const Config& cfg);
std::string cmd_check(int id, const std::string& expr);
std::string cmd_evaluate(int id, Index length, Index n, Index first);
std::string cmd_time(int id, const Config& cfg, Index T, int steps);
std::string cmd_generate(int id, const std::string& prime, int n, double temperature, uint64_t seed);
std::string cmd_weights(int id);
std::string cmd_load_weights(int id, const std::string& text);
std::string cmd_weights_link(int id, int bits);
std::string cmd_load_weights_link(int id, const std::string& bytes);

// Applies one command; false and *error (naming the field) on a malformed one.
bool apply_command(EngineCore& engine, std::string_view json, std::string* error);

// ---- updates ----------------------------------------------------------------
std::string encode_update(const EngineUpdate& u);
bool decode_update(std::string_view bytes, EngineUpdate* u, std::string* error);

}  // namespace unroll::engine
