// Shared task helpers and the Task base defaults.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/tasks/task.h"
#include "core/tasks/task_util.h"

namespace unroll {

const std::vector<std::string>& Task::vocab() const {
  static const std::vector<std::string> none;
  return none;
}

namespace task_util {

void prepare(Batch<float>& batch, Index T, Index B, Index I, Index O,
             LossKind loss) {
  const bool same = batch.T == T && batch.B == B && batch.I == I &&
                    batch.O == O && batch.loss == loss &&
                    batch.x.rows() == I && batch.x.cols() == T * B &&
                    batch.weight.size() == size_t(T * B);
  if (!same) batch.resize(T, B, I, O, loss);
  // setZero / fill on an already-sized matrix or vector do not allocate.
  batch.x.setZero();
  if (loss == LossKind::Mse) batch.y.setZero();
  std::fill(batch.target.begin(), batch.target.end(), 0);
  std::fill(batch.weight.begin(), batch.weight.end(), 0.0f);
}

bool out_fits(const Batch<float>& batch, const Mat<float>& out) {
  return out.rows() == batch.O && out.cols() == batch.T * batch.B;
}

int argmax(const Mat<float>& out, Index col) {
  Index best = 0;
  for (Index r = 1; r < out.rows(); ++r)
    if (out(r, col) > out(best, col)) best = r;
  return int(best);
}

double accuracy(const Batch<float>& batch, const Mat<float>& out) {
  if (!out_fits(batch, out) || batch.loss != LossKind::Xent)
    return std::numeric_limits<double>::quiet_NaN();
  double right = 0, counted = 0;
  for (Index c = 0; c < batch.T * batch.B; ++c) {
    if (batch.weight[size_t(c)] <= 0) continue;
    counted += 1;
    if (argmax(out, c) == batch.target[size_t(c)]) right += 1;
  }
  if (counted == 0) return std::numeric_limits<double>::quiet_NaN();
  return right / counted;
}

double mse(const Batch<float>& batch, const Mat<float>& out) {
  if (!out_fits(batch, out) || batch.loss != LossKind::Mse)
    return std::numeric_limits<double>::quiet_NaN();
  double sum = 0, counted = 0;
  for (Index c = 0; c < batch.T * batch.B; ++c) {
    if (batch.weight[size_t(c)] <= 0) continue;
    counted += 1;
    double se = 0;
    for (Index o = 0; o < batch.O; ++o) {
      const double d = double(out(o, c)) - double(batch.y(o, c));
      se += d * d;
    }
    sum += se / double(batch.O);
  }
  if (counted == 0) return std::numeric_limits<double>::quiet_NaN();
  return sum / counted;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string check_range(const char* task, const char* key, long long v,
                        long long lo, long long hi, const char* why) {
  if (v >= lo && v <= hi) return "";
  std::string m = std::string(task) + " needs " + key + " between " +
                  std::to_string(lo) + " and " + std::to_string(hi) +
                  " (got " + std::to_string(v) + ")";
  if (why) m += std::string(": ") + why;
  return m;
}

}  // namespace task_util
}  // namespace unroll
