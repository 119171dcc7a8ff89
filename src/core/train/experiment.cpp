#include "core/train/experiment.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/tasks/seq2seq_task.h"

namespace unroll {
namespace {

// Seeds of the independent random streams of one experiment.
constexpr uint64_t kInitStream = 0x1a2b3c4d5e6f7081ULL;
constexpr uint64_t kDataStream = 0x2468ace013579bdfULL;
constexpr uint64_t kProbeStream = 0x0f1e2d3c4b5a6978ULL;

std::string fmt(double v) {
  std::ostringstream o;
  o.precision(3);
  o << v;
  return o.str();
}

}  // namespace

std::unique_ptr<Experiment> Experiment::create(const Config& cfg, const std::string& text,
                                               std::string* error, const ResourceLimits& limits) {
  const ExperimentSpec spec = resolve_spec(cfg);
  std::unique_ptr<Task> task = make_task(spec.task, text, error);
  if (!task) return nullptr;
  const CostEstimate cost = estimate_cost(spec.net, task_shape(*task, spec.net.eval_T), spec.batch);
  const std::string refusal = check_resources(cfg, text, cost, limits);
  if (!refusal.empty()) {
    *error = refusal;
    return nullptr;
  }
  std::unique_ptr<Net> net = make_net(spec.net, *task, error);
  if (!net) return nullptr;
  std::unique_ptr<Experiment> e(new Experiment(cfg, spec, std::move(task), std::move(net)));
  e->cost_ = cost;
  return e;
}

Experiment::Experiment(const Config& cfg, const ExperimentSpec& spec, std::unique_ptr<Task> task,
                       std::unique_ptr<Net> net)
    : cfg_(cfg),
      spec_(spec),
      task_(std::move(task)),
      net_(std::move(net)),
      optim_(net_->params(), spec.optim),
      data_rng_(spec.seed ^ kDataStream) {
  Rng init_rng(spec_.seed ^ kInitStream);
  net_->init(init_rng);
  net_->prepare_probe(*task_, spec_.seed ^ kProbeStream, kProbeSequences);
  stats_.dh_norm = net_->dh_norm();
  stats_.param_grad_norm.assign(net_->params().size(), 0.0);
}

void Experiment::apply_live(const Config& cfg) {
  // Only the live keys: the optimizer's kind (and every other key) waits
  // for a new Experiment.
  const ExperimentSpec s = resolve_spec(cfg);
  spec_.optim.lr = s.optim.lr;
  spec_.optim.momentum = s.optim.momentum;
  spec_.optim.weight_decay = s.optim.weight_decay;
  spec_.clip = s.clip;
  spec_.clip_at = s.clip_at;
  optim_.set_spec(spec_.optim);
  for (const std::string& k : live_keys()) {
    ConfigError e;
    cfg_.set(k, cfg.s(k), &e);
  }
}

EvalResult Experiment::evaluate(Index length, Index n, Index first) {
  Rng rng(spec_.seed ^ kProbeStream ^ uint64_t(length));
  return net_->evaluate(*task_, length, n, rng, first);
}

bool Experiment::step() {
  if (diverged()) return false;
  ParamList<float>& ps = net_->params();
  ClipResult worst;
  double ratio = 0;
  bool bad = false;
  // At each update point: per-tensor norms, clipping, then the optimizer.
  const UpdateHook update = [&] {
    for (size_t p = 0; p < ps.size(); ++p) stats_.param_grad_norm[p] = double(ps[p].grad.norm());
    const ClipResult c = clip_gradients(ps, spec_.clip, spec_.clip_at);
    if (!std::isfinite(c.norm_before)) {
      bad = true;
      worst = c;
      return false;
    }
    worst.norm_before = std::max(worst.norm_before, c.norm_before);
    worst.norm_after = std::max(worst.norm_after, c.norm_after);
    worst.clipped = worst.clipped || c.clipped;
    ratio = optim_.step(ps);
    return true;
  };
  stats_.loss = net_->train_batch(*task_, data_rng_, spec_.batch, update, &stats_.metric);
  stats_.step += 1;
  stats_.clip = worst;
  stats_.update_ratio = ratio;
  stats_.dh_norm = net_->dh_norm();
  return finish_step(bad, worst);
}

bool Experiment::finish_step(bool bad, const ClipResult& worst) {
  const std::string at = " at step " + std::to_string(stats_.step);
  const auto& ps = net_->params();
  if (!std::isfinite(stats_.loss)) {
    diverged_reason_ = "The loss became " + std::string(std::isnan(stats_.loss) ? "NaN" : "infinite") +
                       at + ". Try a smaller learning rate, a smaller rho, or gradient clipping.";
  } else if (bad) {
    diverged_reason_ = "The gradient norm overflowed" + at +
                       " (the gradient exploded through time). The update was not applied. "
                       "Turn on clipping by norm, or lower rho or the learning rate.";
  } else if (!std::all_of(ps.begin(), ps.end(),
                          [](const Param<float>& p) { return p.value.allFinite(); })) {
    diverged_reason_ = "The weights became NaN/infinite" + at + " (last gradient norm " +
                       fmt(worst.norm_before) + ", learning rate " + fmt(spec_.optim.lr) +
                       "). Lower the learning rate or turn on clipping.";
  } else {
    if (!has_first_loss_) first_loss_ = stats_.loss;
    has_first_loss_ = true;
    if (recent_loss_.size() < size_t(kDivergeSteps)) recent_loss_.push_back(stats_.loss);
    else recent_loss_[size_t(stats_.step % kDivergeSteps)] = stats_.loss;
    const double line = kDivergeFactor * std::max(first_loss_, task_->info().chance_loss);
    if (recent_loss_.size() == size_t(kDivergeSteps)) {
      std::vector<double> v = recent_loss_;
      std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
      const double median = v[v.size() / 2];
      if (median > line)
        diverged_reason_ = "The loss ran away: its median over the last " + std::to_string(kDivergeSteps) +
                           " steps is " + fmt(median) + at + ", above " + fmt(line) + " (" +
                           fmt(kDivergeFactor) + "x the larger of its first value, " + fmt(first_loss_) +
                           ", and the chance loss, " + fmt(task_->info().chance_loss) +
                           "). Lower the learning rate (now " + fmt(spec_.optim.lr) + ") or turn on clipping.";
    }
  }
  return !diverged();
}

bool Experiment::load_weights(const json::Value& doc, std::string* error) {
  if (!net_->load_weights(doc, error)) return false;
  optim_ = Optimizer<float>(net_->params(), spec_.optim);
  diverged_reason_.clear();
  recent_loss_.clear();
  return true;
}

bool Experiment::load_values(const ParamList<float>& values, std::string* error) {
  if (!net_->load_values(values, error)) return false;
  optim_ = Optimizer<float>(net_->params(), spec_.optim);
  diverged_reason_.clear();
  recent_loss_.clear();
  return true;
}

bool Experiment::start_at_step(long step, std::string* error) {
  if (stats_.step != 0) {
    *error = "this run has already trained " + std::to_string(stats_.step) +
             " step(s); a saved step can only start a fresh run";
    return false;
  }
  // Every step draws exactly one batch (Net::train_batch samples first),
  // pairs when the net reads pairs: draw and drop as many.
  PairBatch pairs;
  Batch<float> stream;
  const bool pair_model = net_->reads_pairs();
  for (long s = 0; s < step; ++s) {
    if (pair_model) static_cast<const Seq2SeqTask&>(*task_).sample_pairs(data_rng_, spec_.batch, pairs);
    else task_->sample(data_rng_, spec_.batch, stream);
  }
  stats_.step = step;
  return true;
}

ProbeSnapshot Experiment::probe() {
  ProbeSnapshot s = net_->probe(*task_);
  for (const Param<float>& p : net_->params())
    if (p.name.find("weight_hh") != std::string::npos) s.recurrent_weights.emplace_back(p.name, p.value);
  return s;
}

}  // namespace unroll
