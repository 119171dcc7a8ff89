#include "core/train/experiment_weights.h"

namespace unroll {

std::string experiment_weights_json(const Experiment& e) {
  WeightsMeta meta;
  meta.config = e.config().to_query();
  meta.step = e.steps_done();
  meta.seed = e.config().i("seed");
  return e.net().weights_json(meta);
}

bool load_experiment_weights(Experiment& e, std::string_view text, std::string* error) {
  json::Value doc;
  json::ParseError pe;
  if (!json::parse(text, &doc, &pe)) {
    *error = pe.to_string();
    return false;
  }
  return e.load_weights(doc, error);
}

bool resume_from_weights(Experiment& e, const json::Value& doc, long* step, std::string* error) {
  WeightsMeta meta;
  if (!read_weights_meta(doc, &meta, error)) return false;
  if (e.steps_done() != 0) {
    *error = "the run has already trained; a weights file continues a fresh run";
    return false;
  }
  if (!e.load_weights(doc, error)) return false;
  *step = meta.step;
  return e.start_at_step(meta.step, error);
}

std::string experiment_weights_link(const Experiment& e, int bits) {
  return encode_weights_link(e.params(), e.steps_done(), bits);
}

bool load_weights_link(Experiment& e, std::string_view bytes, WeightsLinkInfo* info, std::string* error) {
  ParamList<float> values;
  if (!decode_weights_link(bytes, e.params(), &values, info, error)) return false;
  const bool fresh = e.steps_done() == 0;
  if (!e.load_values(values, error)) return false;
  return !fresh || e.start_at_step(info->step, error);
}

}  // namespace unroll
