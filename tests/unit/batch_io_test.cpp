// Batch files for `unroll grad`: time-major layout into columns t*B + b,
// every step counted, and a precise message for each kind of bad batch.
#include <gtest/gtest.h>

#include <string>

#include "core/io/batch_io.h"

namespace unroll {
namespace {

// Model sizes the batches below are checked against: I 2, O 3.
const RnnSpec kSpec{CellKind::Gru, 2, 4, 1, 3};

template <class S = float>
std::optional<Batch<S>> read(const std::string& text, std::string* error) {
  json::Value doc;
  json::ParseError pe;
  EXPECT_TRUE(json::parse(text, &doc, &pe)) << pe.to_string();
  return batch_from_json<S>(doc, kSpec, error);
}

std::string error_of(const std::string& text) {
  std::string error;
  EXPECT_FALSE(read(text, &error).has_value()) << text;
  return error;
}

// T 2, B 2: x[t][b] = [t, b] + 0.5, y[t][b] = [t, b, 7]
const char* kMse =
    R"({"loss": "mse", "x": [[[0.5, 0.5], [0.5, 1.5]], [[1.5, 0.5], [1.5, 1.5]]],)"
    R"( "y": [[[0, 0, 7], [0, 1, 7]], [[1, 0, 7], [1, 1, 7]]]})";

TEST(BatchIo, MseBatchIsTimeMajorColumns) {
  std::string error;
  std::optional<Batch<float>> b = read(kMse, &error);
  ASSERT_TRUE(b) << error;
  EXPECT_EQ(b->T, 2);
  EXPECT_EQ(b->B, 2);
  EXPECT_EQ(b->loss, LossKind::Mse);
  for (Index t = 0; t < 2; ++t)
    for (Index s = 0; s < 2; ++s) {
      const Index col = t * 2 + s;
      EXPECT_EQ(b->x(0, col), float(t) + 0.5f);
      EXPECT_EQ(b->x(1, col), float(s) + 0.5f);
      EXPECT_EQ(b->y(0, col), float(t));
      EXPECT_EQ(b->y(1, col), float(s));
      EXPECT_EQ(b->y(2, col), 7.0f);
      EXPECT_EQ(b->weight[size_t(col)], 1.0f);  // every step counts
    }
  EXPECT_EQ(b->counted(), 4.0);
}

TEST(BatchIo, XentBatchReadsTargets) {
  std::string error;
  std::optional<Batch<double>> b =
      read<double>(R"({"loss": "xent", "x": [[[1, 2]], [[3, 4]], [[5, 6]]], "targets": [[2], [0], [1]]})", &error);
  ASSERT_TRUE(b) << error;
  EXPECT_EQ(b->T, 3);
  EXPECT_EQ(b->B, 1);
  EXPECT_EQ(b->target, (std::vector<int>{2, 0, 1}));
  EXPECT_EQ(b->x(1, 2), 6.0);
}

TEST(BatchIoErrors, LossFieldMissingOrUnknown) {
  EXPECT_EQ(error_of(R"({"x": [[[1, 2]]]})"), "the batch file is missing the field \"loss\" (\"mse\" or \"xent\")");
  EXPECT_EQ(error_of(R"({"loss": "l1", "x": [[[1, 2]]]})"), "loss is \"l1\", expected \"mse\" or \"xent\"");
}

TEST(BatchIoErrors, FieldsMustMatchTheLoss) {
  EXPECT_EQ(error_of(R"({"loss": "xent", "x": [[[1, 2]]], "y": [[[1, 2, 3]]]})"),
            "the batch file has an unknown field \"y\"; with loss \"xent\" the fields are: loss, x, targets");
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, 2]]]})"),
            "the batch file is missing the field \"y\" (needed with loss \"mse\")");
}

TEST(BatchIoErrors, InputWidthMustMatchTheWeights) {
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, 2]], [[1, 2, 3]]], "y": [[[0, 0, 0]], [[0, 0, 0]]]})"),
            "x[1][0] has 3 numbers, expected 2 (input_size 2 from the weights)");
}

TEST(BatchIoErrors, RaggedBatchOrTime) {
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, 2], [1, 2]], [[1, 2]]], "y": []})"),
            "x[1] has 1 sequences, expected 2 (the batch size of x[0])");
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, 2]], [[1, 2]]], "y": [[[0, 0, 0]]]})"),
            "y has 1 timesteps, expected 2 (as many as x)");
  EXPECT_EQ(error_of(R"({"loss": "xent", "x": [[[1, 2]]], "targets": [[0, 1]]})"),
            "targets[0] has 2 sequences, expected 1 (the batch size of x)");
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [], "y": []})"), "x is empty: it needs at least one timestep");
}

TEST(BatchIoErrors, OutputWidthMustMatchTheWeights) {
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, 2]]], "y": [[[0, 0]]]})"),
            "y[0][0] has 2 numbers, expected 3 (output_size 3 from the weights)");
}

TEST(BatchIoErrors, TargetsMustBeClassIndices) {
  EXPECT_EQ(error_of(R"({"loss": "xent", "x": [[[1, 2]]], "targets": [[3]]})"),
            "targets[0][0] is 3, expected a class index in 0..2 (output_size 3 from the weights)");
  EXPECT_EQ(error_of(R"({"loss": "xent", "x": [[[1, 2]]], "targets": [[1.5]]})"),
            "targets[0][0] is 1.5, expected a class index in 0..2 (output_size 3 from the weights)");
  EXPECT_EQ(error_of(R"({"loss": "xent", "x": [[[1, 2]]], "targets": [[-1]]})"),
            "targets[0][0] is -1, expected a class index in 0..2 (output_size 3 from the weights)");
}

TEST(BatchIoErrors, NumbersMustBeNumbersAndFitTheType) {
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, "2"]]], "y": [[[0, 0, 0]]]})"),
            "x[0][0][1] must be a number, got \"2\"");
  // 1e39 overflows float32 (the default precision of `unroll grad`).
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": [[[1, 2]]], "y": [[[0, 1e39, 0]]]})"),
            "y[0][0][1] = 1e+39 is not a finite float32 number");
  EXPECT_EQ(error_of(R"({"loss": "mse", "x": 5, "y": []})"), "x must be an array of timesteps, got 5");
}

}  // namespace
}  // namespace unroll
