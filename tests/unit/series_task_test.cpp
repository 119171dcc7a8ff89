// task=series: columns, every bad file named by row and column, the
// normalisation (and its round trip through norm=), the windows and the
// baselines (persistence; the most common class).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/tasks/csv_table.h"
#include "core/tasks/task_series.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::unique_ptr<SeriesTask> make(const std::string& csv, Index T, const std::string& columns = "",
                                 const std::string& label = "", const std::string& norm = "") {
  std::string error;
  auto t = SeriesTask::create(csv, {T, columns, label, norm}, &error);
  EXPECT_TRUE(t) << error;
  return t;
}

std::string refusal(const std::string& csv, Index T, const std::string& columns = "",
                    const std::string& label = "", const std::string& norm = "") {
  std::string error;
  EXPECT_FALSE(SeriesTask::create(csv, {T, columns, label, norm}, &error)) << csv.substr(0, 40);
  return error;
}

// year, a and b: b = a^2, a the row index; and a label in blocks of 4.
std::string table(int rows) {
  std::string s = "year,a,b,kind\n";
  for (int r = 0; r < rows; ++r)
    s += std::to_string(1900 + r) + "," + std::to_string(r) + "," + std::to_string(r * r) + "," +
         ((r / 4) % 2 ? "up" : "down") + "\n";
  return s;
}

// ---- bad files: the message names the row and the column --------------------

TEST(SeriesTask, TextInANumericColumnNamesRowAndColumn) {
  const std::string e = refusal("t,v\n1,2\n2,3\n3,abc\n4,5\n", 2);
  EXPECT_TRUE(contains(e, "row 4, column 2 (v): 'abc' is text in a numeric column")) << e;
}

TEST(SeriesTask, NanNaAndEmptyCellsNameRowAndColumn) {
  EXPECT_TRUE(contains(refusal("v\n1\n2\nNaN\n4\n", 2), "row 4, column 1 (v): 'NaN' is not a finite number"));
  EXPECT_TRUE(contains(refusal("1,2\n3,NA\n5,6\n7,8\n", 2), "row 2, column 2: 'NA' is not a finite number"));
  EXPECT_TRUE(contains(refusal("a,b\n1,2\n3,\n5,6\n", 1), "row 3, column 2 (b): the cell is empty"));
}

TEST(SeriesTask, RaggedRowsAndTooLargeFilesAreTheReadersMessages) {
  EXPECT_TRUE(contains(refusal("a,b\n1,2\n3\n", 1), "row 3 has 1 field(s) but row 1 has 2"));
  EXPECT_TRUE(contains(refusal(std::string(kMaxCsvBytes + 1, '7'), 1), "at most 2097152 bytes"));
}

TEST(SeriesTask, TooFewRowsForT) {
  const std::string e = refusal("v\n1\n2\n3\n4\n5\n", 5);
  EXPECT_TRUE(contains(e, "the CSV has 5 data rows; T=5 needs at least T+1 = 6")) << e;
  EXPECT_TRUE(make("v\n1\n2\n3\n4\n5\n", 4));
}

TEST(SeriesTask, NoDataHeaderOnlyAndConstantColumns) {
  EXPECT_TRUE(contains(refusal("", 5), "task=series needs your data"));
  EXPECT_TRUE(contains(refusal("a,b\n", 5), "no data rows"));
  EXPECT_TRUE(contains(refusal("a,b\n1,7\n2,7\n3,7\n", 1), "column 2 (b) is the same in every row (7)"));
  EXPECT_TRUE(contains(refusal("x,y\nfoo,bar\nbaz,qux\n", 1), "no numeric column"));
}

