// `unroll train`: run an experiment headless from its config query string,
// the same string a playground link carries.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "commands.h"
#include "core/train/experiment.h"
#include "core/io/json.h"
#include "core/train/length_eval.h"
#include "core/train/experiment_weights.h"
#include "core/io/weights_io.h"

namespace unroll::cli {
namespace {

const char* kHelp =
    "usage: unroll train --config '<query>' [options]\n"
    "\n"
    "Trains the experiment a playground link describes, e.g.\n"
    "  unroll train --config 'v=1&arch=lstm&task=adding&T=50' --steps 2000\n"
    "\n"
    "options:\n"
    "  --config Q          experiment as a URL query string (see README, 'Experiment keys')\n"
    "  --steps N           training steps (default 1000, at most 10000000)\n"
    "  --jsonl FILE        write per-step metrics as JSON lines ('-' = stdout)\n"
    "  --dh                include ||dL/dh_t|| per layer and timestep in each JSON line\n"
    "  --save-weights FILE write the trained weights (PyTorch layout JSON)\n"
    "  --text FILE         UTF-8 corpus for task=text&corpus=user\n"
    "  --by-length LIST    after training, greedy sequence accuracy at each input\n"
    "                      length in LIST (e.g. 5,10,20,40) as one JSON line\n"
    "                      {\"by_length\": [...]} (seq2seq tasks with model=seq2seq\n"
    "                      or model=transformer: the bottleneck chart's data)\n"
    "  --eval-n N          sequences per greedy evaluation (default 512)\n"
    "  --quiet             no progress on stderr\n"
    "\n"
    "Progress goes to stderr, a final JSON summary to stdout. Exit 0 on success,\n"
    "1 if training diverged or a file failed, 2 on bad arguments or config.\n";

bool read_file(const std::string& path, std::string* out, std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) { *error = "cannot open '" + path + "' for reading"; return false; }
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// One step's metrics as a JSON line (the one JSON writer: shortest exact
// doubles, non-finite values as null).
std::string stats_json(const StepStats& s, bool with_dh) {
  json::Writer w;
  w.begin_object();
  w.key("step"); w.number(double(s.step));
  w.key("loss"); w.number(s.loss);
  w.key("metric"); w.number(s.metric);
  w.key("grad_norm"); w.number(s.clip.norm_before);
  w.key("applied_grad_norm"); w.number(s.clip.norm_after);
  w.key("clipped"); w.boolean(s.clip.clipped);
  w.key("update_ratio"); w.number(s.update_ratio);
  if (with_dh) {
    w.key("dh_norm");
    w.begin_array();
    for (const auto& layer : s.dh_norm) {
      w.begin_array();
      for (double v : layer) w.number(v);
      w.end_array();
    }
    w.end_array();
  }
  w.end_object();
  return w.str();
}

void progress(long step, long total, double loss, double sps, bool tty) {
  if (tty) {
    const int width = 30;
    const int filled = int(double(width) * double(step) / double(total));
    std::fprintf(stderr, "\r[%.*s%*s] %ld/%ld  loss %.4g  %.0f steps/s ", filled,
                 "##############################", width - filled, "", step, total, loss, sps);
  } else {
    std::fprintf(stderr, "step %ld/%ld loss %.6g (%.0f steps/s)\n", step, total, loss, sps);
  }
}

void eval_json(json::Writer& w, const EvalResult& r) {
  w.begin_object();
  w.key("T"); w.number(double(r.length));
  if (!r.error.empty()) {
    w.key("error"); w.string(r.error);
  } else {
    w.key("token_accuracy"); w.number(r.token_accuracy);
    w.key("sequence_accuracy"); w.number(r.sequence_accuracy);
    w.key("chance_token"); w.number(r.chance_token);
    w.key("chance_sequence"); w.number(r.chance_sequence);
  }
  w.end_object();
}

// Comma-separated lengths 1..1000; false on anything else.
bool parse_lengths(const std::string& s, std::vector<Index>* out) {
  size_t i = 0;
  while (i <= s.size()) {
    const size_t j = std::min(s.find(',', i), s.size());
    const std::string part = s.substr(i, j - i);
    char* end = nullptr;
    const long v = std::strtol(part.c_str(), &end, 10);
    if (part.empty() || *end != '\0' || v < 1 || v > 1000) return false;
    out->push_back(Index(v));
    i = j + 1;
  }
  return !out->empty();
}


}  // namespace

int cmd_train(int argc, char** argv) {
  std::string query, jsonl, save, text_path;
  long steps = 1000, eval_n = 512;
  bool quiet = false, with_dh = false;
  std::vector<Index> by_length;
  for (int a = 0; a < argc; ++a) {
    const std::string arg = argv[a];
    auto value = [&](const char* name) -> const char* {
      if (a + 1 >= argc) {
        std::fprintf(stderr, "unroll train: %s needs a value\n", name);
        return nullptr;
      }
      return argv[++a];
    };
    if (arg == "--help" || arg == "-h") { std::fputs(kHelp, stdout); return 0; }
    const char* v = nullptr;
    if (arg == "--config") { if (!(v = value("--config"))) return 2; query = v; }
    else if (arg == "--jsonl") { if (!(v = value("--jsonl"))) return 2; jsonl = v; }
    else if (arg == "--save-weights") { if (!(v = value("--save-weights"))) return 2; save = v; }
    else if (arg == "--text") { if (!(v = value("--text"))) return 2; text_path = v; }
    else if (arg == "--quiet") quiet = true;
    else if (arg == "--by-length") {
      if (!(v = value("--by-length"))) return 2;
      if (!parse_lengths(v, &by_length)) {
        std::fprintf(stderr, "unroll train: --by-length needs comma-separated lengths from 1 to 1000 (got '%s')\n", v);
        return 2;
      }
    } else if (arg == "--eval-n") {
      if (!(v = value("--eval-n"))) return 2;
      char* end = nullptr;
      eval_n = std::strtol(v, &end, 10);
      if (*v == '\0' || *end != '\0' || eval_n < 1 || eval_n > 100000) {
        std::fprintf(stderr, "unroll train: --eval-n must be a whole number from 1 to 100000 (got '%s')\n", v);
        return 2;
      }
    }
    else if (arg == "--dh") with_dh = true;
    else if (arg == "--steps") {
      if (!(v = value("--steps"))) return 2;
      char* end = nullptr;
      steps = std::strtol(v, &end, 10);
      if (*v == '\0' || *end != '\0' || steps < 1 || steps > 10000000) {
        std::fprintf(stderr, "unroll train: --steps must be a whole number from 1 to 10000000 (got '%s')\n", v);
        return 2;
      }
    } else {
      std::fprintf(stderr, "unroll train: unknown option '%s'\n\n%s", arg.c_str(), kHelp);
      return 2;
    }
  }

  std::vector<ConfigError> errors;
  const Config cfg = Config::parse(query, &errors);
  if (!errors.empty()) {
    std::fprintf(stderr, "unroll train: the config has %zu error(s):\n", errors.size());
    for (const auto& e : errors) std::fprintf(stderr, "  - %s\n", e.message.c_str());
    return 2;
  }
  std::string text, error;
  if (!text_path.empty() && !read_file(text_path, &text, &error)) {
    std::fprintf(stderr, "unroll train: %s\n", error.c_str());
    return 1;
  }
  auto exp = Experiment::create(cfg, text, &error);
  if (!exp) {
    std::fprintf(stderr, "unroll train: %s\n", error.c_str());
    return 2;
  }

  FILE* out = nullptr;
  if (jsonl == "-") out = stdout;
  else if (!jsonl.empty() && !(out = std::fopen(jsonl.c_str(), "w"))) {
    std::fprintf(stderr, "unroll train: cannot open '%s' for writing\n", jsonl.c_str());
    return 1;
  }

  const bool tty = isatty(2);
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto last_report = start;
  double loss_avg = 0, metric_avg = 0;  // mean over the last (up to) 100 steps
  std::vector<double> recent_loss, recent_metric;
  for (long s = 0; s < steps; ++s) {
    const bool ok = exp->step();
    const StepStats& st = exp->last();
    if (out) std::fprintf(out, "%s\n", stats_json(st, with_dh).c_str());
    recent_loss.push_back(st.loss);
    recent_metric.push_back(st.metric);
    if (!ok) break;
    const auto now = clock::now();
    if (!quiet && (now - last_report > std::chrono::milliseconds(tty ? 100 : 2000) || s + 1 == steps)) {
      const double secs = std::chrono::duration<double>(now - start).count();
      progress(s + 1, steps, st.loss, double(s + 1) / secs, tty);
      last_report = now;
    }
  }
  if (!quiet && tty) std::fputc('\n', stderr);
  const double secs = std::chrono::duration<double>(clock::now() - start).count();
  const size_t n = std::min<size_t>(100, recent_loss.size());
  for (size_t k = recent_loss.size() - n; k < recent_loss.size(); ++k) {
    loss_avg += recent_loss[k] / double(n);
    metric_avg += recent_metric[k] / double(n);
  }
  if (out && out != stdout) std::fclose(out);

  if (!save.empty()) {
    std::ofstream f(save, std::ios::binary);
    f << experiment_weights_json(*exp);
    if (!f) {
      std::fprintf(stderr, "unroll train: cannot write weights to '%s'\n", save.c_str());
      return 1;
    }
  }
  const TaskInfo& info = exp->task().info();
  // Greedy decoding at the training length and at eval_T (pair models only).
  std::vector<EvalResult> evals;
  if (exp->net().reads_pairs()) {
    const Index T = Index(exp->config().i("T")), eT = Index(exp->config().i("eval_T"));
    evals.push_back(exp->evaluate(T, eval_n));
    if (eT > 0 && eT != T) evals.push_back(exp->evaluate(eT, eval_n));
  }
  if (!by_length.empty()) {
    json::Writer w;
    w.begin_object();
    w.key("by_length");
    w.begin_array();
    for (const EvalResult& r : evaluate_by_length(*exp, by_length, eval_n)) eval_json(w, r);
    w.end_array();
    w.end_object();
    std::printf("%s\n", w.str().c_str());
  }
  json::Writer w;
  w.begin_object();
  w.key("config"); w.string(exp->config().to_query());
  w.key("steps"); w.number(double(exp->steps_done()));
  w.key("final_loss"); w.number(exp->last().loss);
  w.key("loss_last100"); w.number(loss_avg);
  w.key(info.metric_name); w.number(metric_avg);
  w.key("chance_loss"); w.number(info.chance_loss);
  w.key("params"); w.number(double(exp->param_count()));
  w.key("seconds"); w.number(secs);
  w.key("steps_per_second"); w.number(double(exp->steps_done()) / secs);
  w.key("diverged"); w.boolean(exp->diverged());
  if (!evals.empty()) {
    w.key("eval");
    w.begin_array();
    for (const EvalResult& r : evals) eval_json(w, r);
    w.end_array();
  }
  w.end_object();
  std::printf("%s\n", w.str().c_str());
  if (exp->diverged()) {
    std::fprintf(stderr, "unroll train: training stopped: %s\n", exp->diverged_reason().c_str());
    return 1;
  }
  return 0;
}

}  // namespace unroll::cli
