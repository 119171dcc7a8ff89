// Weights in PyTorch's layout: exact round trip, row-major data and 1-D
// bias shapes, and one precise error per kind of bad file.
#include <gtest/gtest.h>

#include <string>

#include "core/tensor/rng.h"
#include "core/io/weights_io.h"

namespace unroll {
namespace {

template <class S>
RnnStack<S> random_model(const RnnSpec& spec, uint64_t seed) {
  Rng rng(seed);
  RnnStack<S> m(spec);
  for (auto& p : m.params())
    for (Index j = 0; j < p.value.size(); ++j) p.value.data()[j] = S(rng.normal());
  return m;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(WeightsIo, RoundTripGivesIdenticalFloats) {
  for (CellKind k : {CellKind::RnnTanh, CellKind::RnnRelu, CellKind::Lstm, CellKind::Gru}) {
    const RnnSpec spec{k, 3, 5, 2, 4};
    const RnnStack<float> m = random_model<float>(spec, 11);
    std::string error;
    std::optional<RnnStack<float>> back = weights_from_text<float>(weights_to_json(m), &error);
    ASSERT_TRUE(back) << cell_name(k) << ": " << error;
    EXPECT_EQ(back->spec().cell, k);
    EXPECT_EQ(back->spec().input, 3);
    EXPECT_EQ(back->spec().hidden, 5);
    EXPECT_EQ(back->spec().layers, 2);
    EXPECT_EQ(back->spec().output, 4);
    ASSERT_EQ(back->params().size(), m.params().size());
    for (size_t p = 0; p < m.params().size(); ++p) {
      EXPECT_EQ(back->params()[p].name, m.params()[p].name);
      // Bitwise: == on every element (no tolerance).
      EXPECT_TRUE(back->params()[p].value == m.params()[p].value) << m.params()[p].name;
    }
  }
}

TEST(WeightsIo, DoubleRoundTripIsExactToo) {
  const RnnStack<double> m = random_model<double>({CellKind::Gru, 2, 3, 1, 2}, 12);
  std::string error;
  std::optional<RnnStack<double>> back = weights_from_text<double>(weights_to_json(m), &error);
  ASSERT_TRUE(back) << error;
  for (size_t p = 0; p < m.params().size(); ++p)
    EXPECT_TRUE(back->params()[p].value == m.params()[p].value) << m.params()[p].name;
}

TEST(WeightsIo, JsonIsRowMajorWithPyTorchNamesAndShapes) {
  RnnStack<float> m({CellKind::RnnTanh, 3, 2, 1, 1});
  // weight_ih_l0 is 2 x 3: value (r, c) = 10 r + c
  for (Index r = 0; r < 2; ++r)
    for (Index c = 0; c < 3; ++c) m.lp(0, kWih).value(r, c) = float(10 * r + c);
  m.lp(0, kBih).value(1, 0) = 0.5f;
  json::Value doc;
  json::ParseError pe;
  ASSERT_TRUE(json::parse(weights_to_json(m), &doc, &pe)) << pe.to_string();
  EXPECT_EQ(doc.find("arch")->as_string(), "rnn_tanh");
  const json::Value& params = *doc.find("params");
  std::vector<std::string> names;
  for (const auto& kv : params.as_object()) names.push_back(kv.first);
  EXPECT_EQ(names, (std::vector<std::string>{"rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                                            "rnn.bias_hh_l0", "head.weight", "head.bias"}));
  json::Writer w;
  w.value(*params.find("rnn.weight_ih_l0"));
  EXPECT_EQ(w.str(), R"({"shape":[2,3],"data":[0,1,2,10,11,12]})");
  json::Writer wb;
  wb.value(*params.find("rnn.bias_ih_l0"));
  EXPECT_EQ(wb.str(), R"({"shape":[2],"data":[0,0.5]})");
  json::Writer wh;
  wh.value(*params.find("head.weight")->find("shape"));
  EXPECT_EQ(wh.str(), "[1,2]");
}

// ---- one test per kind of bad file ----------------------------------------

// A valid LSTM document (I 2, H 3, L 1, O 2) to break in one place.
json::Value valid_doc() {
  json::Value doc;
  json::ParseError pe;
  EXPECT_TRUE(json::parse(weights_to_json(random_model<float>({CellKind::Lstm, 2, 3, 1, 2}, 5)), &doc, &pe));
  return doc;
}

json::Value& member(json::Value& obj, const std::string& key) {
  for (auto& kv : obj.as_object())
    if (kv.first == key) return kv.second;
  ADD_FAILURE() << "no member " << key;
  return obj;
}

void erase(json::Value& obj, const std::string& key) {
  auto& o = obj.as_object();
  for (size_t k = 0; k < o.size(); ++k)
    if (o[k].first == key) { o.erase(o.begin() + long(k)); return; }
  ADD_FAILURE() << "no member " << key;
}

std::string error_of(const json::Value& doc) {
  std::string error;
  EXPECT_FALSE(weights_from_json<float>(doc, &error).has_value());
  return error;
}

TEST(WeightsIoErrors, NotJsonGivesLineAndColumn) {
  std::string error;
  EXPECT_FALSE(weights_from_text<float>("{\n \"arch\": \"lstm\",,\n}", &error));
  EXPECT_TRUE(contains(error, "not valid JSON: line 2, column 17")) << error;
}

TEST(WeightsIoErrors, NotAnObject) {
  EXPECT_TRUE(contains(error_of(json::Value(json::Array{})), "the weights file must be an object, got an array"));
}

TEST(WeightsIoErrors, UnknownArch) {
  json::Value doc = valid_doc();
  member(doc, "arch") = json::Value(std::string("transformer"));
  const std::string e = error_of(doc);
  EXPECT_TRUE(contains(e, "arch is \"transformer\", expected one of \"rnn_tanh\", \"rnn_relu\", \"lstm\", \"gru\""))
      << e;
}

TEST(WeightsIoErrors, MissingField) {
  json::Value doc = valid_doc();
  erase(doc, "hidden_size");
  EXPECT_EQ(error_of(doc), "the weights file is missing the field \"hidden_size\"");
}

TEST(WeightsIoErrors, ExtraField) {
  json::Value doc = valid_doc();
  doc.as_object().emplace_back("dropout", json::Value(0.5));
  const std::string e = error_of(doc);
  EXPECT_TRUE(contains(e, "unknown field \"dropout\"; allowed fields: arch, input_size, hidden_size, "
                          "num_layers, output_size, params"))
      << e;
}

TEST(WeightsIoErrors, SizesOutOfRangeOrNotWhole) {
  json::Value doc = valid_doc();
  member(doc, "hidden_size") = json::Value(5000.0);
  EXPECT_EQ(error_of(doc), "hidden_size is 5000, out of the allowed range 1..4096");
  member(doc, "hidden_size") = json::Value(0.0);
  EXPECT_EQ(error_of(doc), "hidden_size is 0, out of the allowed range 1..4096");
  member(doc, "hidden_size") = json::Value(3.0);
  member(doc, "num_layers") = json::Value(5.0);
  EXPECT_EQ(error_of(doc), "num_layers is 5, out of the allowed range 1..4");
  member(doc, "num_layers") = json::Value(1.5);
  EXPECT_EQ(error_of(doc), "num_layers must be a whole number in 1..4, got 1.5");
  member(doc, "num_layers") = json::Value(std::string("1"));
  EXPECT_EQ(error_of(doc), "num_layers must be a whole number in 1..4, got \"1\"");
}

TEST(WeightsIoErrors, MissingParamListsExpectedNames) {
  json::Value doc = valid_doc();
  erase(member(doc, "params"), "rnn.bias_hh_l0");
  EXPECT_EQ(error_of(doc),
            "params is missing \"rnn.bias_hh_l0\" (lstm, 1 layer(s)); expected names: rnn.weight_ih_l0, "
            "rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0, head.weight, head.bias");
}

TEST(WeightsIoErrors, WrongParamNameListsExpectedNames) {
  json::Value doc = valid_doc();
  json::Value& params = member(doc, "params");
  // A 2-layer name in a 1-layer file.
  params.as_object().emplace_back("rnn.weight_ih_l1", member(params, "rnn.weight_hh_l0"));
  const std::string e = error_of(doc);
  EXPECT_TRUE(contains(e, "unexpected parameter \"rnn.weight_ih_l1\" (lstm, 1 layer(s)); expected names: "
                          "rnn.weight_ih_l0, "))
      << e;
}

TEST(WeightsIoErrors, WrongShapeSaysExpectedAndGot) {
  json::Value doc = valid_doc();
  json::Value& shape = member(member(member(doc, "params"), "rnn.weight_hh_l0"), "shape");
  shape = json::Value(json::Array{json::Value(3.0), json::Value(12.0)});  // transposed
  EXPECT_EQ(error_of(doc), "params.rnn.weight_hh_l0.shape is [3, 12], expected [12, 3] for this arch and these sizes");
  // A bias needs a 1-D shape, as in PyTorch.
  json::Value doc2 = valid_doc();
  member(member(member(doc2, "params"), "head.bias"), "shape") =
      json::Value(json::Array{json::Value(2.0), json::Value(1.0)});
  EXPECT_EQ(error_of(doc2), "params.head.bias.shape is [2, 1], expected [2] for this arch and these sizes");
}

TEST(WeightsIoErrors, DataLengthMismatch) {
  json::Value doc = valid_doc();
  member(member(member(doc, "params"), "head.weight"), "data").as_array().pop_back();
  EXPECT_EQ(error_of(doc), "params.head.weight.data has 5 numbers, expected 6 (shape [2, 3])");
}

TEST(WeightsIoErrors, NonNumberAndNonFiniteData) {
  json::Value doc = valid_doc();
  json::Array& data = member(member(member(doc, "params"), "rnn.bias_ih_l0"), "data").as_array();
  data[4] = json::Value();
  EXPECT_EQ(error_of(doc), "params.rnn.bias_ih_l0.data[4] must be a number, got null");
  // 1e39 is a fine double but overflows float32.
  data[4] = json::Value(1e39);
  EXPECT_EQ(error_of(doc), "params.rnn.bias_ih_l0.data[4] = 1e+39 is not a finite float32 number");
  std::string error;
  EXPECT_TRUE(weights_from_json<double>(doc, &error)) << error;  // fine in float64
}

TEST(WeightsIoErrors, ParamEntryWithExtraField) {
  json::Value doc = valid_doc();
  member(member(doc, "params"), "head.bias").as_object().emplace_back("dtype", json::Value(std::string("f32")));
  EXPECT_EQ(error_of(doc), "params.head.bias has an unknown field \"dtype\"; allowed fields: shape, data");
}

// Sizes at the limit with no data must fail on the first shape, before the
// (huge) model is allocated.
TEST(WeightsIoErrors, HugeSizesWithoutDataFailBeforeAllocating) {
  std::string error;
  const std::string text =
      R"({"arch":"lstm","input_size":4096,"hidden_size":4096,"num_layers":4,"output_size":4096,"params":{}})";
  EXPECT_FALSE(weights_from_text<float>(text, &error));
  EXPECT_TRUE(contains(error, "params is missing \"rnn.weight_ih_l0\"")) << error;
}

}  // namespace
}  // namespace unroll
