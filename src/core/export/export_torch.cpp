// export_torch: the spec, the task and the model built once, then the
// script's parts in order (sections.h).
#include "core/export/export_torch.h"

#include <algorithm>

#include "core/export/sections.h"
#include "core/tasks/tasks.h"

namespace unroll {
namespace {

// Every key of the table and where the script honours it. A key added to
// the table but not here makes export_torch refuse (and a unit test fail)
// until the exporter learns it.
const std::vector<std::string> kKeys = {
    "v",                                                              // the link format only
    "model", "arch", "layers", "hidden", "init", "rho", "fbias", "attn",  // py_model_*, py_init
    "d_model", "heads", "ff", "pos",                                   // py_model_transformer
    "task", "T", "eval_T", "symbols", "alphabet", "parity_at", "waves", "corpus",  // py_task_*, py_eval
    "columns", "label", "norm",  // task=series only, which export_torch refuses (below)
    "optim", "lr", "momentum", "wd", "batch", "clip", "clip_at",        // py_optim, py_loop
    "tbptt", "tbptt_update", "seed",                                   // py_step, py_loop
};

// Why a key does not reach this experiment (the script does as the engine
// does), or "" when it does.
std::string why_unread(const KeyDef& k, const Config& cfg, const ExperimentSpec& s) {
  if (!key_shown(k, cfg)) return "not read by this experiment";
  if (s.net.kind == ModelKind::EncoderDecoder && (k.name == "init" || k.name == "rho"))
    return "not read by Unroll's encoder-decoder either: PyTorch's default init";
  return "";
}

std::string key_lines(const Config& cfg, const ExperimentSpec& spec) {
  std::string s;
  for (const KeyDef& k : key_table()) {
    std::string line = "#   " + k.name + "=" + cfg.s(k.name);
    line.resize(std::max<size_t>(line.size() + 1, 26), ' ');
    const std::string why = why_unread(k, cfg, spec);
    s += line + (why.empty() ? k.label : "(" + why + ")") + "\n";
  }
  return s;
}

}  // namespace

const std::vector<std::string>& torch_export_keys() { return kKeys; }

std::string export_torch(const Config& cfg, const TorchExportInput& in, std::string* error) {
  for (const KeyDef& k : key_table())
    if (std::find(kKeys.begin(), kKeys.end(), k.name) == kKeys.end()) {
      *error = "export-torch does not know the key '" + k.name +
               "' yet, so it cannot promise the script honours it; export refused";
      return "";
    }
  const ExperimentSpec spec = resolve_spec(cfg);
  // The series task (a CSV reader, columns, labels, normalisation) has no
  // Python port yet: refused rather than exported half-honoured.
  if (spec.task.kind == TaskKind::Series) {
    *error = "task=series (your CSV data) cannot be exported to PyTorch yet: the script has no port of its "
             "CSV reader and windows; train it with unroll train --data FILE";
    return "";
  }
  if (spec.task.kind == TaskKind::Text && spec.task.user_corpus && in.text.empty()) {
    *error = "task=text&corpus=user trains on your text: give it (unroll export-torch --text FILE)";
    return "";
  }
  std::unique_ptr<Task> task = make_task(spec.task, in.text, error);
  if (!task) return "";
  std::unique_ptr<Net> net = make_net(spec.net, *task, error);
  if (!net) return "";
  if (in.weights) {
    ParamList<float> copy;
    std::string why;
    // names and shapes must be this experiment's model's
    if (in.weights->size() != net->params().size()) why = "a different number of tensors";
    for (size_t k = 0; why.empty() && k < in.weights->size(); ++k) {
      const auto& a = (*in.weights)[k];
      const auto& b = net->params()[k];
      if (a.name != b.name || a.value.rows() != b.value.rows() || a.value.cols() != b.value.cols())
        why = "tensor " + a.name + " where " + net->describe() + " has " + b.name;
    }
    if (!why.empty()) {
      *error = "the weights do not fit this experiment: " + why;
      return "";
    }
  }
  torch_export::Context c{spec, *task, *net};
  c.pairs = net->reads_pairs();
  c.config = cfg.to_query();
  c.keys = key_lines(cfg, spec);
  if (spec.task.kind == TaskKind::Text) c.text = spec.task.user_corpus ? in.text : tiny_corpus();
  c.weights = in.weights;
  c.file = in.file;
  using namespace torch_export;
  return py_header(c) + py_batch(c) + py_task(c) + py_model(c) + py_init(c) + py_optim(c) +
         py_step(c) + py_eval(c) + py_loop(c);
}

}  // namespace unroll
