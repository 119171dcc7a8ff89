#include "core/io/experiment_weights.h"

#include "core/io/json.h"
#include "core/io/weights_io.h"

namespace unroll {
// Weights of model=seq2seq / transformer: {"arch", "config", "params"} with
// PyTorch-style names, shapes and row-major data.
namespace {

std::string net_weights_json(const Experiment& e) {
  json::Writer w;
  w.begin_object();
  w.key("arch");
  w.string(e.config().s("model"));
  w.key("config");
  w.string(e.config().to_query());
  w.key("params");
  w.begin_object();
  for (const auto& p : e.params()) {
    w.newline();
    w.key(p.name);
    w.begin_object();
    w.key("shape");
    w.begin_array();
    w.number(double(p.value.rows()));
    if (p.value.cols() != 1) w.number(double(p.value.cols()));
    w.end_array();
    w.key("data");
    w.begin_array();
    for (Index i = 0; i < p.value.rows(); ++i)
      for (Index j = 0; j < p.value.cols(); ++j) w.number_f32(p.value(i, j));
    w.end_array();
    w.end_object();
  }
  w.end_object();
  w.end_object();
  return w.str() + "\n";
}

}  // namespace

std::string experiment_weights_json(const Experiment& e) {
  return e.recurrent() ? weights_to_json(e.model()) : net_weights_json(e);
}

}  // namespace unroll
