#include "core/train/experiment.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/layers/loss.h"
#include "core/rnn/bptt.h"

namespace unroll {
namespace {

// Seeds of the independent random streams of one experiment.
constexpr uint64_t kInitStream = 0x1a2b3c4d5e6f7081ULL;
constexpr uint64_t kDataStream = 0x2468ace013579bdfULL;
constexpr uint64_t kProbeStream = 0x0f1e2d3c4b5a6978ULL;
constexpr Index kProbeSequences = 4;

CellKind cell_of(const std::string& s) {
  CellKind k = CellKind::Lstm;
  parse_cell(s, &k);  // the config already validated the spelling
  return k;
}

InitKind init_of(const std::string& s) {
  if (s == "xavier") return InitKind::Xavier;
  if (s == "orthogonal") return InitKind::Orthogonal;
  if (s == "identity") return InitKind::Identity;
  return InitKind::PyTorch;
}

OptimKind optim_of(const std::string& s) {
  if (s == "sgd") return OptimKind::Sgd;
  if (s == "momentum") return OptimKind::Momentum;
  if (s == "rmsprop") return OptimKind::RmsProp;
  return OptimKind::Adam;
}

ClipKind clip_of(const std::string& s) {
  if (s == "off") return ClipKind::Off;
  if (s == "value") return ClipKind::Value;
  return ClipKind::Norm;
}

bool all_finite(const RnnStack<float>& m) {
  for (const auto& p : m.params())
    if (!p.value.allFinite()) return false;
  return true;
}

std::string fmt(double v) {
  std::ostringstream o;
  o.precision(3);
  o << v;
  return o.str();
}

}  // namespace

ExperimentSpec Experiment::spec_from(const Config& cfg, const Task& task) {
  ExperimentSpec s;
  s.model.cell = cell_of(cfg.s("arch"));
  s.model.input = task.input_size();
  s.model.hidden = cfg.i("hidden");
  s.model.layers = cfg.i("layers");
  s.model.output = task.output_size();
  s.init.kind = init_of(cfg.s("init"));
  s.init.rho = cfg.f("rho");
  s.init.forget_bias = cfg.f("fbias");
  s.optim.kind = optim_of(cfg.s("optim"));
  s.optim.lr = cfg.f("lr");
  s.optim.momentum = cfg.f("momentum");
  s.optim.weight_decay = cfg.f("wd");
  s.clip = clip_of(cfg.s("clip"));
  s.clip_at = cfg.f("clip_at");
  s.tbptt = cfg.i("tbptt");
  s.update_per_chunk = cfg.s("tbptt_update") == "chunk";
  s.batch = cfg.i("batch");
  s.seed = uint64_t(cfg.i("seed"));
  return s;
}

std::unique_ptr<Experiment> Experiment::create(const Config& cfg, const std::string& text,
                                               std::string* error) {
  std::unique_ptr<Task> task = make_task(cfg, text, error);
  if (!task) return nullptr;
  std::unique_ptr<SeqNet> net;
  if (cfg.s("model") != "rnn" && !(net = SeqNet::create(cfg, *task, error))) return nullptr;
  return std::unique_ptr<Experiment>(new Experiment(cfg, std::move(task), std::move(net)));
}

Experiment::Experiment(const Config& cfg, std::unique_ptr<Task> task, std::unique_ptr<SeqNet> net)
    : cfg_(cfg),
      task_(std::move(task)),
      net_(std::move(net)),
      spec_(spec_from(cfg, *task_)),
      model_(spec_.model),
      optim_(model_, spec_.optim),
      data_rng_(spec_.seed ^ kDataStream) {
  Rng init_rng(spec_.seed ^ kInitStream);
  initialise(model_, spec_.init, init_rng);
  optim_ = Optimizer<float>(model_, spec_.optim);
  const Index T = task_->seq_len();
  ws_.resize(spec_.model, T, spec_.batch);
  Rng probe_rng(spec_.seed ^ kProbeStream);
  task_->sample(probe_rng, kProbeSequences, probe_batch_);
  probe_ws_.resize(spec_.model, T, kProbeSequences);
  stats_.dh_norm.assign(size_t(spec_.model.layers), std::vector<double>(size_t(T), 0.0));
  stats_.param_grad_norm.assign(model_.params().size(), 0.0);
  if (net_) {
    // Same init stream, so a seed gives the same start on every platform.
    Rng net_rng(spec_.seed ^ kInitStream);
    net_->init(net_rng, spec_.init.forget_bias);
    optim_ = Optimizer<float>(net_->params(), spec_.optim);
    stats_.param_grad_norm.assign(net_->params().size(), 0.0);
    stats_.dh_norm.clear();
    if (net_->uses_pairs()) {
      Rng pair_rng(spec_.seed ^ kProbeStream ^ 1);
      static_cast<const Seq2SeqTask&>(*task_).sample_pairs(pair_rng, kProbeSequences, probe_pairs_);
    }
  }
}

void Experiment::apply_live(const Config& cfg) {
  const ExperimentSpec s = spec_from(cfg, *task_);
  spec_.optim = s.optim;
  spec_.clip = s.clip;
  spec_.clip_at = s.clip_at;
  optim_.set_spec(spec_.optim);
  for (const char* k : {"lr", "momentum", "wd", "clip", "clip_at"}) {
    ConfigError e;
    cfg_.set(k, cfg.s(k), &e);
  }
}

bool Experiment::step_net() {
  stats_.loss = net_->train_grads(*task_, data_rng_, spec_.batch, &stats_.metric, &stats_.dh_norm);
  auto& ps = net_->params();
  for (size_t p = 0; p < ps.size(); ++p) stats_.param_grad_norm[p] = double(ps[p].grad.norm());
  const ClipResult c = clip_gradients(ps, spec_.clip, spec_.clip_at);
  const bool bad = !std::isfinite(c.norm_before);
  stats_.update_ratio = bad ? 0.0 : optim_.step(ps);
  return finish_step(bad, c);
}

EvalResult Experiment::evaluate(Index length, Index n) {
  EvalResult r;
  r.length = length;
  const auto* st = dynamic_cast<const Seq2SeqTask*>(task_.get());
  if (!net_ || !st || !net_->uses_pairs()) {
    r.error = "evaluation at another length needs task=reverse, repeat, sort or addition with "
              "model=seq2seq or model=transformer";
    return r;
  }
  std::string error;
  auto t = Seq2SeqTask::create(st->kind(), length, &error);
  if (!t) {
    r.error = error;
    return r;
  }
  Rng rng(spec_.seed ^ kProbeStream ^ uint64_t(length));
  return net_->evaluate(*t, rng, n);
}

bool Experiment::step() {
  if (diverged()) return false;
  if (net_) return step_net();
  task_->sample(data_rng_, spec_.batch, batch_);
  const Index T = batch_.T;
  const Index k = spec_.tbptt > 0 ? std::min(spec_.tbptt, T) : T;
  const double n_total = batch_.counted();
  model_.zero_grad();
  ws_.reset_state();
  double loss_sum = 0;
  ClipResult worst;
  double ratio = 0;
  bool bad = false;

  // Chunks of k steps carry the state forward; no gradient crosses a chunk
  // boundary. With one update per batch the weights do not change between
  // chunks, so the gradients simply add up (k >= T is full BPTT exactly).
  for (Index t0 = 0; t0 < T && !bad; t0 += k) {
    const Index t1 = std::min(T, t0 + k);
    double n = n_total;
    if (spec_.update_per_chunk) {
      n = 0;
      for (Index j = t0 * batch_.B; j < t1 * batch_.B; ++j) n += batch_.weight[size_t(j)];
    }
    forward_chunk<float>(model_, batch_.x, t0, t1, ws_);
    loss_sum += loss_chunk(batch_, ws_.out, t0, t1, n > 0 ? 1.0 / n : 0.0, ws_.dout);
    backward_chunk<float>(model_, batch_.x, t0, t1, ws_);
    if (spec_.update_per_chunk || t1 == T) {
      if (spec_.update_per_chunk && n == 0) continue;  // nothing counted here
      for (size_t p = 0; p < model_.params().size(); ++p)
        stats_.param_grad_norm[p] = double(model_.params()[p].grad.norm());
      const ClipResult c = clip_gradients(model_, spec_.clip, spec_.clip_at);
      if (!std::isfinite(c.norm_before)) {
        bad = true;
        worst = c;
        break;
      }
      if (c.norm_before >= worst.norm_before) {
        worst.norm_before = c.norm_before;
      }
      worst.norm_after = std::max(worst.norm_after, c.norm_after);
      worst.clipped = worst.clipped || c.clipped;
      ratio = optim_.step(model_);
      model_.zero_grad();
    }
  }
  stats_.step += 1;
  stats_.loss = n_total > 0 ? loss_sum / n_total : 0.0;
  stats_.clip = worst;
  stats_.update_ratio = ratio;
  for (size_t l = 0; l < ws_.layers.size(); ++l) stats_.dh_norm[l] = ws_.layers[l].dh_norm;
  stats_.metric = task_->metric(batch_, ws_.out);
  return finish_step(bad, worst);
}

bool Experiment::finish_step(bool bad, const ClipResult& worst) {
  if (net_) {
    stats_.step += 1;
    stats_.clip = worst;
  }
  const std::string at = " at step " + std::to_string(stats_.step);
  if (!std::isfinite(stats_.loss)) {
    diverged_reason_ = "The loss became " + std::string(std::isnan(stats_.loss) ? "NaN" : "infinite") +
                       at + ". Try a smaller learning rate, a smaller rho, or gradient clipping.";
  } else if (bad) {
    diverged_reason_ = "The gradient norm overflowed" + at +
                       " (the gradient exploded through time). The update was not applied. "
                       "Turn on clipping by norm, or lower rho or the learning rate.";
  } else if (net_ ? !std::all_of(net_->params().begin(), net_->params().end(),
                                  [](const Param<float>& p) { return p.value.allFinite(); })
                  : !all_finite(model_)) {
    diverged_reason_ = "The weights became NaN/infinite" + at + " (last gradient norm " +
                       fmt(worst.norm_before) + ", learning rate " + fmt(spec_.optim.lr) +
                       "). Lower the learning rate or turn on clipping.";
  }
  return !diverged();
}

bool Experiment::load_weights(const RnnStack<float>& m, std::string* error) {
  if (net_) {
    *error = "this file holds a recurrent model (model=rnn), but this experiment is model=" +
             cfg_.s("model") + ". Change the experiment to model=rnn to load it.";
    return false;
  }
  const RnnSpec& a = m.spec();
  const RnnSpec& b = model_.spec();
  auto desc = [](const RnnSpec& s) {
    return std::string(cell_name(s.cell)) + " with input " + std::to_string(s.input) + ", hidden " +
           std::to_string(s.hidden) + ", " + std::to_string(s.layers) + " layer(s), output " +
           std::to_string(s.output);
  };
  if (a.cell != b.cell || a.input != b.input || a.hidden != b.hidden || a.layers != b.layers ||
      a.output != b.output) {
    *error = "the file holds " + desc(a) + ", but this experiment is " + desc(b) +
             ". Change the experiment to match (and reset), or pick another file.";
    return false;
  }
  for (size_t k = 0; k < model_.params().size(); ++k)
    model_.params()[k].value = m.params()[k].value;
  optim_ = Optimizer<float>(model_, spec_.optim);
  diverged_reason_.clear();
  return true;
}

ProbeSnapshot Experiment::probe() {
  ProbeSnapshot s;
  if (net_) {
    net_->probe(*task_, probe_batch_, probe_pairs_, &s.out, &s.metric, &s.rendered, &s.attn);
    s.B = kProbeSequences;
    s.T = s.out.cols() / s.B;
    s.batch = net_->uses_pairs() ? probe_pairs_.dec : probe_batch_;
    return s;
  }
  forward<float>(model_, probe_batch_.x, probe_ws_);
  s.T = probe_batch_.T;
  s.B = probe_batch_.B;
  const Index n = s.T * s.B;
  for (const auto& c : probe_ws_.layers) {
    s.gates.push_back(c.act);
    s.hidden.push_back(c.h.rightCols(n));
    if (c.c.size()) s.cell.push_back(c.c.rightCols(n));
  }
  s.out = probe_ws_.out;
  s.metric = task_->metric(probe_batch_, s.out);
  for (Index b = 0; b < s.B; ++b) s.rendered.push_back(task_->render(probe_batch_, s.out, b));
  s.batch = probe_batch_;  // the task view draws inputs/targets in its own terms
  return s;
}

}  // namespace unroll
