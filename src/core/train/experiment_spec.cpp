#include "core/train/experiment_spec.h"

#include <stdexcept>

namespace unroll {
namespace {

// values[i] is the meaning of the key's i-th choice in the table.
template <class E, size_t N>
E pick(const Config& cfg, const char* key, const E (&values)[N]) {
  const KeyDef* k = find_key(key);
  if (!k || k->type != KeyType::Enum || k->choices.size() != N)
    throw std::logic_error(std::string("experiment_spec: the enum list for '") + key +
                           "' is out of step with the key table");
  const std::string& v = cfg.s(key);
  for (size_t i = 0; i < N; ++i)
    if (k->choices[i] == v) return values[i];
  throw std::logic_error(std::string("experiment_spec: '") + key + "=" + v + "' is not a choice");
}

}  // namespace

ExperimentSpec resolve_spec(const Config& cfg) {
  ExperimentSpec s;
  TaskSpec& t = s.task;
  t.kind = pick(cfg, "task", {TaskKind::Adding, TaskKind::Copy, TaskKind::Parity, TaskKind::Reber,
                              TaskKind::Sine, TaskKind::Text, TaskKind::Reverse, TaskKind::Repeat,
                              TaskKind::Sort, TaskKind::Addition, TaskKind::Series});
  t.T = Index(cfg.i("T"));
  t.symbols = Index(cfg.i("symbols"));
  t.alphabet = Index(cfg.i("alphabet"));
  t.parity_every = pick(cfg, "parity_at", {true, false});  // every, end
  t.waves = Index(cfg.i("waves"));
  t.user_corpus = pick(cfg, "corpus", {false, true});      // tiny, user
  t.columns = cfg.s("columns");
  t.label = cfg.s("label");
  t.norm = cfg.s("norm");

  NetSpec& n = s.net;
  n.kind = pick(cfg, "model", {ModelKind::Recurrent, ModelKind::EncoderDecoder, ModelKind::Transformer});
  n.cell = pick(cfg, "arch", {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru});
  n.hidden = Index(cfg.i("hidden"));
  n.layers = Index(cfg.i("layers"));
  n.init.kind = pick(cfg, "init", {InitKind::PyTorch, InitKind::Xavier, InitKind::Orthogonal,
                                   InitKind::Identity});
  n.init.rho = cfg.f("rho");
  n.init.forget_bias = cfg.f("fbias");
  n.attn = pick(cfg, "attn", {AttnKind::None, AttnKind::Bahdanau, AttnKind::Luong});
  n.d_model = Index(cfg.i("d_model"));
  n.heads = Index(cfg.i("heads"));
  n.ff = Index(cfg.i("ff"));
  n.pos = pick(cfg, "pos", {PosKind::Sinusoidal, PosKind::Learned});
  n.tbptt = Index(cfg.i("tbptt"));
  n.update_per_chunk = pick(cfg, "tbptt_update", {false, true});  // batch, chunk
  n.eval_T = Index(cfg.i("eval_T"));

  s.optim.kind = pick(cfg, "optim", {OptimKind::Sgd, OptimKind::Momentum, OptimKind::RmsProp,
                                     OptimKind::Adam});
  s.optim.lr = cfg.f("lr");
  s.optim.momentum = cfg.f("momentum");
  s.optim.weight_decay = cfg.f("wd");
  s.clip = pick(cfg, "clip", {ClipKind::Off, ClipKind::Norm, ClipKind::Value});
  s.clip_at = cfg.f("clip_at");
  s.batch = Index(cfg.i("batch"));
  s.seed = uint64_t(cfg.i("seed"));
  return s;
}

const std::vector<std::string>& live_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> v;
    for (const KeyDef& k : key_table())
      if (!k.needs_reset) v.push_back(k.name);
    return v;
  }();
  return keys;
}

std::unique_ptr<Task> make_task(const Config& cfg, const std::string& text, std::string* error) {
  return make_task(resolve_spec(cfg).task, text, error);
}

}  // namespace unroll
