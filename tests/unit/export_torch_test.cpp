// export-torch without PyTorch (core/export): every key is known, every
// task and model kind exports a complete script, refusals name the problem;
// and --dump-batches writes exactly the batch a step trains on. The
// scripts' numbers against `unroll train` are tests/torch (label torch).
#include <gtest/gtest.h>

#include "core/export/export_torch.h"
#include "core/export/template.h"
#include "core/models/recurrent_net.h"
#include "core/train/batch_dump.h"
#include "core/train/experiment.h"

namespace unroll {
namespace {

Config config_of(const std::string& q) {
  std::vector<ConfigError> errors;
  Config c = Config::parse(q, &errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  return c;
}

std::string exported(const std::string& q, const TorchExportInput& in = {}) {
  std::string error;
  const std::string s = export_torch(config_of(q), in, &error);
  EXPECT_FALSE(s.empty()) << q << ": " << error;
  return s;
}

TEST(ExportTorch, KnowsEveryKeyOfTheTableInOrder) {
  std::vector<std::string> table;
  for (const KeyDef& k : key_table()) table.push_back(k.name);
  EXPECT_EQ(torch_export_keys(), table)
      << "a key was added to the table: teach core/export/ to honour it, then list it in export_torch.cpp";
}

TEST(ExportTorch, EveryTaskAndModelKindExportsACompleteScript) {
  const char* models[] = {"model=rnn&arch=rnn_tanh", "model=rnn&arch=rnn_relu", "model=rnn&arch=lstm",
                          "model=rnn&arch=gru&tbptt=5&tbptt_update=chunk", "model=transformer&pos=learned"};
  const char* tasks[] = {"adding", "copy", "parity", "reber&T=20", "sine", "text", "reverse", "repeat",
                         "sort", "addition&T=3"};
  for (const char* m : models)
    for (const char* t : tasks) {
      const std::string q = std::string("v=1&") + m + "&task=" + t;
      const std::string s = exported(q);
      EXPECT_EQ(s.find("{{"), std::string::npos) << q;
      EXPECT_NE(s.find("def make_task()"), std::string::npos) << q;
      EXPECT_NE(s.find("def initialise(net, gen)"), std::string::npos) << q;
      EXPECT_NE(s.find("if __name__ == \"__main__\":"), std::string::npos) << q;
    }
  for (const char* attn : {"none", "bahdanau", "luong"})
    for (const char* t : {"reverse", "addition"}) {
      const std::string s = exported(std::string("v=1&model=seq2seq&attn=") + attn + "&task=" + t);
      EXPECT_NE(s.find("class EncoderDecoder(nn.Module)"), std::string::npos);
      EXPECT_EQ(s.find("class BahdanauAttention") != std::string::npos, std::string(attn) == "bahdanau");
      EXPECT_EQ(s.find("class LuongAttention") != std::string::npos, std::string(attn) == "luong");
    }
  // The Transformer: encoder-decoder on pairs, decoder-only on one stream.
  EXPECT_NE(exported("v=1&model=transformer&task=sort").find("nn.TransformerDecoder("), std::string::npos);
  EXPECT_EQ(exported("v=1&model=transformer&task=text").find("nn.TransformerDecoder("), std::string::npos);
}

TEST(ExportTorch, TheHeaderListsEveryKeyAndWhatTheExperimentDoesNotRead) {
  const std::string s = exported("v=1&model=seq2seq&task=reverse&init=orthogonal&hidden=8");
  for (const KeyDef& k : key_table()) EXPECT_NE(s.find("#   " + k.name + "="), std::string::npos) << k.name;
  EXPECT_NE(s.find("#   init=orthogonal"), std::string::npos);
  EXPECT_NE(s.find("not read by Unroll's encoder-decoder either"), std::string::npos);
  const size_t at = s.find("#   d_model=64 ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(s.substr(at, s.find('\n', at) - at).find("(not read by this experiment)") == std::string::npos, false);
}

TEST(ExportTorch, RefusesWhatItCannotHonour) {
  std::string error;
  EXPECT_EQ(export_torch(config_of("v=1&task=text&corpus=user"), {}, &error), "");
  EXPECT_NE(error.find("--text FILE"), std::string::npos) << error;
  // task=series has no Python port: refused by name, with or without data.
  TorchExportInput csv;
  csv.text = "1\n2\n3\n4\n5\n";
  EXPECT_EQ(export_torch(config_of("v=1&task=series&T=2"), csv, &error), "");
  EXPECT_NE(error.find("task=series (your CSV data) cannot be exported to PyTorch yet"), std::string::npos) << error;
  EXPECT_EQ(export_torch(config_of("v=1&model=seq2seq&task=adding"), {}, &error), "");
  EXPECT_NE(error.find("model=seq2seq needs a sequence-to-sequence task"), std::string::npos) << error;
  // Weights of another model: refused, naming the tensor.
  auto e = Experiment::create(config_of("v=1&arch=gru&hidden=4&T=5"), "", &error);
  ASSERT_TRUE(e) << error;
  TorchExportInput in;
  in.weights = &e->params();
  EXPECT_EQ(export_torch(config_of("v=1&arch=gru&hidden=5&T=5"), in, &error), "");
  EXPECT_NE(error.find("rnn.weight_ih_l0"), std::string::npos) << error;
  EXPECT_FALSE(exported("v=1&arch=gru&hidden=4&T=5", in).empty());
}

TEST(ExportTorch, UserTextIsEmbeddedAsAPythonString) {
  TorchExportInput in;
  in.text = "a \"quoted\" line\\\nsecond\tline\r\n\x01 ção";
  const std::string s = exported("v=1&task=text&corpus=user&T=4", in);
  EXPECT_NE(s.find("    \"a \\\"quoted\\\" line\\\\\\n\"\n    \"second\\tline\\r\\n\"\n    \"\\x01 ção\"\n"),
            std::string::npos);
}

TEST(ExportTorchTemplate, FillRefusesUnknownAndUnusedNames) {
  using torch_export::fill;
  EXPECT_EQ(fill("a {{X}} b {{X}}", {{"X", "1"}}), "a 1 b 1");
  EXPECT_THROW(fill("{{Y}}", {{"X", "1"}}), std::logic_error);
  EXPECT_THROW(fill("no names", {{"X", "1"}}), std::logic_error);
  EXPECT_EQ(torch_export::py_float(1), "1.0");
  EXPECT_EQ(torch_export::py_float(0.001), "0.001");
}

// The dump is the batch the step then trains on, and drawing it leaves the
// run's numbers alone.
TEST(BatchDump, IsTheBatchTheNextStepDrawsAndChangesNothing) {
  const Config cfg = config_of("v=1&arch=lstm&hidden=4&task=copy&T=3&batch=3");
  std::string error;
  auto a = Experiment::create(cfg, "", &error), b = Experiment::create(cfg, "", &error);
  ASSERT_TRUE(a && b) << error;
  for (int s = 0; s < 3; ++s) {
    const std::string line = next_batch_json(*a);
    a->step();
    b->step();
    EXPECT_EQ(a->last().loss, b->last().loss);
    json::Value doc;
    json::ParseError pe;
    ASSERT_TRUE(json::parse(line, &doc, &pe)) << pe.to_string();
    EXPECT_EQ(doc.find("step")->as_number(), double(s + 1));
    const Batch<float>& drawn = static_cast<const RecurrentNet&>(a->net()).batch();
    const json::Array& x = doc.find("x")->as_array();
    const json::Array& targets = doc.find("targets")->as_array();
    ASSERT_EQ(Index(x.size()), drawn.T);
    for (Index t = 0; t < drawn.T; ++t)
      for (Index bb = 0; bb < drawn.B; ++bb) {
        EXPECT_EQ(targets[size_t(t)].as_array()[size_t(bb)].as_number(), drawn.target[size_t(t * drawn.B + bb)]);
        for (Index f = 0; f < drawn.I; ++f)
          EXPECT_EQ(float(x[size_t(t)].as_array()[size_t(bb)].as_array()[size_t(f)].as_number()),
                    drawn.x(f, t * drawn.B + bb));
      }
  }
}

}  // namespace
}  // namespace unroll
