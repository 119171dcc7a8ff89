// `unroll train`: run an experiment headless from its config query string,
// the same string a playground link carries.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/files.h"
#include "cli/options.h"
#include "commands.h"
#include "cli/machine.h"
#include "core/train/resources.h"
#include "core/tasks/tasks.h"
#include "core/tasks/csv_table.h"
#include "core/tasks/task_series.h"
#include "core/train/experiment.h"
#include "core/io/json.h"
#include "core/train/length_eval.h"
#include "core/train/batch_dump.h"
#include "core/train/experiment_weights.h"
#include "core/io/weights_io.h"

namespace unroll::cli {
namespace {

const char* kHelpHead =
    "usage: unroll train --config '<query>' [options]\n"
    "\n"
    "Trains the experiment a playground link describes, e.g.\n"
    "  unroll train --config 'v=1&arch=lstm&task=adding&T=50' --steps 2000\n"
    "\n"
    "options:\n";

const char* kHelpFoot =
    "\n"
    "Progress goes to stderr, a final JSON summary to stdout. Files are written\n"
    "to a temporary file first and renamed over the target at the end, so a\n"
    "failed or interrupted run never leaves a half-written file.\n"
    "Exit 0 on success, 1 if training diverged, a file could not be read or\n"
    "written, or the config needs more memory (or a longer step) than allowed\n"
    "(the message names what drives it and a config that fits), 2 on bad\n"
    "arguments or config.\n";

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
    long v = 0;
    if (!parse_whole(s.substr(i, j - i), &v) || v < 1 || v > 1000) return false;
    out->push_back(Index(v));
    i = j + 1;
  }
  return !out->empty();
}

// All values of the command line, with their defaults.
struct TrainArgs {
  std::string query, jsonl, save, load, text_path, data_path, dump_batches;
  long steps = 1000, eval_n = 512;
  double max_memory = 0;        // bytes; 0 = the machine's default (machine.h)
  double max_step_seconds = 0;  // 0 = no limit (a warning past 10 s)
  bool quiet = false, with_dh = false;
  std::vector<Index> by_length;
};

OptionParser train_options(TrainArgs* a) {
  OptionParser p("unroll train");
  p.text("--config", "Q", &a->query, "experiment as a URL query string (see README, 'Experiment keys')",
         "an experiment query string such as 'v=1&arch=lstm&task=adding'");
  p.integer("--steps", "N", &a->steps, 0, 10000000,
            "training steps (default 1000, at most 10000000; 0 with\n"
            "--save-weights writes the initial weights)");
  p.text("--jsonl", "FILE", &a->jsonl, "write per-step metrics as JSON lines ('-' = stdout)",
         "a file path ('-' for stdout)");
  p.flag("--dh", &a->with_dh, "include ||dL/dh_t|| per layer and timestep in each JSON line");
  p.text("--save-weights", "FILE", &a->save, "write the trained weights (PyTorch layout JSON)");
  p.text("--load-weights", "FILE", &a->load,
         "continue from a weights file (--save-weights, the page's\n"
         "Download weights): its values and its step, so the next\n"
         "step trains on the batch it would have; the optimizer\n"
         "starts afresh. Without --config, the file's own config",
         "a weights file path");
  p.text("--dump-batches", "FILE", &a->dump_batches,
         "write every step's batch as a JSON line (time-major x,\n"
         "weight, y or targets, src for pair models): what an\n"
         "exported script's --batches trains on, for exact comparison",
         "a file path");
  p.text("--text", "FILE", &a->text_path,
         "UTF-8 corpus for task=text&corpus=user (at most 1 MiB;\n"
         "an error with any other config)");
  p.text("--data", "FILE", &a->data_path,
         "CSV for task=series: numbers in columns, header optional\n"
         "(at most 2 MiB; an error with any other config)");
  p.custom("--by-length", "LIST", "comma-separated lengths from 1 to 1000, e.g. 5,10,20",
           [a](const std::string& v) {
             a->by_length.clear();
             return parse_lengths(v, &a->by_length);
           },
           "after training, greedy sequence accuracy at each input\n"
           "length in LIST (e.g. 5,10,20,40) as one JSON line\n"
           "{\"by_length\": [...]} (seq2seq tasks with model=seq2seq\n"
           "or model=transformer: the bottleneck chart's data)");
  p.integer("--eval-n", "N", &a->eval_n, 1, 100000, "sequences per greedy evaluation (default 512)");
  p.custom("--max-memory", "SIZE", "a size such as 512M, 2G or a number of bytes",
           [a](const std::string& v) { return parse_bytes(v, &a->max_memory); },
           "refuse a config estimated to need more memory than this\n"
           "(default: half of the machine's memory or of ulimit -v)");
  p.real("--max-step-seconds", "S", &a->max_step_seconds, 0, 1e9, true,
         "refuse a config whose training step is estimated longer\n"
         "than S seconds (default: no limit, a warning past 10 s)");
  p.flag("--quiet", &a->quiet, "no progress on stderr");
  return p;
}

