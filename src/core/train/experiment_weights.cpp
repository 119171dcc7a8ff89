#include "core/train/experiment_weights.h"

namespace unroll {

std::string experiment_weights_json(const Experiment& e) {
  return e.net().weights_json(e.config().to_query());
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

}  // namespace unroll
