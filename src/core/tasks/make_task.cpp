// make_task: maps the config's task keys onto the per-task factories in
// tasks.h. Which keys each task reads:
//   adding: T          copy: T, symbols, alphabet   parity: T, parity_at
//   reber:  T          sine: T, waves               text:   T, corpus (+ text)
//   reverse, repeat, sort, addition: T (digits per sequence / per operand)
#include "core/config/config.h"
#include "core/tasks/seq2seq_task.h"
#include "core/tasks/tasks.h"

namespace unroll {

std::unique_ptr<Task> make_task(const Config& cfg, const std::string& text,
                                std::string* error) {
  const std::string& name = cfg.s("task");
  const Index T = Index(cfg.i("T"));
  if (name == "adding") return make_adding_task(T, error);
  if (name == "copy")
    return make_copy_task(T, Index(cfg.i("symbols")), Index(cfg.i("alphabet")), error);
  if (name == "parity") return make_parity_task(T, cfg.s("parity_at") == "every", error);
  if (name == "reber") return make_reber_task(T, error);
  if (name == "sine") return make_sine_task(T, Index(cfg.i("waves")), error);
  if (name == "text") return make_text_task(cfg.s("corpus") == "user", text, T, error);
  if (name == "reverse") return Seq2SeqTask::create(Seq2SeqKind::Reverse, T, error);
  if (name == "repeat") return Seq2SeqTask::create(Seq2SeqKind::Repeat, T, error);
  if (name == "sort") return Seq2SeqTask::create(Seq2SeqKind::Sort, T, error);
  if (name == "addition") return Seq2SeqTask::create(Seq2SeqKind::Add, T, error);
  if (error)
    *error = "task '" + name +
             "' is unknown; allowed: adding, copy, parity, reber, sine, text, reverse, repeat, "
             "sort, addition";
  return nullptr;
}

}  // namespace unroll