// The corpus of task=text&corpus=user: read (bounded), then checked as the
// task will check it, so every problem with the file is exit 1.
bool read_corpus(const TrainArgs& a, const Config& cfg, std::string* text, std::string* error) {
  if (!read_bounded(a.text_path, kMaxCorpusBytes, "the corpus limit", text, error)) return false;
  std::string why;
  if (!TextTask::create(*text, Index(cfg.i("T")), &why)) {
    *error = "'" + a.text_path + "': " + why;
    return false;
  }
  return true;
}

// The CSV of task=series: read (bounded), then checked as the task will
// check it (the message names the row and column), so a bad file is exit 1.
bool read_series(const TrainArgs& a, const Config& cfg, std::string* text, std::string* error) {
  if (!read_bounded(a.data_path, kMaxCsvBytes, "the CSV limit", text, error)) return false;
  std::string why;
  const SeriesSetup setup{Index(cfg.i("T")), cfg.s("columns"), cfg.s("label"), cfg.s("norm")};
  if (!SeriesTask::create(*text, setup, &why)) {
    *error = "'" + a.data_path + "': " + why;
    return false;
  }
  return true;
}

// Native code runs about this fast on these models (FLOP/s, conservative):
// what step-time estimates assume before anything was measured.
#ifdef __EMSCRIPTEN__
constexpr double kAssumedFlopsPerSecond = 5e9;
#else
constexpr double kAssumedFlopsPerSecond = 15e9;
#endif

// Experiment::evaluate in slices of 64 sequences (the same sequences and
// result as one call), with a progress line on stderr when it takes long.
EvalResult evaluate_with_progress(Experiment& e, Index length, Index n, bool quiet, bool tty) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto last = start;
  EvalResult total;
  double tok = 0, seq = 0;
  for (Index first = 0; first < n; first += 64) {
    const Index k = std::min<Index>(64, n - first);
    const EvalResult r = e.evaluate(length, k, first);
    if (!r.error.empty()) return r;
    total = r;
    tok += r.token_accuracy * double(k);
    seq += r.sequence_accuracy * double(k);
    const auto now = clock::now();
    const double secs = std::chrono::duration<double>(now - start).count();
    if (!quiet && first + k < n && now - last > std::chrono::seconds(tty ? 1 : 5)) {
      const double left = secs / double(first + k) * double(n - first - k);
      std::fprintf(stderr, tty ? "\revaluating at length %ld: %ld/%ld sequences, about %s left   "
                               : "evaluating at length %ld: %ld/%ld sequences, about %s left\n",
                   long(length), long(first + k), long(n), format_seconds(left).c_str());
      last = now;
    }
  }
  if (!quiet && tty && std::chrono::duration<double>(clock::now() - start).count() > 1) std::fputc('\n', stderr);
  total.token_accuracy = tok / double(n);
  total.sequence_accuracy = seq / double(n);
  return total;
}

bool all_finite(const ParamList<float>& params) {
  for (const auto& p : params)
    if (!p.value.allFinite()) return false;
  return true;
}

}  // namespace

