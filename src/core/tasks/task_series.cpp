// task=series (see task_series.h): columns resolved, cells checked with the
// row and column named, the normalisation, the windows and the baselines.
#include "core/tasks/task_series.h"

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "core/tasks/csv_table.h"
#include "core/tasks/tasks.h"
#include "core/tasks/task_util.h"

namespace unroll {
namespace {

bool fail(std::string* error, const std::string& m) {
  if (error) *error = m;
  return false;
}

// Comma-separated items, trimmed ("" -> none).
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t at = 0;
  while (at <= s.size()) {
    size_t end = std::min(s.find(',', at), s.size());
    std::string item = s.substr(at, end - at);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    out.push_back(item);
    at = end + 1;
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A `columns` / `label` item -> 0-based column: a header name first, else a
// 1-based index.
bool resolve_column(const CsvTable& t, const std::string& key, const std::string& item, size_t* c,
                    std::string* error) {
  for (size_t k = 0; k < t.columns(); ++k)
    if (t.has_header && t.names[k] == item) return *c = k, true;
  if (all_digits(item) && item.size() < 6) {
    const size_t n = size_t(std::atoi(item.c_str()));
    if (n >= 1 && n <= t.columns()) return *c = n - 1, true;
    return fail(error, key + "=" + shown_text(item) + ": the file has " + std::to_string(t.columns()) +
                           " column(s); give an index from 1 to " + std::to_string(t.columns()));
  }
  std::string names;
  for (size_t k = 0; k < t.columns() && t.has_header && k < 12; ++k) names += (k ? ", " : "") + shown_text(t.names[k], 24);
  if (t.has_header && t.columns() > 12) names += ", ...";
  return fail(error, key + "=" + shown_text(item) + " is not a column of the file: " +
                         (t.has_header ? "its header has " + names + " (or give 1-based indices)"
                                       : "it has no header, so name columns by 1-based index"));
}

// A cell of an input column as a number, or the message naming it.
bool cell_value(const CsvTable& t, size_t r, size_t c, double* v, std::string* error) {
  const std::string& cell = t.rows[r][c];
  const std::string where = "row " + std::to_string(t.row_number[r]) + ", " + t.column_name(c) + ": ";
  switch (read_cell_number(cell, v)) {
    case CellNumber::Ok: return true;
    case CellNumber::Empty:
      return fail(error, where + "the cell is empty; every row needs a number in every input column "
                                 "(fill or drop missing values)");
    case CellNumber::NotFinite:
      return fail(error, where + "'" + shown_text(cell, 24) + "' is not a finite number (NaN, NA and "
                                 "infinities are not allowed: fill or drop missing values)");
    case CellNumber::NotNumber: break;
  }
  return fail(error, where + "'" + shown_text(cell, 24) + "' is text in a numeric column; give a number "
                             "such as 12.5 or -3e-2, or leave the column out with columns=");
}

// "mean:std,mean:std" -> pairs; false with *error on anything else.
bool parse_norm(const std::string& text, size_t columns, std::vector<double>* mean,
                std::vector<double>* sd, std::string* error) {
  const std::vector<std::string> items = split_list(text);
  if (items.size() != columns)
    return fail(error, "norm has " + std::to_string(items.size()) + " mean:std pair(s) but " +
                           std::to_string(columns) + " input column(s) are used; give one pair per "
                           "column, or norm= (empty) to compute them from the data");
  for (const std::string& item : items) {
    const size_t colon = item.find(':');
    double m = 0, s = 0;
    if (colon == std::string::npos || read_cell_number(item.substr(0, colon), &m) != CellNumber::Ok ||
        read_cell_number(item.substr(colon + 1), &s) != CellNumber::Ok || !(s > 0))
      return fail(error, "norm=" + shown_text(text, 64) + ": '" + shown_text(item) +
                             "' is not mean:std with a finite mean and a std above 0");
    mean->push_back(m);
    sd->push_back(s);
  }
  return true;
}

// Label cells -> class names, sorted as numbers when every one is a number.
std::vector<std::string> class_names(const CsvTable& t, size_t label) {
  std::vector<std::string> names;
  for (const auto& row : t.rows) names.push_back(row[label]);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  double x = 0;
  const bool numeric = std::all_of(names.begin(), names.end(), [&](const std::string& s) {
    return read_cell_number(s, &x) == CellNumber::Ok;
  });
  if (numeric)
    std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
      double x = 0, y = 0;
      read_cell_number(a, &x);
      read_cell_number(b, &y);
      return x < y;
    });
  return names;
}

double c_strtod(const std::string& s) {
  std::string buffer = s;
  const char point = *std::localeconv()->decimal_point;
  if (point != '.' && point != '\0') std::replace(buffer.begin(), buffer.end(), '.', point);
  return std::strtod(buffer.c_str(), nullptr);
}

}  // namespace

