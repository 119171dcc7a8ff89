// A sequence task: a seeded generator of batches, a metric and its chance
// baseline. Tasks only make data; they know nothing about models.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/tensor/batch.h"
#include "core/tensor/rng.h"

namespace unroll {


struct TaskInfo {
  std::string name;          // the `task` key value, e.g. "adding"
  std::string description;   // one line for the UI and --help
  std::string metric_name;   // e.g. "accuracy", "mse", "long-range accuracy"
  bool metric_higher_is_better = true;
  double chance_metric = 0;  // metric of the best input-blind predictor
  double chance_loss = 0;    // loss of the best input-blind predictor
};

class Task {
 public:
  virtual ~Task() = default;
  virtual const TaskInfo& info() const = 0;
  virtual Index input_size() const = 0;   // I
  virtual Index output_size() const = 0;  // O (classes for Xent)
  virtual LossKind loss() const = 0;
  virtual Index seq_len() const = 0;      // T of every generated sequence
  // Vocabulary for token tasks (symbol i <-> class i); empty for real-valued.
  virtual const std::vector<std::string>& vocab() const;

  // Fill `batch` (resized here) with B fresh sequences drawn from rng.
  // Same rng state -> same batch, on every platform.
  virtual void sample(Rng& rng, Index B, Batch<float>& batch) const = 0;

  // The task metric of model outputs `out` (O x T*B: values for Mse,
  // logits for Xent) on `batch`.
  virtual double metric(const Batch<float>& batch, const Mat<float>& out) const = 0;

  // Sequence b of the batch in the task's own terms, for the task view:
  // input, target and the model's prediction, a few short lines.
  virtual std::string render(const Batch<float>& batch, const Mat<float>& out,
                             Index b) const = 0;
};

}  // namespace unroll
