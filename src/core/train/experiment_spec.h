// The config read ONCE: every key of the table resolved into typed specs
// (enums included). Nothing below train/ reads a Config; an enum value the
// table allows but this file does not map is a logic_error at the first
// use (a unit test resolves every choice of every enum key), never a
// silent default.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/models/net.h"
#include "core/tasks/task_spec.h"
#include "core/train/clip.h"
#include "core/train/optimizer.h"

namespace unroll {

struct ExperimentSpec {
  TaskSpec task;
  NetSpec net;
  OptimSpec optim;
  ClipKind clip = ClipKind::Norm;
  double clip_at = 1;
  Index batch = 32;
  uint64_t seed = 1;
};

ExperimentSpec resolve_spec(const Config& cfg);

// The keys that may change while training (needs_reset == false in the
// table: lr, momentum, wd, clip, clip_at), in table order.
const std::vector<std::string>& live_keys();

// The task a config describes (see make_task in task_spec.h).
std::unique_ptr<Task> make_task(const Config& cfg, const std::string& text, std::string* error);

}  // namespace unroll