std::string shortest_number(double x) {
  if (x == 0) return "0";
  char buf[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    std::string s = buf;
    // The C locale's point whatever the locale (a link must read back anywhere).
    const char point = *std::localeconv()->decimal_point;
    if (point != '.') std::replace(s.begin(), s.end(), point, '.');
    if (c_strtod(s) == x) {
      const size_t e = s.find("e+");
      if (e != std::string::npos) s.erase(e + 1, 1);  // no '+': a URL reads it as a space
      return s;
    }
  }
  return buf;
}

std::string SeriesTask::norm_text() const {
  std::string s;
  for (size_t c = 0; c < mean_.size(); ++c)
    s += (c ? "," : "") + shortest_number(mean_[c]) + ":" + shortest_number(std_[c]);
  return s;
}

std::unique_ptr<SeriesTask> SeriesTask::create(const std::string& csv, const SeriesSetup& setup,
                                               std::string* error) {
  const Index T = setup.T;
  const std::string range = task_util::check_range("series", "T", T, 1, kMaxTaskT);
  if (!range.empty()) return fail(error, range), nullptr;
  if (csv.empty())
    return fail(error, "task=series needs your data: load a CSV file or paste numbers (one per row, "
                       "or columns separated by commas); the command line takes --data FILE"), nullptr;
  CsvTable t;
  std::string why;
  if (!read_csv(csv, &t, &why)) return fail(error, why), nullptr;
  if (t.rows.empty()) return fail(error, "the CSV has a header (row 1) but no data rows"), nullptr;

  // The label, then the input columns.
  const bool classify = !setup.label.empty();
  size_t label = 0;
  if (classify && !resolve_column(t, "label", setup.label, &label, error)) return nullptr;
  std::vector<size_t> cols;
  const std::vector<std::string> items = split_list(setup.columns);
  double v = 0;
  if (items.empty()) {
    for (size_t c = 0; c < t.columns(); ++c)
      if (!(classify && c == label) && read_cell_number(t.rows[0][c], &v) == CellNumber::Ok) cols.push_back(c);
    if (cols.empty())
      return fail(error, "no numeric column: row " + std::to_string(t.row_number[0]) +
                             " (the first data row) has no number" +
                             (classify ? " outside the label column" : "") +
                             "; name the columns to use with columns="), nullptr;
  }
  for (const std::string& item : items) {
    size_t c = 0;
    if (!resolve_column(t, "columns", item, &c, error)) return nullptr;
    if (std::find(cols.begin(), cols.end(), c) != cols.end())
      return fail(error, "columns=" + shown_text(setup.columns, 64) + " lists " + t.column_name(c) +
                             " twice"), nullptr;
    if (classify && c == label)
      return fail(error, t.column_name(c) + " is the label (label=" + shown_text(setup.label) +
                             "): it cannot be an input column too"), nullptr;
    cols.push_back(c);
  }

  std::unique_ptr<SeriesTask> task(new SeriesTask());
  const size_t N = t.rows.size(), C = cols.size();
  task->T_ = T;
  task->C_ = Index(C);
  task->N_ = Index(N);
  for (size_t c : cols) task->names_.push_back(t.has_header ? t.names[c] : "column " + std::to_string(c + 1));

  // Every input cell a finite number, then each column's mean and std
  // (population; two passes, which loses less precision than sum of squares).
  std::vector<double> raw(N * C);
  for (size_t r = 0; r < N; ++r)
    for (size_t k = 0; k < C; ++k)
      if (!cell_value(t, r, cols[k], &raw[r * C + k], error)) return nullptr;
  if (!setup.norm.empty()) {
    if (!parse_norm(setup.norm, C, &task->mean_, &task->std_, error)) return nullptr;
  } else {
    for (size_t k = 0; k < C; ++k) {
      double m = 0, ss = 0;
      for (size_t r = 0; r < N; ++r) m += raw[r * C + k] / double(N);
      for (size_t r = 0; r < N; ++r) ss += (raw[r * C + k] - m) * (raw[r * C + k] - m);
      const double sd = std::sqrt(ss / double(N));
      if (!(sd > 0) || !std::isfinite(sd))
        return fail(error, t.column_name(cols[k]) + " is the same in every row (" + shown_text(t.rows[0][cols[k]], 24) +
                               "): it carries no signal to learn; leave it out with columns="), nullptr;
      task->mean_.push_back(m);
      task->std_.push_back(sd);
    }
  }
  task->z_.resize(N * C);
  for (size_t r = 0; r < N; ++r)
    for (size_t k = 0; k < C; ++k) {
      const double z = (raw[r * C + k] - task->mean_[k]) / task->std_[k];
      if (!(std::fabs(z) < 1e30))
        return fail(error, "row " + std::to_string(t.row_number[r]) + ", " + t.column_name(cols[k]) +
                               ": " + shown_text(t.rows[r][cols[k]], 24) + " is too far from the mean for "
                               "the normalisation (|z| >= 1e30)"), nullptr;
      task->z_[r * C + k] = float(z);
    }

  TaskInfo& info = task->info_;
  info.name = "series";
  if (!classify) {
    if (Index(N) < T + 1)
      return fail(error, "the CSV has " + std::to_string(N) + " data rows; T=" + std::to_string(T) +
                             " needs at least T+1 = " + std::to_string(T + 1) +
                             " (a window reads T rows and predicts the row after each): lower T or "
                             "give more rows"), nullptr;
    // Persistence's squared error per step d_t, averaged exactly over the
    // stream: start s in [0, N-T-1] uniform, steps s..s+T-1 (prefix sums).
    std::vector<double> prefix(N, 0.0);
    for (size_t r = 0; r + 1 < N; ++r) {
      double d = 0;
      for (size_t k = 0; k < C; ++k) {
        const double e = double(task->z_[(r + 1) * C + k]) - double(task->z_[r * C + k]);
        d += e * e / double(C);
      }
      prefix[r + 1] = prefix[r] + d;
    }
    const size_t windows = N - size_t(T);
    double chance = 0;
    for (size_t s = 0; s < windows; ++s) chance += (prefix[s + size_t(T)] - prefix[s]) / double(T);
    chance /= double(windows);
    info.description = "Predict the next row of your data: " + std::to_string(C) + " column(s), " +
                       std::to_string(N) + " rows.";
    info.metric_name = "mse";
    info.metric_higher_is_better = false;
    info.chance_metric = chance;
    info.chance_loss = chance;
    return task;
  }

  // Classification: class per row, the windows inside one label, the baseline.
  for (size_t r = 0; r < N; ++r)
    if (t.rows[r][label].empty())
      return fail(error, "row " + std::to_string(t.row_number[r]) + ", " + t.column_name(label) +
                             ": the label is empty; every row needs a class"), nullptr;
  task->classes_ = class_names(t, label);
  if (task->classes_.size() < 2 || task->classes_.size() > kMaxSeriesClasses)
    return fail(error, "the label " + t.column_name(label) + " has " + std::to_string(task->classes_.size()) +
                           " distinct value(s); classification needs 2 to " +
                           std::to_string(kMaxSeriesClasses)), nullptr;
  std::map<std::string, int> id;
  for (size_t k = 0; k < task->classes_.size(); ++k) id[task->classes_[k]] = int(k);
  for (size_t r = 0; r < N; ++r) task->row_class_.push_back(id[t.rows[r][label]]);
  size_t run = 0, longest = 0, longest_end = 0;
  std::vector<double> count(task->classes_.size(), 0.0);
  for (size_t r = 0; r < N; ++r) {
    run = (r > 0 && task->row_class_[r] == task->row_class_[r - 1]) ? run + 1 : 1;
    if (run > longest) longest = run, longest_end = r;
    if (Index(run) >= T) {
      task->starts_.push_back(Index(r + 1) - T);
      count[size_t(task->row_class_[r])] += 1;
    }
  }
  if (task->starts_.empty())
    return fail(error, "no " + std::to_string(T) + " consecutive rows share one label (T=" + std::to_string(T) +
                           "); the longest run is " + std::to_string(longest) + " rows (rows " +
                           std::to_string(t.row_number[longest_end + 1 - longest]) + " to " +
                           std::to_string(t.row_number[longest_end]) + "): lower T"), nullptr;
  const double W = double(task->starts_.size());
  double entropy = 0, most = 0;
  for (double k : count) {
    if (k > 0) entropy -= (k / W) * std::log(k / W);
    most = std::max(most, k);
  }
  info.description = "Classify windows of " + std::to_string(T) + " rows of your data into " +
                     std::to_string(task->classes_.size()) + " classes (" + std::to_string(C) +
                     " input column(s), " + std::to_string(N) + " rows).";
  info.metric_name = "accuracy";
  info.metric_higher_is_better = true;
  info.chance_metric = most / W;
  info.chance_loss = entropy;
  return task;
}

