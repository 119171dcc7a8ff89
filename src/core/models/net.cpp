#include "core/models/net.h"

#include "core/io/param_dict.h"
#include "core/models/encoder_decoder_net.h"
#include "core/models/recurrent_net.h"
#include "core/models/transformer_net.h"

namespace unroll {
namespace {

std::string shape(const Mat<float>& m) {
  return "[" + std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + "]";
}

}  // namespace

const char* model_kind_name(ModelKind k) {
  switch (k) {
    case ModelKind::Recurrent: return "rnn";
    case ModelKind::EncoderDecoder: return "seq2seq";
    case ModelKind::Transformer: return "transformer";
  }
  return "?";
}

EvalResult Net::evaluate(const Task&, Index length, Index, Rng&, Index) {
  EvalResult r;
  r.length = length;
  r.error = "evaluation at another length needs task=reverse, repeat, sort or addition with "
            "model=seq2seq or model=transformer";
  return r;
}

bool Net::generate(const Task&, const std::string&, int, double, Rng&, std::string*,
                   std::string* error) const {
  *error = "text generation is for the recurrent models (model=rnn); this is " + describe();
  return false;
}

bool Net::same_model_kind(const json::Value& doc, std::string* error) const {
  const json::Value* arch = doc.is_object() ? doc.find("arch") : nullptr;
  if (!arch || !arch->is_string()) {
    *error = "the weights file has no \"arch\" naming its model";
    return false;
  }
  CellKind cell;
  const std::string& a = arch->as_string();
  const std::string file_kind = parse_cell(a, &cell) ? "rnn" : a;
  if (file_kind == model_kind_name(kind())) return true;
  *error = "the weights file holds another model's weights (arch " + json::quote_clipped(a, 32) +
           (file_kind == "rnn" ? ", a model=rnn stack" : "") + "), but this experiment is model=" +
           model_kind_name(kind()) + " (" + describe() + "). Open the file's own config (its \"config\" "
           "field), or pick another file.";
  return false;
}

bool Net::load_weights(const json::Value& doc, std::string* error) {
  if (!same_model_kind(doc, error)) return false;
  ParamList<float> values;
  if (!params_from_weights_json(doc, params(), &values, error, describe())) return false;
  return load_values(values, error);
}

bool Net::load_values(const ParamList<float>& from, std::string* error) {
  ParamList<float>& to = params();
  if (from.size() != to.size()) {
    *error = "the file has " + std::to_string(from.size()) + " tensors, " + describe() + " has " +
             std::to_string(to.size());
    return false;
  }
  for (size_t k = 0; k < to.size(); ++k) {
    if (from[k].name != to[k].name || from[k].value.rows() != to[k].value.rows() ||
        from[k].value.cols() != to[k].value.cols()) {
      *error = "tensor " + std::to_string(k + 1) + " is " + from[k].name + " " +
               shape(from[k].value) + " in the file but " + to[k].name + " " +
               shape(to[k].value) + " in " + describe();
      return false;
    }
  }
  for (size_t k = 0; k < to.size(); ++k) to[k].value = from[k].value;
  return true;
}

std::string net_refusal(const NetSpec& spec, const Task& task) {
  const bool pairs = dynamic_cast<const Seq2SeqTask*>(&task) != nullptr;
  if (spec.kind == ModelKind::EncoderDecoder && !pairs)
    return "model=seq2seq needs a sequence-to-sequence task (task=reverse, repeat, sort or "
           "addition); task=" + task.info().name + " is one stream. Use model=rnn or "
           "model=transformer for it.";
  if (spec.kind == ModelKind::Transformer && spec.d_model % spec.heads != 0)
    return "d_model (" + std::to_string(spec.d_model) + ") must be a multiple of heads (" +
           std::to_string(spec.heads) + "): each head gets d_model/heads dimensions. Try heads=" +
           (spec.d_model % 4 == 0 ? "4" : "1") + ".";
  return "";
}

std::unique_ptr<Net> make_net(const NetSpec& spec, const Task& task, std::string* error) {
  *error = net_refusal(spec, task);
  if (!error->empty()) return nullptr;
  switch (spec.kind) {
    case ModelKind::Recurrent: return std::make_unique<RecurrentNet>(spec, task);
    case ModelKind::EncoderDecoder:
      return std::make_unique<EncoderDecoderNet>(spec, static_cast<const Seq2SeqTask&>(task));
    case ModelKind::Transformer: return std::make_unique<TransformerNet>(spec, task);
  }
  *error = "unknown model kind";
  return nullptr;
}

}  // namespace unroll
