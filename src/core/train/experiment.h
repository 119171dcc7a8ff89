// An experiment: Task + Net + Optimizer + the training loop, built from a
// Config. This is the one object the CLI and the playground drive; it owns
// exactly one model and drives every kind through the Net interface.
//
//   sample batch -> forward -> loss -> backward (the net; chunk by chunk
//   with truncated BPTT) -> [clip -> optimizer step] at each update point,
//   with the probes measured on the way.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/train/experiment_spec.h"
#include "core/train/resources.h"

namespace unroll {

// What one training step measured (cheap enough for every step).
struct StepStats {
  long step = 0;            // 1-based count of finished steps
  double loss = 0;          // mean loss over the batch's counted positions
  double metric = 0;        // the task's metric on the same batch
  ClipResult clip;          // global gradient norm before/after clipping
  double update_ratio = 0;  // ||delta w|| / ||w||
  std::vector<double> param_grad_norm;     // per params() entry, before clipping
  std::vector<std::vector<double>> dh_norm;  // [layer][t] ||dL/dh_t|| (Net::dh_norm)
};

class Experiment {
 public:
  // Null with *error on a bad task setup (e.g. invalid text), a model that
  // cannot run the task, or a config whose estimated memory or step time is
  // over `limits` (checked before anything is allocated; resources.h).
  static std::unique_ptr<Experiment> create(const Config& cfg, const std::string& text,
                                            std::string* error, const ResourceLimits& limits = {});

  // The model, whatever its kind.
  Net& net() { return *net_; }
  const Net& net() const { return *net_; }
  ModelKind kind() const { return spec_.net.kind; }
  // Its trained parameters (weights export, norms; param_grad_norm follows this order).
  ParamList<float>& params() { return net_->params(); }
  const ParamList<float>& params() const { return net_->params(); }
  Index param_count() const { return net_->param_count(); }

  // Greedy-decoding accuracy on n fresh sequences of the same task at
  // another length (seq2seq tasks with model=seq2seq/transformer only;
  // otherwise EvalResult::error says why). Same seed -> same sequences.
  // Sequences first .. first+n-1 of that fixed stream: slices of one
  // evaluation (a page measures in bounded slices) add up to it exactly.
  EvalResult evaluate(Index length, Index n, Index first = 0);

  // One training step on a fresh batch. False (and no update applied) once
  // training has diverged; see diverged().
  //
  // The divergence rule, for every model and optimizer: the loss is not
  // finite; the gradient norm overflows (the update is not applied); the
  // weights become non-finite; or the median loss of the last
  // kDivergeSteps steps is above kDivergeFactor x max(the first step's
  // loss, the task's chance loss): it ran away and is not coming back (a
  // median, so neither a few spikes nor a few lucky batches decide).
  bool step();
  static constexpr double kDivergeFactor = 10;
  static constexpr long kDivergeSteps = 50;

  // The keys that may change while training (live_keys()); the others need
  // a new Experiment.
  void apply_live(const Config& cfg);

  const StepStats& last() const { return stats_; }
  long steps_done() const { return stats_.step; }
  bool diverged() const { return !diverged_reason_.empty(); }
  const std::string& diverged_reason() const { return diverged_reason_; }

  ProbeSnapshot probe();  // forward pass on the fixed probe sequences

  // Replace the weights with a parsed weights file's (Net::load_weights:
  // same kind, names and shapes, else false and *error). The optimizer's
  // state starts afresh and a divergence is forgotten.
  bool load_weights(const json::Value& doc, std::string* error);
  // The same from values in params()'s names and shapes (a weights link).
  bool load_values(const ParamList<float>& values, std::string* error);

  // Moves a fresh experiment (no step done yet) to `step`: the data stream
  // skips the batches steps 1..step drew and the step count goes on from
  // there, so weights saved at `step` continue exactly (the next step
  // trains on the batch it would have). The optimizer's state (momentum,
  // Adam's moments) is not in a weights file: it starts afresh. False and
  // *error if steps were already done.
  bool start_at_step(long step, std::string* error);

  // Memory and arithmetic estimated before it was built (models/cost.h).
  const CostEstimate& cost() const { return cost_; }
  const Config& config() const { return cfg_; }
  const ExperimentSpec& spec() const { return spec_; }
  const Task& task() const { return *task_; }
  // The data stream as it stands: a copy draws exactly the batch the next
  // step() will draw (batch_dump.h), without touching this one.
  const Rng& data_rng() const { return data_rng_; }

 private:
  Experiment(const Config& cfg, const ExperimentSpec& spec, std::unique_ptr<Task> task,
             std::unique_ptr<Net> net);
  bool finish_step(bool bad, const ClipResult& worst);

  Config cfg_;
  ExperimentSpec spec_;
  std::unique_ptr<Task> task_;
  std::unique_ptr<Net> net_;
  Optimizer<float> optim_;
  Rng data_rng_;
  CostEstimate cost_;
  StepStats stats_;
  double first_loss_ = 0;            // the first step's loss (the divergence rule's start)
  bool has_first_loss_ = false;      // set by the first finite step (step 1, or the one after a start_at_step)
  std::vector<double> recent_loss_;  // ring of the last kDivergeSteps losses
  std::string diverged_reason_;
};

}  // namespace unroll
