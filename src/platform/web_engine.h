// Worker engines for the page (engine/engine.h): each run's engine in its
// own Web Worker (web/engine_worker.js, web/engines.js). Where a worker
// cannot start (e.g. a page opened from file://) or dies, the engine falls
// back to training on the page's thread, replaying the commands since its
// last build, so the run goes on.
#pragma once
#include <memory>

#include "engine/engine.h"

namespace unroll::platform {

std::unique_ptr<engine::Engine> make_worker_engine(int run_index);
// True if the page can start workers at all (checked once).
bool workers_available();

}  // namespace unroll::platform