TEST(SeriesTask, ColumnsByNameOrIndexAndTheirMistakes) {
  const std::string csv = table(12);
  // Default: every numeric column of the first data row, the label left out.
  EXPECT_EQ(make(csv, 3)->column_names(), (std::vector<std::string>{"year", "a", "b"}));
  EXPECT_EQ(make(csv, 3, "a,3")->column_names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(make(csv, 3, " b ")->input_size(), 1);
  EXPECT_TRUE(contains(refusal(csv, 3, "c"), "columns=c is not a column of the file: its header has year, a, b, kind"));
  EXPECT_TRUE(contains(refusal(csv, 3, "5"), "columns=5: the file has 4 column(s)"));
  EXPECT_TRUE(contains(refusal(csv, 3, "a,2"), "lists column 2 (a) twice"));
  EXPECT_TRUE(contains(refusal(csv, 3, "a,kind", "kind"), "column 4 (kind) is the label"));
  EXPECT_TRUE(contains(refusal(csv, 3, "kind"), "row 2, column 4 (kind): 'down' is text in a numeric column"));
  EXPECT_TRUE(contains(refusal("1,2\n3,4\n5,6\n", 1, "x"), "it has no header, so name columns by 1-based index"));
}

// ---- normalisation ------------------------------------------------------------

TEST(SeriesTask, NormalisationIsThePopulationMeanAndStdAndRoundTrips) {
  const auto t = make("v,w\n1,10\n2,20\n3,30\n4,40\n", 2);
  ASSERT_TRUE(t);
  EXPECT_DOUBLE_EQ(t->mean()[0], 2.5);
  EXPECT_DOUBLE_EQ(t->stddev()[0], std::sqrt(1.25));
  EXPECT_DOUBLE_EQ(t->mean()[1], 25);
  EXPECT_FLOAT_EQ(t->value(0, 0), float(-1.5 / std::sqrt(1.25)));
  // The norm= text gives back exactly the same numbers (so a link reproduces the run).
  const std::string norm = t->norm_text();
  EXPECT_TRUE(contains(norm, "2.5:1.118033988749895")) << norm;
  const auto again = make("v,w\n1,10\n2,20\n3,30\n4,40\n", 2, "", "", norm);
  for (Index r = 0; r < 4; ++r)
    for (Index c = 0; c < 2; ++c) EXPECT_EQ(again->value(r, c), t->value(r, c));
  // A given normalisation is used as given.
  const auto fixed = make("v\n1\n2\n3\n", 1, "", "", "1:2");
  EXPECT_FLOAT_EQ(fixed->value(2, 0), 1.0f);
  EXPECT_TRUE(contains(refusal("v,w\n1,2\n3,5\n", 1, "", "", "0:1"), "norm has 1 mean:std pair(s) but 2 input column(s)"));
}

TEST(SeriesTask, ShortestNumberReadsBackExactly) {
  for (double x : {0.1, 49.752103559870553, 40.387084638624245, -1e-300, 1e21, 3.0, 0.0})
    EXPECT_EQ(std::strtod(shortest_number(x).c_str(), nullptr), x) << shortest_number(x);
  EXPECT_EQ(shortest_number(0.1), "0.1");
  EXPECT_EQ(shortest_number(1e21), "1e21") << "no '+': a URL reads it as a space";
}

// ---- regression: windows and persistence ----------------------------------------

TEST(SeriesTask, RegressionWindowsPredictTheNextRowOfEveryColumn) {
  const auto t = make(table(30), 5, "a,b");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->loss(), LossKind::Mse);
  EXPECT_EQ(t->input_size(), 2);
  EXPECT_EQ(t->output_size(), 2);
  Rng rng(3);
  Batch<float> batch;
  t->sample(rng, 8, batch);
  for (Index b = 0; b < 8; ++b) {
    // The row a window starts at, from its first value of a (a = row index).
    const double a0 = double(batch.x(0, batch.col(0, b))) * t->stddev()[0] + t->mean()[0];
    const Index start = Index(std::lround(a0));
    ASSERT_GE(start, 0);
    ASSERT_LE(start, 30 - 5 - 1);
    for (Index s = 0; s < 5; ++s) {
      const Index c = batch.col(s, b);
      EXPECT_EQ(batch.weight[size_t(c)], 1.0f);
      for (Index k = 0; k < 2; ++k) {
        EXPECT_EQ(batch.x(k, c), t->value(start + s, k));
        EXPECT_EQ(batch.y(k, c), t->value(start + s + 1, k));
      }
    }
  }
  Rng same(3);
  Batch<float> again;
  t->sample(same, 8, again);
  EXPECT_EQ(again.x, batch.x) << "same rng state, same batch";
}

