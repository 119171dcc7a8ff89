// libFuzzer entry for the batch reader (core/io/batch_io): the first byte
// picks the model's input and output sizes, the rest is the batch file. It
// either loads with every size consistent and every class in range, or
// gives an error.
#include <cstdint>

#include "core/io/batch_io.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  RnnSpec spec;
  spec.input = 1 + data[0] % 8;
  spec.output = 1 + (data[0] >> 3) % 8;
  spec.hidden = 2;
  const std::string_view text = fuzz::bytes(data + 1, size - 1);
  json::Value doc;
  json::ParseError pe;
  if (!json::parse(text, &doc, &pe)) return 0;  // fuzz_json covers the parser
  std::string error;
  std::optional<Batch<float>> b = batch_from_json<float>(doc, spec, &error);
  if (!b) {
    fuzz::check_message("fuzz_batch", error);
    return 0;
  }
  const Index n = b->T * b->B;
  if (b->T < 1 || b->B < 1 || b->I != spec.input || b->O != spec.output || b->x.rows() != b->I ||
      b->x.cols() != n || b->weight.size() != size_t(n))
    fuzz::fail("fuzz_batch", "inconsistent sizes", std::string(text));
  if (b->loss == LossKind::Mse) {
    if (b->y.rows() != b->O || b->y.cols() != n || !b->y.allFinite())
      fuzz::fail("fuzz_batch", "bad regression targets", std::string(text));
  } else {
    if (b->target.size() != size_t(n)) fuzz::fail("fuzz_batch", "wrong number of classes", std::string(text));
    for (int t : b->target)
      if (t < 0 || t >= b->O) fuzz::fail("fuzz_batch", "class out of range", std::to_string(t));
  }
  if (!b->x.allFinite()) fuzz::fail("fuzz_batch", "non-finite input", std::string(text));
  return 0;
}