int cmd_train(int argc, char** argv) {
  TrainArgs a;
  std::string error;
  switch (train_options(&a).parse(argc, argv, &error)) {
    case OptionParser::Result::Help:
      std::printf("%s%s%s", kHelpHead, train_options(&a).help().c_str(), kHelpFoot);
      return kExitOk;
    case OptionParser::Result::Error:
      std::fprintf(stderr, "%s\n", error.c_str());
      return kExitUsage;
    case OptionParser::Result::Ok: break;
  }
  const std::string& jsonl = a.jsonl;
  const long steps = a.steps, eval_n = a.eval_n;
  const bool quiet = a.quiet, with_dh = a.with_dh;

  // --load-weights: read first, since its config is the default one.
  json::Value loaded;
  WeightsMeta meta;
  if (!a.load.empty()) {
    std::string text;
    json::ParseError pe;
    if (!read_bounded(a.load, json::Limits{}.max_bytes, "the input file limit", &text, &error)) {
      std::fprintf(stderr, "unroll train: --load-weights: %s\n", error.c_str());
      return kExitFailure;
    }
    if (!json::parse(text, &loaded, &pe) || !read_weights_meta(loaded, &meta, &error)) {
      std::fprintf(stderr, "unroll train: --load-weights: '%s': %s\n", a.load.c_str(),
                   error.empty() ? ("not JSON: " + pe.to_string()).c_str() : error.c_str());
      return kExitFailure;
    }
    if (a.query.empty()) a.query = meta.config;
  }
  std::vector<ConfigError> errors;
  const Config cfg = Config::parse(a.query, &errors);
  if (!errors.empty()) {
    std::fprintf(stderr, "unroll train: the config has %zu error(s):\n", errors.size());
    for (const auto& e : errors) std::fprintf(stderr, "  - %s\n", e.message.c_str());
    return kExitUsage;
  }
  // --text belongs to exactly one config; anywhere else it would be ignored.
  const bool user_corpus = cfg.s("task") == "text" && cfg.s("corpus") == "user";
  if (!a.text_path.empty() && !user_corpus) {
    std::fprintf(stderr,
                 "unroll train: --text is read only with task=text&corpus=user, and this config has "
                 "task=%s, corpus=%s: add task=text&corpus=user to --config, or drop --text\n",
                 cfg.s("task").c_str(), cfg.s("corpus").c_str());
    return kExitUsage;
  }
  if (user_corpus && a.text_path.empty()) {
    std::fprintf(stderr, "unroll train: task=text&corpus=user trains on your text: give it with --text FILE\n");
    return kExitUsage;
  }
  // --data likewise, with task=series.
  const bool series = cfg.s("task") == "series";
  if (!a.data_path.empty() && !series) {
    std::fprintf(stderr,
                 "unroll train: --data is read only with task=series, and this config has task=%s: add "
                 "task=series to --config, or drop --data\n",
                 cfg.s("task").c_str());
    return kExitUsage;
  }
  if (series && a.data_path.empty()) {
    std::fprintf(stderr, "unroll train: task=series trains on your numbers: give a CSV with --data FILE\n");
    return kExitUsage;
  }
  std::string text;  // the task's user data: the corpus or the CSV
  if (user_corpus && !read_corpus(a, cfg, &text, &error)) {
    std::fprintf(stderr, "unroll train: --text: %s\n", error.c_str());
    return kExitFailure;
  }
  if (series && !read_series(a, cfg, &text, &error)) {
    std::fprintf(stderr, "unroll train: --data: %s\n", error.c_str());
    return kExitFailure;
  }
  // Memory and time from the spec, before anything is allocated: a config
  // over the budget is exit 1 with what drives it and a config that fits.
  ResourceLimits limits;
  std::string budget_why;
  limits.max_bytes = a.max_memory > 0 ? a.max_memory : default_memory_budget(&budget_why);
  limits.budget_text = "this run allows " + format_bytes(limits.max_bytes) +
                       (a.max_memory > 0 ? " (--max-memory)" : " (" + budget_why + ")");
  limits.flops_per_second = kAssumedFlopsPerSecond;
  if (a.max_step_seconds > 0) limits.max_step_seconds = a.max_step_seconds;
  CostEstimate cost;
  if (!estimate_config(cfg, text, &cost, &error)) {
    std::fprintf(stderr, "unroll train: %s\n", error.c_str());
    return kExitUsage;
  }
  const std::string refusal = check_resources(cfg, text, cost, limits);
  if (!refusal.empty()) {
    std::fprintf(stderr, "unroll train: %s\n", refusal.c_str());
    return kExitFailure;
  }
  const double step_s = step_seconds(cost, limits.flops_per_second, Index(cfg.i("batch")));
  if (!quiet && step_s > 10)
    std::fprintf(stderr,
                 "unroll train: one training step will take about %s (%s); --max-step-seconds refuses "
                 "such configs\n",
                 format_seconds(step_s).c_str(), format_flops(cost.flops).c_str());
  auto exp = Experiment::create(cfg, text, &error, limits);
  if (!exp) {
    std::fprintf(stderr, "unroll train: %s\n", error.c_str());
    return kExitUsage;
  }

  if (!a.load.empty()) {
    long at = 0;
    if (!resume_from_weights(*exp, loaded, &at, &error)) {
      std::fprintf(stderr, "unroll train: --load-weights: '%s': %s\n", a.load.c_str(), error.c_str());
      return kExitFailure;
    }
    if (!quiet)
      std::fprintf(stderr, "unroll train: continuing from '%s' at step %ld%s\n", a.load.c_str(), at,
                   meta.present && meta.config != cfg.to_query() ? " (with another config than the file's)" : "");
  }

  // Opened before training, so a folder that cannot take the file fails now.
  OutputFile out;
  if (!jsonl.empty() && !out.open(jsonl, &error)) {
    std::fprintf(stderr, "unroll train: --jsonl: %s\n", error.c_str());
    return kExitFailure;
  }

  OutputFile dump;
  if (!a.dump_batches.empty() && !dump.open(a.dump_batches, &error)) {
    std::fprintf(stderr, "unroll train: --dump-batches: %s\n", error.c_str());
    return kExitFailure;
  }

  const bool tty = isatty(2);
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto last_report = start;
  double loss_avg = 0, metric_avg = 0;  // mean over the last (up to) 100 steps
  std::vector<double> recent_loss, recent_metric;
  const long first = exp->steps_done();  // > 0 when continuing from a file
  for (long s = 0; s < steps; ++s) {
    // The batch this step will draw, from a copy of the data stream.
    if (dump.is_open() && !dump.write(next_batch_json(*exp) + "\n")) break;
    const bool ok = exp->step();
    const StepStats& st = exp->last();
    // A failed write (a full disk) ends the run: its result could not be kept.
    if (out.is_open() && !out.write(stats_json(st, with_dh) + "\n")) break;
    recent_loss.push_back(st.loss);
    recent_metric.push_back(st.metric);
    if (!ok) break;
    const auto now = clock::now();
    if (!quiet && (now - last_report > std::chrono::milliseconds(tty ? 100 : 2000) || s + 1 == steps)) {
      const double secs = std::chrono::duration<double>(now - start).count();
      progress(first + s + 1, first + steps, st.loss, double(s + 1) / secs, tty);
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
  if (out.is_open() && !out.commit(&error)) {
    std::fprintf(stderr, "unroll train: --jsonl: %s\n", error.c_str());
    return kExitFailure;
  }
  if (dump.is_open() && !dump.commit(&error)) {
    std::fprintf(stderr, "unroll train: --dump-batches: %s\n", error.c_str());
    return kExitFailure;
  }

  if (!a.save.empty()) {
    // A step that diverges is not applied, so the weights stay finite; if
    // they ever were not, the file would hold nulls no reader accepts.
    if (!all_finite(exp->params())) {
      std::fprintf(stderr, "unroll train: --save-weights: the weights are not finite; '%s' is unchanged\n",
                   a.save.c_str());
      return kExitFailure;
    }
    if (!write_file(a.save, experiment_weights_json(*exp), &error)) {
      std::fprintf(stderr, "unroll train: --save-weights: %s\n", error.c_str());
      return kExitFailure;
    }
  }
  const TaskInfo& info = exp->task().info();
  // Greedy decoding at the training length and at eval_T (pair models only),
  // in slices with progress (a long length can take minutes).
  auto evaluate = [&](Index length) { return evaluate_with_progress(*exp, length, eval_n, quiet, tty); };
  std::vector<EvalResult> evals;
  if (exp->net().reads_pairs()) {
    const Index T = Index(exp->config().i("T")), eT = Index(exp->config().i("eval_T"));
    evals.push_back(evaluate(T));
    if (eT > 0 && eT != T) evals.push_back(evaluate(eT));
  }
  if (!a.by_length.empty()) {
    json::Writer w;
    w.begin_object();
    w.key("by_length");
    w.begin_array();
    for (Index length : a.by_length) eval_json(w, evaluate(length));
    w.end_array();
    w.end_object();
    std::printf("%s\n", w.str().c_str());
  }
  // task=series: the config with the normalisation it used, so the
  // summary's link reproduces the run on the same file.
  Config used = exp->config();
  const auto* series_task = dynamic_cast<const SeriesTask*>(&exp->task());
  if (series_task) used.set("norm", series_task->norm_text(), nullptr);
  json::Writer w;
  w.begin_object();
  w.key("config"); w.string(used.to_query());
  w.key("steps"); w.number(double(exp->steps_done()));
  // No step, no loss: null rather than a 0 that reads like a perfect model.
  const bool trained = exp->steps_done() > first;
  const double none = std::nan("");
  w.key("final_loss"); w.number(trained ? exp->last().loss : none);
  w.key("loss_last100"); w.number(trained ? loss_avg : none);
  w.key(info.metric_name); w.number(trained ? metric_avg : none);
  w.key("chance_loss"); w.number(info.chance_loss);
  w.key("params"); w.number(double(exp->param_count()));
  w.key("seconds"); w.number(secs);
  w.key("steps_per_second"); w.number(double(exp->steps_done() - first) / secs);
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
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace unroll::cli
