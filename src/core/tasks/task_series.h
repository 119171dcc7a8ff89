// task=series: your own numeric sequences from a CSV (csv_table.h).
//
// Columns: `columns` lists the input columns by header name or 1-based
// index, comma-separated ("" = every numeric column, i.e. every column
// whose first data row is a number, except the label). `label` names one
// column to classify by ("" = next-step regression).
//
// Normalisation: every input column is standardised, z = (v - mean) / std,
// with the population mean and std of the column over all data rows, or
// with the pairs the link gives (`norm` = "mean:std,mean:std,...", one pair
// per input column, in order), so a link reproduces a run on the same file.
//
// Layout, regression (I = O = C input columns, Mse): a window of T+1
// consecutive rows r_0..r_T starting uniformly in [0, N-T-1];
// x_t = z(r_t), y_t = z(r_{t+1}), weight 1 at every step t < T.
// Draw order: one rng.below(N - T) per sequence, b = 0..B-1 (as task=text).
// Chance: persistence, "the next value is the last one" (y_t = x_t); its
// loss is the exact mean over the window stream (uniform starts) of
// mean_t mean_c (z_{t+1,c} - z_{t,c})^2, and the metric (mse) the same.
//
// Layout, classification (I = C, O = K classes, Xent): a window of T rows
// that all carry one label (windows across a change of label are never
// drawn), drawn uniformly among all such windows; x_t = z(r_t); the target
// is the window's class at the last step only (weight 1 there, 0 before).
// Draw order: one rng.below(#windows) per sequence. Classes are the label
// column's distinct values, sorted (as numbers when all are numbers).
// Chance: the most common class over the window stream (accuracy = its
// share); the loss of the best input-blind predictor is the entropy of the
// class distribution of the windows, in nats.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/tasks/task.h"

namespace unroll {

// Most classes a label column may have.
constexpr size_t kMaxSeriesClasses = 64;

struct SeriesSetup {
  Index T = 50;
  std::string columns;  // the `columns` key
  std::string label;    // the `label` key
  std::string norm;     // the `norm` key ("" = computed from the data)
};

class SeriesTask : public Task {
 public:
  // Null with *error naming the row and column on a bad file or setup:
  // any CSV error (csv_table.h), an unknown column, text, an empty cell or
  // NaN in an input column, a constant column, too few rows for T, a norm
  // that does not fit the columns, too many classes.
  static std::unique_ptr<SeriesTask> create(const std::string& csv, const SeriesSetup& setup,
                                            std::string* error);

  const TaskInfo& info() const override { return info_; }
  Index input_size() const override { return C_; }
  Index output_size() const override { return classifies() ? Index(classes_.size()) : C_; }
  LossKind loss() const override { return classifies() ? LossKind::Xent : LossKind::Mse; }
  Index seq_len() const override { return T_; }
  void sample(Rng& rng, Index B, Batch<float>& batch) const override;
  double metric(const Batch<float>& batch, const Mat<float>& out) const override;
  std::string render(const Batch<float>& batch, const Mat<float>& out, Index b) const override;

  bool classifies() const { return !classes_.empty(); }
  // The input columns as messages name them ("SUNACTIVITY", or "column 2").
  const std::vector<std::string>& column_names() const { return names_; }
  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& stddev() const { return std_; }
  // The normalisation as the `norm` key spells it (shortest exact numbers).
  std::string norm_text() const;
  Index rows() const { return N_; }
  // Row r's standardised value of input column c.
  float value(Index r, Index c) const { return z_[size_t(r * C_ + c)]; }
  // Classification: the class names and each row's class index.
  const std::vector<std::string>& classes() const { return classes_; }
  int row_class(Index r) const { return row_class_[size_t(r)]; }

 private:
  SeriesTask() = default;
  Index T_ = 0, C_ = 0, N_ = 0;
  TaskInfo info_;
  std::vector<std::string> names_, classes_;
  std::vector<double> mean_, std_;
  std::vector<float> z_;          // N x C, row-major
  std::vector<int> row_class_;    // N (classification only)
  std::vector<Index> starts_;     // classification: the windows' first rows
};

// Shortest decimal text that reads back as exactly x ("0.1", "49.752").
std::string shortest_number(double x);

}  // namespace unroll
