#include "core/models/recurrent_net.h"

#include <algorithm>

#include "core/io/param_dict.h"

#include "core/io/weights_io.h"
#include "core/layers/loss.h"
#include "core/models/generate.h"
#include "core/rnn/bptt.h"
#include "core/tasks/tasks.h"

namespace unroll {
namespace {

RnnSpec stack_spec(const NetSpec& s, const Task& task) {
  RnnSpec r;
  r.cell = s.cell;
  r.input = task.input_size();
  r.hidden = s.hidden;
  r.layers = s.layers;
  r.output = task.output_size();
  return r;
}

}  // namespace

RecurrentNet::RecurrentNet(const NetSpec& spec, const Task& task)
    : spec_(spec), stack_(stack_spec(spec, task)) {
  dh_norm_.assign(size_t(spec.layers), std::vector<double>(size_t(task.seq_len()), 0.0));
}

std::string RecurrentNet::describe() const { return describe_stack(stack_.spec()); }

void RecurrentNet::init(Rng& rng) { initialise(stack_, spec_.init, rng); }

double RecurrentNet::train_batch(const Task& task, Rng& rng, Index B, const UpdateHook& update,
                                 double* metric) {
  task.sample(rng, B, batch_);
  const Index T = batch_.T;
  if (ws_.T != T || ws_.B != B) ws_.resize(stack_.spec(), T, B);
  const Index k = spec_.tbptt > 0 ? std::min(spec_.tbptt, T) : T;
  const double n_total = batch_.counted();
  stack_.zero_grad();
  ws_.reset_state();
  double loss_sum = 0;

  // Chunks of k steps carry the state forward; no gradient crosses a chunk
  // boundary. With one update per batch the weights do not change between
  // chunks, so the gradients simply add up (k >= T is full BPTT exactly).
  for (Index t0 = 0; t0 < T; t0 += k) {
    const Index t1 = std::min(T, t0 + k);
    double n = n_total;
    if (spec_.update_per_chunk) {
      n = 0;
      for (Index j = t0 * batch_.B; j < t1 * batch_.B; ++j) n += batch_.weight[size_t(j)];
    }
    forward_chunk<float>(stack_, batch_.x, t0, t1, ws_);
    loss_sum += loss_chunk(batch_, ws_.out, t0, t1, n > 0 ? 1.0 / n : 0.0, ws_.dout);
    backward_chunk<float>(stack_, batch_.x, t0, t1, ws_);
    if (spec_.update_per_chunk || t1 == T) {
      if (spec_.update_per_chunk && n == 0) continue;  // nothing counted here
      if (!update()) break;
      stack_.zero_grad();
    }
  }
  for (size_t l = 0; l < ws_.layers.size(); ++l) dh_norm_[l] = ws_.layers[l].dh_norm;
  *metric = task.metric(batch_, ws_.out);
  return n_total > 0 ? loss_sum / n_total : 0.0;
}

void RecurrentNet::prepare_probe(const Task& task, uint64_t probe_seed, Index n) {
  Rng rng(probe_seed);
  task.sample(rng, n, probe_batch_);
  probe_ws_.resize(stack_.spec(), task.seq_len(), n);
}

ProbeSnapshot RecurrentNet::probe(const Task& task) {
  ProbeSnapshot s;
  forward<float>(stack_, probe_batch_.x, probe_ws_);
  s.T = probe_batch_.T;
  s.B = probe_batch_.B;
  const Index n = s.T * s.B;
  for (const auto& c : probe_ws_.layers) {
    s.gates.push_back(c.act);
    s.hidden.push_back(c.h.rightCols(n));
    if (c.c.size()) s.cell.push_back(c.c.rightCols(n));
  }
  s.out = probe_ws_.out;
  s.metric = task.metric(probe_batch_, s.out);
  for (Index b = 0; b < s.B; ++b) s.rendered.push_back(task.render(probe_batch_, s.out, b));
  s.batch = probe_batch_;  // the task view draws inputs/targets in its own terms
  return s;
}

std::string RecurrentNet::weights_json(const WeightsMeta& meta) const { return weights_to_json(stack_, &meta); }

bool RecurrentNet::load_weights(const json::Value& doc, std::string* error) {
  if (!same_model_kind(doc, error)) return false;
  auto m = weights_from_json<float>(doc, error);
  if (!m) return false;
  const RnnSpec& a = m->spec();
  const RnnSpec& b = stack_.spec();
  if (a.cell != b.cell || a.input != b.input || a.hidden != b.hidden || a.layers != b.layers ||
      a.output != b.output) {
    // The first parameter whose shape differs, as the other models name it.
    const std::vector<ParamShape> fa = param_shapes(a), fb = param_shapes(b);
    std::string first;
    for (size_t k = 0; k < std::min(fa.size(), fb.size()) && first.empty(); ++k)
      if (fa[k].rows != fb[k].rows || fa[k].cols != fb[k].cols)
        first = " (first difference: " + fb[k].name + " is " + param_shape_text(fa[k].rows, fa[k].cols) +
                " in the file, " + param_shape_text(fb[k].rows, fb[k].cols) + " here)";
    *error = "the file holds " + describe_stack(a) + ", but this experiment is " + describe_stack(b) + first +
             ". Change the experiment to match (and reset), or pick another file.";
    return false;
  }
  return load_values(m->params(), error);
}

bool RecurrentNet::generate(const Task& task, const std::string& prime, int n, double temperature,
                            Rng& rng, std::string* text, std::string* error) const {
  const auto* text_task = dynamic_cast<const TextTask*>(&task);
  if (!text_task) {
    *error = "text generation needs task=text";
    return false;
  }
  return generate_text(stack_, *text_task, prime, n, temperature, rng, text, error);
}

}  // namespace unroll