void SeriesTask::sample(Rng& rng, Index B, Batch<float>& batch) const {
  const Index C = C_;
  if (!classifies()) {
    task_util::prepare(batch, T_, B, C, C, LossKind::Mse);
    for (Index b = 0; b < B; ++b) {
      const Index start = Index(rng.below(N_ - T_));  // window [start, start+T]
      for (Index t = 0; t < T_; ++t) {
        const Index c = batch.col(t, b);
        // x(:, c) = z(start+t), y(:, c) = z(start+t+1)      C x 1 each
        for (Index k = 0; k < C; ++k) {
          batch.x(k, c) = value(start + t, k);
          batch.y(k, c) = value(start + t + 1, k);
        }
        batch.weight[size_t(c)] = 1.0f;
      }
    }
    return;
  }
  task_util::prepare(batch, T_, B, C, Index(classes_.size()), LossKind::Xent);
  for (Index b = 0; b < B; ++b) {
    const Index start = starts_[size_t(rng.below(uint64_t(starts_.size())))];
    for (Index t = 0; t < T_; ++t)
      for (Index k = 0; k < C; ++k) batch.x(k, batch.col(t, b)) = value(start + t, k);
    const Index last = batch.col(T_ - 1, b);
    batch.target[size_t(last)] = row_class(start);
    batch.weight[size_t(last)] = 1.0f;
  }
}

