// What training measured over time, kept for the plots: one entry per step
// for the scalar series, and a decimated column series of ||dL/dh_t|| (the
// gradient-flow heatmap: x = training step, y = timestep t).
#pragma once
#include <cstdint>
#include <vector>

#include "core/train/experiment.h"

namespace unroll {

class History {
 public:
  // Heatmap columns kept at most; when full, every other column is dropped
  // and the sampling stride doubles, so the whole run stays visible.
  static constexpr size_t kMaxColumns = 512;
  // Scalar series kept at most (about 10 MB); past it they decimate too.
  static constexpr size_t kMaxPoints = 400000;
  // Bytes the history of a run over T steps can grow to (both limits reached).
  static double max_bytes(Index T) {
    return double(kMaxPoints) * (6 * sizeof(double) + 1) + double(kMaxColumns) * double(T) * sizeof(float);
  }

  void clear();
  // Records what this step's stats add (both series decimate as they fill).
  // Returns what was kept: a copy of the history elsewhere (the page's copy
  // of a worker's run) that is given only the kept steps, with only the top
  // layer's dh_norm where it was kept, ends up identical.
  struct Kept {
    bool row = false, dh = false;
    bool any() const { return row || dh; }
  };
  Kept add(const StepStats& s);

  // Per recorded step (x = step number).
  std::vector<double> step, loss, metric, grad_norm, applied_norm, update_ratio;
  bool operator==(const History& o) const;
  std::vector<uint8_t> clipped;
  // Gradient flow of the TOP layer: dh_columns[k][t] = ||dL/dh_t|| at
  // training step dh_steps[k].
  std::vector<std::vector<float>> dh_columns;
  std::vector<long> dh_steps;

  long stride() const { return stride_; }
  long dh_stride() const { return dh_stride_; }

 private:
  long stride_ = 1, dh_stride_ = 1;
};

// Exponential moving average of a series (for the smoothed loss curve);
// alpha in [0, 1): 0 = no smoothing.
std::vector<double> smooth(const std::vector<double>& v, double alpha);

}  // namespace unroll
