// What a task is, resolved from the config once (core/train/experiment_spec.h):
// the task kind and the keys each kind reads, typed.
#pragma once
#include <memory>
#include <string>

#include "core/tasks/task.h"

namespace unroll {

// In the `task` key's order (key_table.cpp).
enum class TaskKind { Adding, Copy, Parity, Reber, Sine, Text, Reverse, Repeat, Sort, Addition, Series };

// reverse, repeat, sort, addition: a source sequence in, a target sequence out.
inline bool is_pair_task(TaskKind k) {
  return k == TaskKind::Reverse || k == TaskKind::Repeat || k == TaskKind::Sort ||
         k == TaskKind::Addition;
}

struct TaskSpec {
  TaskKind kind = TaskKind::Adding;
  Index T = 50;              // steps per sequence (copy: the delay; seq2seq: digits)
  Index symbols = 5;         // copy
  Index alphabet = 8;        // copy
  bool parity_every = false; // parity: a target at every step (else only at the end)
  Index waves = 2;           // sine
  bool user_corpus = false;  // text: the user's text instead of the tiny corpus
  std::string columns;       // series: input columns ("" = every numeric one)
  std::string label;         // series: the column to classify by ("" = regression)
  std::string norm;          // series: "mean:std,..." ("" = from the data)
};

// The task's data from the user: text=user's corpus, or series's CSV.
inline bool reads_user_data(const TaskSpec& s) {
  return (s.kind == TaskKind::Text && s.user_corpus) || s.kind == TaskKind::Series;
}

// Builds the task. On a bad task setup (e.g. invalid UTF-8 text) returns
// null and sets *error to a message naming what is wrong. `text` is the
// user's data (may be empty): the corpus for a text task with user_corpus,
// the CSV for task=series; other tasks ignore it.
std::unique_ptr<Task> make_task(const TaskSpec& spec, const std::string& text, std::string* error);

}  // namespace unroll
