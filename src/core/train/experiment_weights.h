// An experiment's weights as a JSON file (the model's own format, see
// Net::weights_json and io/weights_io.h), and loading one back.
#pragma once
#include <string>
#include <string_view>

#include "core/train/experiment.h"

namespace unroll {

std::string experiment_weights_json(const Experiment& e);

// Parses `text` and loads it into e (Experiment::load_weights); false and
// *error (line and column for a parse error) otherwise.
bool load_experiment_weights(Experiment& e, std::string_view text, std::string* error);

}  // namespace unroll
