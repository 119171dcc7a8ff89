// An experiment's weights as a JSON file (the model's own format, see
// Net::weights_json and io/weights_io.h, recording the config, step and
// seed), and loading one back.
#pragma once
#include <string>
#include <string_view>

#include "core/io/weights_link.h"
#include "core/train/experiment.h"

namespace unroll {

std::string experiment_weights_json(const Experiment& e);

// Parses `text` and loads it into e (Experiment::load_weights); false and
// *error (line and column for a parse error) otherwise.
bool load_experiment_weights(Experiment& e, std::string_view text, std::string* error);

// A fresh experiment continues from a weights file: its values, and the
// step it records (Experiment::start_at_step; a file without one starts at
// 0). *step gets that step. `unroll train --load-weights`.
bool resume_from_weights(Experiment& e, const json::Value& doc, long* step, std::string* error);

// The weights as a link's bytes (io/weights_link.h): every tensor at
// `bits` (8 or 16), with the step trained.
std::string experiment_weights_link(const Experiment& e, int bits);

// Loads a link's bytes into e and, if e has not trained yet, continues at
// the link's step (as resume_from_weights). False and *error naming what
// was wrong (damaged, or made for another model) otherwise, e unchanged.
bool load_weights_link(Experiment& e, std::string_view bytes, WeightsLinkInfo* info, std::string* error);

}  // namespace unroll
