// An experiment: Task + Model + Optimizer + the training loop, built from a
// Config. This is the one object the CLI and the playground drive.
//
//   sample batch -> forward (chunk by chunk) -> loss -> BPTT (full or
//   truncated) -> clip -> optimizer step, with the probes measured on the way.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/train/clip.h"
#include "core/config/config.h"
#include "core/rnn/init.h"
#include "core/train/optimizer.h"
#include "core/models/seq_net.h"
#include "core/tasks/task.h"
#include "core/rnn/workspace.h"

namespace unroll {

// What one training step measured (cheap enough for every step).
struct StepStats {
  long step = 0;            // 1-based count of finished steps
  double loss = 0;          // mean loss over the batch's counted positions
  double metric = 0;        // the task's metric on the same batch
  ClipResult clip;          // global gradient norm before/after clipping
  double update_ratio = 0;  // ||delta w|| / ||w||
  std::vector<double> param_grad_norm;     // per params() entry, before clipping
  std::vector<std::vector<double>> dh_norm;  // [layer][t] ||dL/dh_t||
};

// What the cell does on the fixed probe sequences (for the heatmaps).
struct ProbeSnapshot {
  Index T = 0, B = 0;
  // per layer: [i;f;g;o] (LSTM), [r;z;n] (GRU) or h (Elman)   gH x T*B
  std::vector<Mat<float>> gates;
  std::vector<Mat<float>> hidden;  // per layer: h_t           H x T*B
  std::vector<Mat<float>> cell;    // per layer (LSTM): c_t    H x T*B
  Mat<float> out;                  // head outputs             O x T*B
  double metric = 0;
  std::vector<std::string> rendered;  // task view of each probe sequence
  Batch<float> batch;  // the probe inputs/targets (pairs: the decoder side)
  // model=seq2seq / transformer: attention weights and positional
  // encodings of probe sequence 0 (seq_net.h); empty for model=rnn.
  AttentionProbe attn;
};

struct ExperimentSpec {
  RnnSpec model;
  InitSpec init;
  OptimSpec optim;
  ClipKind clip = ClipKind::Norm;
  double clip_at = 1;
  Index tbptt = 0;           // 0 = full BPTT
  bool update_per_chunk = false;
  Index batch = 32;
  uint64_t seed = 1;
};

class Experiment {
 public:
  // Null with *error on a bad task setup (e.g. invalid text).
  static std::unique_ptr<Experiment> create(const Config& cfg, const std::string& text,
                                            std::string* error);

  // model=rnn runs the recurrent Model below (model()); model=seq2seq and
  // model=transformer run a SeqNet (net()), and model() is then unused.
  bool recurrent() const { return !net_; }
  SeqNet* net() { return net_.get(); }
  // The trained parameters of whichever model runs (weights export, norms;
  // param_grad_norm follows this order).
  std::vector<Param<float>>& params() { return net_ ? net_->params() : model_.params(); }
  const std::vector<Param<float>>& params() const {
    return net_ ? net_->params() : model_.params();
  }
  Index param_count() const { return net_ ? net_->param_count() : model_.param_count(); }

  // Greedy-decoding accuracy on n fresh sequences of the same task at
  // another length (seq2seq tasks with model=seq2seq/transformer only;
  // otherwise EvalResult::error says why). Same seed -> same sequences.
  EvalResult evaluate(Index length, Index n);

  // One training step on a fresh batch. False (and no update applied) once
  // training has diverged; see diverged().
  bool step();

  // Keys that may change while training (lr, momentum, wd, clip, clip_at);
  // the others need a new Experiment.
  void apply_live(const Config& cfg);

  const StepStats& last() const { return stats_; }
  long steps_done() const { return stats_.step; }
  bool diverged() const { return !diverged_reason_.empty(); }
  const std::string& diverged_reason() const { return diverged_reason_; }

  ProbeSnapshot probe();  // forward pass on the fixed probe batch

  // Replace the weights (e.g. from a file). The architecture and sizes must
  // match this experiment's; the optimizer's state starts afresh.
  bool load_weights(const RnnStack<float>& m, std::string* error);

  const Config& config() const { return cfg_; }
  const ExperimentSpec& spec() const { return spec_; }
  const Task& task() const { return *task_; }
  RnnStack<float>& model() { return model_; }
  const RnnStack<float>& model() const { return model_; }
  const Batch<float>& batch() const { return batch_; }
  const RnnWorkspace<float>& workspace() const { return ws_; }

  static ExperimentSpec spec_from(const Config& cfg, const Task& task);

 private:
  Experiment(const Config& cfg, std::unique_ptr<Task> task, std::unique_ptr<SeqNet> net);
  bool step_net();
  bool finish_step(bool bad, const ClipResult& worst);
  void update(double norm_scale);
  bool check_finite_after_update();

  Config cfg_;
  std::unique_ptr<Task> task_;
  std::unique_ptr<SeqNet> net_;  // null for model=rnn
  PairBatch probe_pairs_;
  ExperimentSpec spec_;
  RnnStack<float> model_;
  Optimizer<float> optim_;
  Rng data_rng_;
  Batch<float> batch_, probe_batch_;
  RnnWorkspace<float> ws_, probe_ws_;
  StepStats stats_;
  std::string diverged_reason_;
};

}  // namespace unroll
