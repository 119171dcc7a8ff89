// The parts of an exported script, one file per concept, in the order they
// appear in it:
//
//   py_header.cpp        docstring, imports, the experiment's keys as constants
//   py_batch.cpp         Batch, the loss and the metrics' counts
//   py_task_*.cpp        the task's data generator and chance baseline
//   py_model_*.cpp       the model as torch.nn modules (Unroll's names and shapes)
//   py_init.cpp          the initialisation
//   py_optim.cpp         the optimiser and clipping
//   py_step.cpp          one training step: chunks (truncated BPTT), update points
//   py_eval.cpp          greedy evaluation of the pair models (the summary's "eval")
//   py_loop.cpp          weights and batch files, data parallelism, the loop, the summary
//
// Every part reads the typed ExperimentSpec (and the task and model built
// from it, for sizes and names); none reads the Config, so a key reaches
// the script only through the spec the engine itself trains from.
#pragma once
#include <string>

#include "core/models/net.h"
#include "core/tasks/task.h"
#include "core/train/experiment_spec.h"

namespace unroll::torch_export {

struct Context {
  const ExperimentSpec& spec;
  const Task& task;
  const Net& net;         // its params(): the names and shapes the script's modules have
  bool pairs = false;     // the model reads source/target pairs (Net::reads_pairs)
  std::string config;     // the link's query, for the header
  std::string keys;       // the header's list of keys (export_torch.cpp)
  std::string text;       // task=text: the corpus (tiny or the user's)
  std::string file = "run.py";  // the script's file name, for its usage lines
  const ParamList<float>* weights = nullptr;  // start values to embed, or null
};

std::string py_header(const Context& c);
std::string py_batch(const Context& c);
std::string py_task(const Context& c);  // dispatches to the task files below
std::string py_task_signal(const Context& c);  // adding, sine
std::string py_task_tokens(const Context& c);  // copy, parity
std::string py_task_reber(const Context& c);
std::string py_task_text(const Context& c);
std::string py_task_digits(const Context& c);  // reverse, repeat, sort, addition
std::string py_model(const Context& c);  // dispatches to the model files below
std::string py_model_recurrent(const Context& c);
std::string py_model_seq2seq(const Context& c);
std::string py_model_transformer(const Context& c);
std::string py_init(const Context& c);
std::string py_optim(const Context& c);
std::string py_step(const Context& c);
std::string py_eval(const Context& c);
std::string py_loop(const Context& c);

}  // namespace unroll::torch_export
