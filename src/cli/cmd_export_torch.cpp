// `unroll export-torch`: the experiment a link describes as one
// self-contained PyTorch script (core/export/export_torch.h).
#include <cstdio>
#include <string>

#include "cli/files.h"
#include "cli/options.h"
#include "commands.h"
#include "core/export/export_torch.h"
#include "core/models/net.h"
#include "core/tasks/tasks.h"
#include "core/train/experiment_spec.h"

namespace unroll::cli {
namespace {

const char* kHelpHead =
    "usage: unroll export-torch --config '<query>' [--weights W.json] [--out run.py]\n"
    "\n"
    "Writes the experiment a playground link describes as one Python file for\n"
    "PyTorch: the model as torch.nn modules in Unroll's parameter layout, the\n"
    "task's data generator, the loss and metric, the initialisation, the\n"
    "optimiser, clipping, truncated BPTT and a training loop printing the\n"
    "JSON lines of 'unroll train' (alone, or data parallel under torchrun).\n"
    "Run 'python3 run.py --help' for the script's own options.\n"
    "\n"
    "options:\n";

const char* kHelpFoot =
    "\n"
    "Exit 0 on success, 1 if a file could not be read or written, 2 on bad\n"
    "arguments, a bad config, or one the exporter cannot honour (the message\n"
    "says why).\n";

struct ExportArgs {
  std::string query, weights, out = "-", text_path;
};

OptionParser export_options(ExportArgs* a) {
  OptionParser p("unroll export-torch");
  p.text("--config", "Q", &a->query, "experiment as a URL query string (see README, 'Experiment keys')",
         "an experiment query string such as 'v=1&arch=lstm&task=adding'");
  p.text("--weights", "FILE", &a->weights,
         "embed these starting weights (a weights file of this\n"
         "experiment's model, e.g. 'unroll train --save-weights')");
  p.text("--out", "FILE", &a->out, "the script ('-' = stdout, the default)", "a file path ('-' for stdout)");
  p.text("--text", "FILE", &a->text_path, "UTF-8 corpus for task=text&corpus=user (embedded in the script)");
  return p;
}

std::string base_name(const std::string& path) {
  const size_t k = path.find_last_of('/');
  return path == "-" ? "run.py" : k == std::string::npos ? path : path.substr(k + 1);
}

}  // namespace

int cmd_export_torch(int argc, char** argv) {
  ExportArgs a;
  std::string error;
  switch (export_options(&a).parse(argc, argv, &error)) {
    case OptionParser::Result::Help:
      std::printf("%s%s%s", kHelpHead, export_options(&a).help().c_str(), kHelpFoot);
      return kExitOk;
    case OptionParser::Result::Error:
      std::fprintf(stderr, "%s\n", error.c_str());
      return kExitUsage;
    case OptionParser::Result::Ok: break;
  }
  std::vector<ConfigError> errors;
  const Config cfg = Config::parse(a.query, &errors);
  if (!errors.empty()) {
    std::fprintf(stderr, "unroll export-torch: the config has %zu error(s):\n", errors.size());
    for (const auto& e : errors) std::fprintf(stderr, "  - %s\n", e.message.c_str());
    return kExitUsage;
  }
  const bool user_corpus = cfg.s("task") == "text" && cfg.s("corpus") == "user";
  if (!a.text_path.empty() && !user_corpus) {
    std::fprintf(stderr, "unroll export-torch: --text is read only with task=text&corpus=user\n");
    return kExitUsage;
  }
  TorchExportInput in;
  in.file = base_name(a.out);
  if (user_corpus) {
    if (a.text_path.empty()) {
      std::fprintf(stderr, "unroll export-torch: task=text&corpus=user trains on your text: give it with --text FILE\n");
      return kExitUsage;
    }
    if (!read_bounded(a.text_path, kMaxCorpusBytes, "the corpus limit", &in.text, &error)) {
      std::fprintf(stderr, "unroll export-torch: --text: %s\n", error.c_str());
      return kExitFailure;
    }
  }
  ParamList<float> weights;
  if (!a.weights.empty()) {
    std::string text;
    json::Value doc;
    json::ParseError pe;
    if (!read_bounded(a.weights, json::Limits{}.max_bytes, "the input file limit", &text, &error)) {
      std::fprintf(stderr, "unroll export-torch: --weights: %s\n", error.c_str());
      return kExitFailure;
    }
    if (!json::parse(text, &doc, &pe)) {
      std::fprintf(stderr, "unroll export-torch: --weights: '%s' is not JSON: %s\n", a.weights.c_str(),
                   pe.to_string().c_str());
      return kExitFailure;
    }
    // The model the config describes, for the names and shapes the file must have.
    const ExperimentSpec spec = resolve_spec(cfg);
    std::unique_ptr<Task> task = make_task(spec.task, in.text, &error);
    std::unique_ptr<Net> net = task ? make_net(spec.net, *task, &error) : nullptr;
    if (!net) {
      std::fprintf(stderr, "unroll export-torch: %s\n", error.c_str());
      return kExitUsage;
    }
    if (!params_from_weights_json(doc, net->params(), &weights, &error)) {
      std::fprintf(stderr, "unroll export-torch: --weights: '%s': %s\n", a.weights.c_str(), error.c_str());
      return kExitFailure;
    }
    in.weights = &weights;
  }
  const std::string script = export_torch(cfg, in, &error);
  if (script.empty()) {
    std::fprintf(stderr, "unroll export-torch: %s\n", error.c_str());
    return kExitUsage;
  }
  if (!write_file(a.out, script, &error)) {
    std::fprintf(stderr, "unroll export-torch: --out: %s\n", error.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace unroll::cli
