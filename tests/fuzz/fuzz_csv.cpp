// libFuzzer entry for task=series's CSV reader (core/tasks: read_csv and
// SeriesTask::create). The first byte picks T and whether to classify by the
// last column; the rest is the file. A refusal is a safe message; a table has
// rows of one width; a task's batches hold only its own rows and classes.
#include <cmath>
#include <cstdint>

#include "core/tasks/csv_table.h"
#include "core/tasks/task_series.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Index T = 1 + data[0] % 16;
  const bool classify = data[0] & 0x80;
  const std::string text(fuzz::bytes(data + 1, size - 1));

  CsvTable table;
  std::string error;
  if (!read_csv(text, &table, &error)) {
    fuzz::check_message("fuzz_csv", error);
    return 0;
  }
  for (const auto& row : table.rows)
    if (row.size() != table.columns()) fuzz::fail("fuzz_csv", "a ragged row was accepted", text);
  if (table.row_number.size() != table.rows.size()) fuzz::fail("fuzz_csv", "row numbers", text);

  const std::string label = classify ? std::to_string(table.columns()) : "";
  auto task = SeriesTask::create(text, {T, "", label, ""}, &error);
  if (!task) {
    fuzz::check_message("fuzz_csv", error);
    return 0;
  }
  const Index C = task->input_size(), O = task->output_size();
  if (C < 1 || O < 1) fuzz::fail("fuzz_csv", "task sizes", text);
  Rng rng(1);
  Batch<float> batch;
  task->sample(rng, 2, batch);
  if (batch.T != T || batch.I != C || batch.O != O) fuzz::fail("fuzz_csv", "batch sizes", text);
  if (!batch.x.allFinite()) fuzz::fail("fuzz_csv", "a non-finite input", text);
  for (size_t k = 0; k < batch.target.size(); ++k)
    if (batch.target[k] < 0 || batch.target[k] >= O) fuzz::fail("fuzz_csv", "target class out of range", text);
  if (!std::isfinite(task->info().chance_loss)) fuzz::fail("fuzz_csv", "chance loss not finite", text);
  for (Index b = 0; b < 2; ++b) task->render(batch, Mat<float>::Zero(O, T * 2), b);
  return 0;
}