double SeriesTask::metric(const Batch<float>& batch, const Mat<float>& out) const {
  return classifies() ? task_util::accuracy(batch, out) : task_util::mse(batch, out);
}

std::string SeriesTask::render(const Batch<float>& batch, const Mat<float>& out, Index b) const {
  if (b < 0 || b >= batch.B) return "(no such sequence)";
  const bool fits = task_util::out_fits(batch, out);
  if (classifies()) {
    const Index last = batch.col(batch.T - 1, b);
    const std::string truth = classes_[size_t(batch.target[size_t(last)])];
    if (!fits) return "class: " + truth + "\nmodel: (no prediction)";
    return "class: " + truth + "\nmodel: " + classes_[size_t(task_util::argmax(out, last))];
  }
  // The first input column in its own units, the last few steps.
  const Index shown = batch.T < 6 ? batch.T : 6, t0 = batch.T - shown;
  auto units = [&](float z) { return task_util::fixed(double(z) * std_[0] + mean_[0], 3); };
  std::string s = names_[0] + ", last " + std::to_string(shown) + " steps\nnext:  ";
  for (Index t = t0; t < batch.T; ++t) s += " " + units(batch.y(0, batch.col(t, b)));
  s += "\nmodel: ";
  if (!fits) return s + " (no prediction)";
  for (Index t = t0; t < batch.T; ++t) s += " " + units(out(0, batch.col(t, b)));
  return s;
}

}  // namespace unroll
