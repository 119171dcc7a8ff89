// An experiment's weights as a JSON file: the PyTorch-layout recurrent file
// (weights_io.h) for model=rnn, and {"arch", "config", "params"} with
// PyTorch-style names, shapes and row-major data for seq2seq / Transformer.
#pragma once
#include <string>

#include "core/train/experiment.h"

namespace unroll {

std::string experiment_weights_json(const Experiment& e);

}  // namespace unroll