TEST(SeriesTask, ChanceIsPersistencesLossOverTheWindowStream) {
  // A real-looking series: a noisy cycle.
  std::string csv = "v\n";
  for (int r = 0; r < 60; ++r) csv += std::to_string(std::sin(r * 0.7) * 10 + (r % 3)) + "\n";
  const auto t = make(csv, 8);
  ASSERT_TRUE(t);
  const TaskInfo& info = t->info();
  EXPECT_EQ(info.metric_name, "mse");
  EXPECT_FALSE(info.metric_higher_is_better);
  EXPECT_EQ(info.chance_loss, info.chance_metric);
  // Exactly: every start 0..N-T-1 equally likely, each window's mean over T steps.
  double exact = 0;
  for (Index s = 0; s + 8 < 60; ++s)
    for (Index k = 0; k < 8; ++k) {
      const double d = double(t->value(s + k + 1, 0)) - double(t->value(s + k, 0));
      exact += d * d / 8.0;
    }
  exact /= double(60 - 8);
  EXPECT_NEAR(info.chance_loss, exact, 1e-12);
  // And what predicting the last value scores on sampled batches (the metric).
  Rng rng(11);
  Batch<float> batch;
  double sum = 0;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    t->sample(rng, 32, batch);
    const Mat<float> last = batch.x;  // the prediction y_t = x_t      1 x T*B
    sum += t->metric(batch, last) / n;
  }
  EXPECT_NEAR(sum, info.chance_loss, 0.03 * info.chance_loss);
  EXPECT_GT(info.chance_loss, 0.05);
}

// ---- classification ------------------------------------------------------------------

TEST(SeriesTask, ClassificationWindowsNeverCrossALabelAndCountAtTheLastStep) {
  const auto t = make(table(40), 3, "a,b", "kind");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->loss(), LossKind::Xent);
  EXPECT_EQ(t->classes(), (std::vector<std::string>{"down", "up"}));
  EXPECT_EQ(t->output_size(), 2);
  EXPECT_EQ(t->info().metric_name, "accuracy");
  Rng rng(5);
  Batch<float> batch;
  t->sample(rng, 64, batch);
  for (Index b = 0; b < 64; ++b) {
    const double a0 = double(batch.x(0, batch.col(0, b))) * t->stddev()[0] + t->mean()[0];
    const Index start = Index(std::lround(a0));
    for (Index s = 0; s < 3; ++s) {
      EXPECT_EQ(t->row_class(start + s), t->row_class(start)) << "window at " << start;
      EXPECT_EQ(batch.weight[size_t(batch.col(s, b))], s == 2 ? 1.0f : 0.0f);
    }
    EXPECT_EQ(batch.target[size_t(batch.col(2, b))], t->row_class(start));
  }
  // Blocks of 4 rows, 10 blocks: 2 windows of 3 per block, 5 blocks each class.
  EXPECT_DOUBLE_EQ(t->info().chance_metric, 0.5);
  EXPECT_NEAR(t->info().chance_loss, std::log(2.0), 1e-12);
}

TEST(SeriesTask, ClassesSortAsNumbersAndTheBaselineIsTheMostCommonClass) {
  std::string csv = "x,c\n";
  const char* labels[] = {"10", "10", "10", "10", "10", "10", "9", "9", "9", "2", "2", "2"};
  for (int r = 0; r < 12; ++r) csv += std::to_string(r % 5) + "," + labels[r] + "\n";
  const auto t = make(csv, 3, "", "c");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->classes(), (std::vector<std::string>{"2", "9", "10"}));
  // Windows: 4 of "10", 1 of "9", 1 of "2".
  EXPECT_DOUBLE_EQ(t->info().chance_metric, 4.0 / 6.0);
  const double p[] = {4.0 / 6, 1.0 / 6, 1.0 / 6};
  double h = 0;
  for (double q : p) h -= q * std::log(q);
  EXPECT_NEAR(t->info().chance_loss, h, 1e-12);
}

TEST(SeriesTask, ClassificationMistakesNameRowsAndColumns) {
  EXPECT_TRUE(contains(refusal(table(40), 5, "a", "kind"), "no 5 consecutive rows share one label"));
  EXPECT_TRUE(contains(refusal(table(40), 5, "a", "kind"), "the longest run is 4 rows (rows 2 to 5)"));
  EXPECT_TRUE(contains(refusal("x,c\n1,a\n2,\n3,a\n", 1, "", "c"), "row 3, column 2 (c): the label is empty"));
  EXPECT_TRUE(contains(refusal("x,c\n1,a\n2,a\n", 1, "", "c"), "has 1 distinct value(s); classification needs 2 to 64"));
  EXPECT_TRUE(contains(refusal(table(8), 1, "", "zzz"), "label=zzz is not a column of the file"));
}

}  // namespace
}  // namespace unroll
