#include "engine/engine.h"

#include <cstdio>

#include "engine/protocol.h"

namespace unroll::engine {

void LocalEngine::send(const std::string& command) {
  std::string error;
  // Commands come from the page's own code: a malformed one is a bug.
  if (!apply_command(core_, command, &error)) std::fprintf(stderr, "engine: %s\n", error.c_str());
  fresh_ = true;
}

bool LocalEngine::poll(EngineUpdate* update) {
  if (!fresh_) return false;
  fresh_ = false;
  *update = core_.take_update();
  const bool changed = update->step != step_ || update->pending_steps != pending_ ||
                       update->running != running_ || update->diverged_reason != diverged_;
  step_ = update->step;
  pending_ = update->pending_steps;
  running_ = update->running;
  diverged_ = update->diverged_reason;
  return changed || !update->empty();
}

std::unique_ptr<Engine> make_local_engine(int) { return std::make_unique<LocalEngine>(); }

}  // namespace unroll::engine
