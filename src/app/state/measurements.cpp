#include "app/state/measurements.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "app/state/i18n.h"
#include "app/state/session.h"
#include "core/train/length_eval.h"
#include "engine/protocol.h"

namespace unroll::app {
namespace {

// printf into a std::string (formats come from tr(), so their length varies);
// a format may use only the first argument.
std::string printf_string(const char* format, const std::string& a, const std::string& b) {
  std::vector<char> buf(std::strlen(format) + a.size() + b.size() + 1);
  std::snprintf(buf.data(), buf.size(), format, a.c_str(), b.c_str());
  return buf.data();
}

// A short name for a run's model, e.g. "seq2seq GRU + bahdanau", "Transformer",
// in the language of the moment it is measured.
}  // namespace

std::string model_label(const Config& c) {
  const NetSpec n = resolve_spec(c).net;
  std::string arch = cell_name(n.cell);
  for (auto& ch : arch) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  const std::string hidden = std::to_string(n.hidden);
  switch (n.kind) {
    case ModelKind::Transformer:
      return printf_string(n.heads == 1 ? tr("Transformer d=%s, %s head") : tr("Transformer d=%s, %s heads"),
                           std::to_string(n.d_model), std::to_string(n.heads));
    case ModelKind::EncoderDecoder:
      if (n.attn == AttnKind::None) return printf_string(tr("enc-dec %s H=%s"), arch, hidden);
      return printf_string(tr("seq2seq %s + %s attention"), arch,
                           n.attn == AttnKind::Bahdanau ? "bahdanau" : "luong");
    case ModelKind::Recurrent: break;
  }
  return printf_string(tr("RNN %s H=%s"), arch, hidden);
}

namespace {

// Lengths 1 .. max(2T, eval_T) (at most 64), about a dozen of them.
std::vector<Index> eval_lengths(const Config& c) {
  const Index T = Index(c.i("T"));
  const Index top = std::clamp<Index>(std::max<Index>(2 * T, Index(c.i("eval_T"))), 4, 64);
  std::vector<Index> out;
  constexpr int kPoints = 12;
  for (int k = 0; k < kPoints; ++k) {
    const Index L = std::max<Index>(1, Index(std::lround(1 + double(top - 1) * k / (kPoints - 1))));
    if (out.empty() || L != out.back()) out.push_back(L);
  }
  if (std::find(out.begin(), out.end(), T) == out.end() && T <= top) {
    out.push_back(T);
    std::sort(out.begin(), out.end());
  }
  return out;
}

}  // namespace

void Measurements::start_length(const Session& s) {
  LengthJob& j = length_;
  const int sequences = j.sequences;
  const bool token = j.token_metric;
  j = LengthJob();
  j.sequences = sequences;
  j.token_metric = token;
  j.lengths = eval_lengths(s.running_config());
  j.trained_T = double(s.running_config().i("T"));
  for (size_t r = 0; r < s.runs().size(); ++r) {
    const Run& run = s.runs()[r];
    j.builds.push_back(run.build_id);
    Curve c;
    c.label = run.label.empty() ? model_label(run.config) : run.label;
    c.run = int(r);
    if (!run.ok()) c.error = tr("this run could not be built");
    j.curves.push_back(c);
  }
  j.running = true;
}

// The next (run, length, slice) item is sent to that run's engine once the
// one before has come back: one slice in flight, so a Stop takes effect
// after at most one slice and the page never queues a long backlog.
void Measurements::advance_length(Session& s) {
  LengthJob& j = length_;
  while (j.running && j.waiting == 0 && j.next < j.total()) {
    const size_t per_run = j.lengths.size() * j.slices();
    const size_t r = j.next / per_run, li = (j.next % per_run) / j.slices(), slice = j.next % j.slices();
    if (r >= s.runs().size() || s.runs()[r].build_id != j.builds[r]) {
      j.note = tr("Stopped: the runs were rebuilt while measuring. Press Measure again.");
      j.running = false;
      return;
    }
    if (!s.runs()[r].ok() || !j.curves[r].error.empty()) {
      j.next = (r + 1) * per_run;  // nothing to measure for this run
      continue;
    }
    // Sequences [first, first + n) of this length's fixed evaluation stream.
    const Index first = Index(slice) * LengthJob::kSlice;
    const Index n = std::min<Index>(LengthJob::kSlice, j.sequences - first);
    j.waiting = s.next_job_id();
    j.waiting_run = r;
    s.send(r, engine::cmd_evaluate(j.waiting, j.lengths[li], n, first));
  }
  if (j.next >= j.total() && j.waiting == 0) j.running = false;
}

bool Measurements::on_length_result(size_t run, const engine::JobResult& res) {
  LengthJob& j = length_;
  if (res.id != j.waiting || run != j.waiting_run) return false;
  j.waiting = 0;
  if (!j.running) return true;  // stopped meanwhile
  const size_t per_run = j.lengths.size() * j.slices();
  const size_t r = j.next / per_run, slice = j.next % j.slices();
  ++j.next;
  Curve& c = j.curves[r];
  const EvalResult& e = res.eval;
  if (!e.error.empty()) {
    c.error = e.error;
    j.next = (r + 1) * per_run;
    return true;
  }
  const Index first = Index(slice) * LengthJob::kSlice;
  const Index n = std::min<Index>(LengthJob::kSlice, j.sequences - first);
  if (slice == 0) j.tok = j.seq = 0;
  j.tok += e.token_accuracy * double(n);
  j.seq += e.sequence_accuracy * double(n);
  if (slice + 1 == j.slices()) {
    c.x.push_back(double(e.length));
    c.y.push_back(j.seq / double(j.sequences));
    c.y2.push_back(j.tok / double(j.sequences));
    if (double(e.length) == j.trained_T && r == 0) j.chance = e.chance_sequence;
  }
  return true;
}

// ---- sequential vs parallel --------------------------------------------------
// The recurrent model and the Transformer timed on the current task: same
// task, batch and seed; the recurrent one is the run's encoder-decoder
// (seq2seq tasks) or a plain RNN, of the run's cell and hidden size.
namespace {

std::vector<Config> timing_configs(const Config& base, bool seq2seq_task) {
  Config rec = base, tf = base;
  ConfigError e;
  rec.set("model", seq2seq_task ? "seq2seq" : "rnn", &e);
  rec.set("attn", "none", &e);
  tf.set("model", "transformer", &e);
  return {rec, tf};
}

}  // namespace

void Measurements::start_time(const Session& s) {
  TimeJob& j = time_;
  const int steps = j.steps;
  j = TimeJob();
  j.steps = steps;
  const Config& base = s.running_config();
  const bool seq_task = is_pair_task(s.running_spec().task.kind);
  j.lengths = seq_task ? std::vector<Index>{2, 4, 8, 12, 16, 24, 32, 48}
                       : std::vector<Index>{8, 16, 32, 64, 96, 128};
  j.configs = timing_configs(base, seq_task);
  for (size_t m = 0; m < j.configs.size(); ++m) {
    Curve c;
    c.label = m == 0 ? printf_string(tr("recurrent: %s"), model_label(j.configs[m]), "") : model_label(j.configs[m]);
    c.run = m == 0 ? 1 : 2;
    j.curves.push_back(c);
  }
  j.build = s.main().build_id;
  j.running = true;
}

// One item at a time, in the main run's engine (a worker times on its own
// core): an untimed warm-up per model first, then (length, model) points.
void Measurements::advance_time(Session& s) {
  TimeJob& j = time_;
  if (!j.running || j.waiting != 0) return;
  if (j.next >= j.total()) {
    j.running = false;
    return;
  }
  if (!s.main().ok() || s.main().build_id != j.build) {
    j.note = tr("Stopped: the runs were rebuilt while measuring. Press Measure again.");
    j.running = false;
    return;
  }
  const size_t models = j.configs.size(), i = j.next;
  const size_t m = i < models ? i : (i - models) % models;
  const Index T = i < models ? j.lengths.front() : j.lengths[(i - models) / models];
  j.waiting = s.next_job_id();
  s.send(0, engine::cmd_time(j.waiting, j.configs[m], T, i < models ? 1 : j.steps));
}

bool Measurements::on_time_result(const engine::JobResult& res) {
  TimeJob& j = time_;
  if (res.id != j.waiting) return false;
  j.waiting = 0;
  if (!j.running) return true;
  const size_t models = j.configs.size(), i = j.next++;
  if (i < models) return true;  // warm-up, discarded
  Curve& c = j.curves[(i - models) % models];
  const StepTime& st = res.time;
  if (!st.error.empty()) {
    if (c.error.empty()) c.error = "T=" + std::to_string(st.T) + ": " + st.error;
  } else {
    c.x.push_back(double(st.T));
    c.y.push_back(st.seconds_per_step * 1000.0);
  }
  if (j.next >= j.total()) j.running = false;
  return true;
}

void Measurements::advance(Session& s) {
  advance_length(s);
  advance_time(s);
}

bool Measurements::on_result(size_t run, const engine::JobResult& res) {
  if (res.kind == engine::JobResult::Kind::Evaluate) return on_length_result(run, res);
  if (res.kind == engine::JobResult::Kind::Time) return on_time_result(res);
  return false;
}

void Measurements::write_result(json::Writer& w, int which) const {
  const bool running = which == 0 ? length_.running : time_.running;
  const size_t done = which == 0 ? length_.next : time_.next;
  const size_t total = which == 0 ? length_.total() : time_.total();
  const std::vector<Curve>& curves = which == 0 ? length_.curves : time_.curves;
  w.begin_object();
  w.key("running"); w.boolean(running);
  w.key("done"); w.number(double(done));
  w.key("total"); w.number(double(total));
  w.key("curves");
  w.begin_array();
  for (const Curve& c : curves) {
    w.begin_object();
    w.key("label"); w.string(c.label);
    w.key("x");
    w.begin_array();
    for (double v : c.x) w.number(v);
    w.end_array();
    w.key("y");
    w.begin_array();
    for (double v : c.y) w.number(v);
    w.end_array();
    w.key("error"); w.string(c.error);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace unroll::app
