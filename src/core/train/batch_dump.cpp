#include "core/train/batch_dump.h"

#include "core/tasks/seq2seq_task.h"

namespace unroll {
namespace {

// F x T*B (column t*B + b) as [T][B][F].
void sequences(json::Writer& w, const Mat<float>& m, Index T, Index B) {
  w.begin_array();
  for (Index t = 0; t < T; ++t) {
    w.begin_array();
    for (Index b = 0; b < B; ++b) {
      w.begin_array();
      for (Index f = 0; f < m.rows(); ++f) w.number_f32(m(f, t * B + b));
      w.end_array();
    }
    w.end_array();
  }
  w.end_array();
}

// One value per position (t*B + b) as [T][B].
template <class V>
void positions(json::Writer& w, const std::vector<V>& v, Index T, Index B) {
  w.begin_array();
  for (Index t = 0; t < T; ++t) {
    w.begin_array();
    for (Index b = 0; b < B; ++b) w.number(double(v[size_t(t * B + b)]));
    w.end_array();
  }
  w.end_array();
}

}  // namespace

std::string next_batch_json(const Experiment& e) {
  Rng rng = e.data_rng();  // a copy: the same draws the next step makes
  const Index B = e.spec().batch;
  PairBatch pairs;
  Batch<float> stream;
  // The nets draw pairs exactly when they read pairs (Net::reads_pairs).
  const bool pair_model = e.net().reads_pairs();
  if (pair_model) static_cast<const Seq2SeqTask&>(e.task()).sample_pairs(rng, B, pairs);
  else e.task().sample(rng, B, stream);
  const Batch<float>& b = pair_model ? pairs.dec : stream;
  json::Writer w;
  w.begin_object();
  w.key("step"); w.number(double(e.steps_done() + 1));
  w.key("x"); sequences(w, b.x, b.T, b.B);
  w.key("weight"); positions(w, b.weight, b.T, b.B);
  if (b.loss == LossKind::Mse) {
    w.key("y"); sequences(w, b.y, b.T, b.B);
  } else {
    w.key("targets"); positions(w, b.target, b.T, b.B);
  }
  if (pair_model) {
    w.key("src"); sequences(w, pairs.src, pairs.Ts, pairs.B);
  }
  w.end_object();
  return w.str();
}

}  // namespace unroll
