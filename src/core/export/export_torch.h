// "Open in PyTorch": one self-contained Python file for any experiment
// (`unroll export-torch`, and the page's button through the same call).
//
// The script holds the model as torch.nn modules with Unroll's parameter
// names and shapes, the task's data generator, the loss and metric, the
// initialisation, the optimiser, clipping, truncated BPTT, the chance
// baseline and a training loop writing `unroll train`'s JSON lines (alone
// or data parallel under torchrun). Every part is generated from the typed
// ExperimentSpec the engine trains from (core/export/sections.h); a key
// of the table the exporter does not know is a refusal, never a silent
// omission.
#pragma once
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/io/json.h"
#include "core/io/param_dict.h"  // params_from_weights_json (the export reads weights too)
#include "core/tensor/param_list.h"

namespace unroll {

struct TorchExportInput {
  // task=text&corpus=user: the user's corpus (ignored otherwise).
  std::string text;
  // Start values embedded in the script, in this experiment's model's
  // names and shapes (e.g. Experiment::params()); null: the script
  // initialises by Unroll's rules with torch's random numbers.
  const ParamList<float>* weights = nullptr;
  // The script's file name, for the usage lines it prints.
  std::string file = "run.py";
};

// The script, or "" and *error naming why this experiment cannot be
// exported (a key the exporter does not know, a task or model the config
// cannot build, weights of another shape).
std::string export_torch(const Config& cfg, const TorchExportInput& in, std::string* error);

// The keys the exporter knows how to honour, in table order (a unit test
// holds it to the key table).
const std::vector<std::string>& torch_export_keys();

}  // namespace unroll
