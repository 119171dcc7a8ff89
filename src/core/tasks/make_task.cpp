// make_task: a TaskSpec onto the per-task factories in tasks.h and
// seq2seq_task.h. Which fields each task reads:
//   adding: T          copy: T, symbols, alphabet   parity: T, parity_every
//   reber:  T          sine: T, waves               text:   T, user_corpus (+ text)
//   reverse, repeat, sort, addition: T (digits per sequence / per operand)
//   series: T, columns, label, norm (+ text: the CSV)
#include "core/tasks/seq2seq_task.h"
#include "core/tasks/task_spec.h"
#include "core/tasks/tasks.h"
#include "core/tasks/task_series.h"

namespace unroll {

std::unique_ptr<Task> make_task(const TaskSpec& s, const std::string& text, std::string* error) {
  switch (s.kind) {
    case TaskKind::Adding: return make_adding_task(s.T, error);
    case TaskKind::Copy: return make_copy_task(s.T, s.symbols, s.alphabet, error);
    case TaskKind::Parity: return make_parity_task(s.T, s.parity_every, error);
    case TaskKind::Reber: return make_reber_task(s.T, error);
    case TaskKind::Sine: return make_sine_task(s.T, s.waves, error);
    case TaskKind::Text: return make_text_task(s.user_corpus, text, s.T, error);
    case TaskKind::Reverse: return Seq2SeqTask::create(Seq2SeqKind::Reverse, s.T, error);
    case TaskKind::Repeat: return Seq2SeqTask::create(Seq2SeqKind::Repeat, s.T, error);
    case TaskKind::Sort: return Seq2SeqTask::create(Seq2SeqKind::Sort, s.T, error);
    case TaskKind::Addition: return Seq2SeqTask::create(Seq2SeqKind::Add, s.T, error);
    case TaskKind::Series: return SeriesTask::create(text, {s.T, s.columns, s.label, s.norm}, error);
  }
  if (error) *error = "unknown task kind";
  return nullptr;
}

}  // namespace unroll
