// `unroll grad`: one forward and backward pass of a weights file on a batch
// file, printing the loss and every parameter's gradient in PyTorch's names
// and layout. tests/parity/torch_parity.py compares it with PyTorch.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include "cli/files.h"
#include "cli/options.h"
#include "commands.h"
#include "grad_transformer_layer.h"
#include "core/io/batch_io.h"
#include "core/layers/loss.h"
#include "core/rnn/bptt.h"
#include "core/io/weights_io.h"

namespace unroll::cli {

namespace {

const char* kGradHead =
    "usage: unroll grad --weights W.json --batch B.json [options]\n"
    "\n"
    "One forward and backward pass; prints to stdout\n"
    "  {\"loss\": x, \"grads\": {\"rnn.weight_ih_l0\": {\"shape\": [...], \"data\": [...]}, ...}}\n"
    "with PyTorch's parameter names, shapes and row-major data.\n"
    "\n"
    "options:\n";

const char* kGradFoot =
    "\n"
    "A weights file with \"arch\": \"transformer_encoder_layer\" is one\n"
    "torch.nn.TransformerEncoderLayer (norm_first, relu, no dropout) instead;\n"
    "see src/cli/grad_transformer_layer.h for its formats.\n"
    "Input files larger than 128 MiB are refused before they are read; output\n"
    "files are written to a temporary file and renamed over the target.\n"
    "\n"
    "Exit status: 0 ok, 1 bad, unreadable or unwritable file, 2 bad arguments.\n";

// Files above this size are refused before reading (the JSON reader's limit).
constexpr size_t kMaxFileBytes = json::Limits{}.max_bytes;

struct Args {
  std::string weights, batch, out, write_weights;
  bool use_double = false;
};

OptionParser grad_options(Args* a) {
  OptionParser p("unroll grad");
  p.text("--weights", "PATH", &a->weights, "weights JSON (PyTorch layout, see src/core/io/weights_io.h)");
  p.text("--batch", "PATH", &a->batch,
         "batch JSON, time-major:\n"
         "  {\"loss\": \"mse\",  \"x\": [T][B][I], \"y\": [T][B][O]}\n"
         "  {\"loss\": \"xent\", \"x\": [T][B][I], \"targets\": [T][B]}\n"
         "every timestep counts; the loss is the mean");
  p.text("--out", "PATH", &a->out, "write the result there instead of stdout");
  p.flag("--double", &a->use_double, "compute in float64 (default float32, like PyTorch)");
  p.text("--write-weights", "PATH", &a->write_weights,
         "also write the weights back out as unroll exports\n"
         "them (lets a test check the exporter)");
  return p;
}

// 0 ok, 2 bad usage (message printed), -1 --help printed.
int parse_args(int argc, char** argv, Args* a) {
  std::string error;
  switch (grad_options(a).parse(argc, argv, &error)) {
    case OptionParser::Result::Help:
      std::printf("%s%s%s", kGradHead, grad_options(a).help().c_str(), kGradFoot);
      return -1;
    case OptionParser::Result::Error:
      std::fprintf(stderr, "%s\n", error.c_str());
      return kExitUsage;
    case OptionParser::Result::Ok: break;
  }
  if (a->weights.empty() || a->batch.empty()) {
    std::fprintf(stderr, "unroll grad: both --weights and --batch are required (see 'unroll grad --help')\n");
    return kExitUsage;
  }
  return 0;
}

bool read_file(const std::string& path, std::string* out, std::string* error) {
  return read_bounded(path, kMaxFileBytes, "the input file limit", out, error);
}

// The whole command in scalar type S. Returns the exit code.
template <class S>
int run(const Args& a) {
  std::string text, error;
  if (!read_file(a.weights, &text, &error)) {
    std::fprintf(stderr, "unroll grad: %s\n", error.c_str());
    return 1;
  }
  {
    // A single Transformer encoder layer (grad_transformer_layer.h) has its
    // own weights and batch format; everything else is a recurrent model.
    json::Value wdoc;
    json::ParseError wpe;
    if (json::parse(text, &wdoc, &wpe) && is_transformer_layer_doc(wdoc)) {
      std::string btext, out;
      json::Value bdoc;
      json::ParseError bpe;
      if (!read_file(a.batch, &btext, &error)) {
        std::fprintf(stderr, "unroll grad: %s\n", error.c_str());
        return 1;
      }
      if (!json::parse(btext, &bdoc, &bpe)) {
        std::fprintf(stderr, "unroll grad: batch file '%s': not valid JSON: %s\n", a.batch.c_str(),
                     bpe.to_string().c_str());
        return 1;
      }
      if (!grad_transformer_layer<S>(wdoc, bdoc, &out, &error)) {
        std::fprintf(stderr, "unroll grad: '%s' / '%s': %s\n", a.weights.c_str(), a.batch.c_str(),
                     error.c_str());
        return 1;
      }
      if (!a.out.empty()) {
        if (!write_file(a.out, out, &error)) {
          std::fprintf(stderr, "unroll grad: %s\n", error.c_str());
          return 1;
        }
      } else {
        std::fwrite(out.data(), 1, out.size(), stdout);
      }
      return 0;
    }
  }
  std::optional<RnnStack<S>> model = weights_from_text<S>(text, &error);
  if (!model) {
    std::fprintf(stderr, "unroll grad: weights file '%s': %s\n", a.weights.c_str(), error.c_str());
    return 1;
  }
  if (!read_file(a.batch, &text, &error)) {
    std::fprintf(stderr, "unroll grad: %s\n", error.c_str());
    return 1;
  }
  json::Value doc;
  json::ParseError pe;
  if (!json::parse(text, &doc, &pe)) {
    std::fprintf(stderr, "unroll grad: batch file '%s': not valid JSON: %s\n", a.batch.c_str(),
                 pe.to_string().c_str());
    return 1;
  }
  std::optional<Batch<S>> batch = batch_from_json<S>(doc, model->spec(), &error);
  if (!batch) {
    std::fprintf(stderr, "unroll grad: batch file '%s': %s\n", a.batch.c_str(), error.c_str());
    return 1;
  }
  text.clear();
  doc = json::Value();

  // One pass over the whole sequence: forward, mean loss, backward.
  RnnStack<S>& m = *model;
  RnnWorkspace<S> ws;
  ws.resize(m.spec(), batch->T, batch->B);
  ws.reset_state();
  m.zero_grad();
  const double N = batch->counted();
  forward_chunk<S>(m, batch->x, 0, batch->T, ws);
  const double loss = loss_chunk(*batch, ws.out, 0, batch->T, 1.0 / N, ws.dout) / N;
  backward_chunk<S>(m, batch->x, 0, batch->T, ws);

  // JSON has no NaN/Inf: say which tensor diverged instead of writing nulls.
  if (!std::isfinite(loss)) {
    std::fprintf(stderr, "unroll grad: the loss is not finite (%g): the weights or inputs overflow\n", loss);
    return 1;
  }
  for (const auto& p : m.params())
    if (!p.grad.allFinite()) {
      std::fprintf(stderr, "unroll grad: the gradient of %s is not finite\n", p.name.c_str());
      return 1;
    }

  json::Writer w;
  w.begin_object();
  w.key("loss");
  w.number(loss);
  w.newline();
  w.key("grads");
  write_param_dict(w, m, /*grad=*/true);
  w.end_object();
  const std::string out = w.str() + "\n";
  if (!a.write_weights.empty() && !write_file(a.write_weights, weights_to_json(m), &error)) {
    std::fprintf(stderr, "unroll grad: %s\n", error.c_str());
    return 1;
  }
  if (!a.out.empty()) {
    if (!write_file(a.out, out, &error)) {
      std::fprintf(stderr, "unroll grad: %s\n", error.c_str());
      return 1;
    }
  } else {
    std::fwrite(out.data(), 1, out.size(), stdout);  // checked once in main()
  }
  return 0;
}

}  // namespace

int cmd_grad(int argc, char** argv) {
  Args a;
  const int rc = parse_args(argc, argv, &a);
  if (rc != 0) return rc < 0 ? 0 : rc;
  try {
    return a.use_double ? run<double>(a) : run<float>(a);
  } catch (const std::bad_alloc&) {
    // Sizes are validated, but T*B*H of a valid file can still exceed memory.
    std::fprintf(stderr, "unroll grad: out of memory (the batch or model is too large for this machine)\n");
    return 1;
  }
}

}  // namespace unroll::cli
