// Small helpers the task files share (internal to the tasks).
#pragma once
#include <string>

#include "core/tensor/batch.h"

namespace unroll {
namespace task_util {

// Shape the batch for a task. Reallocates only when (T, B, I, O, loss)
// differ from the current shape; otherwise zero-fills in place, so a
// training loop that samples every step does not allocate.
// Afterwards: x = 0, y = 0, target = 0 (a valid class), weight = 0.
void prepare(Batch<float>& batch, Index T, Index B, Index I, Index O,
             LossKind loss);

// True when `out` is O x (T*B) for this batch.
bool out_fits(const Batch<float>& batch, const Mat<float>& out);

// Row of the largest entry of column `col` (lowest row on ties).
int argmax(const Mat<float>& out, Index col);

// Fraction of counted positions (weight > 0) whose argmax equals the
// target. NaN if `out` does not fit or nothing is counted.
double accuracy(const Batch<float>& batch, const Mat<float>& out);

// Mean over counted positions of the squared error averaged over the O
// outputs. NaN if `out` does not fit or nothing is counted.
double mse(const Batch<float>& batch, const Mat<float>& out);

// "%.*f" without locale surprises in the digits we use.
std::string fixed(double v, int decimals);

// "" if lo <= T <= hi, else the sentence saying what is allowed.
std::string check_range(const char* task, const char* key, long long v,
                        long long lo, long long hi, const char* why = nullptr);

}  // namespace task_util
}  // namespace unroll
