// libFuzzer entry for the text corpus decoder (core/tasks: decode_utf8 and
// TextTask::create). The first byte picks T, the rest is the corpus. Valid
// UTF-8 re-encodes to the same bytes; a corpus the task accepts encodes to
// its own ids, decodes back character for character, and its batches hold
// only its classes.
#include <cstdint>

#include "core/tasks/tasks.h"
#include "fuzz_common.h"

using namespace unroll;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Index T = 1 + data[0] % 32;
  const std::string corpus(fuzz::bytes(data + 1, size - 1));

  std::vector<char32_t> cps;
  std::string error;
  if (decode_utf8(corpus, &cps, &error)) {
    std::string again;
    for (char32_t c : cps) again += encode_utf8(c);
    if (again != corpus) fuzz::fail("fuzz_text", "UTF-8 round trip changed the bytes", corpus);
  } else {
    fuzz::check_message("fuzz_text", error);
  }

  std::unique_ptr<TextTask> task = TextTask::create(corpus, T, &error);
  if (!task) {
    fuzz::check_message("fuzz_text", error);
    return 0;
  }
  const Index V = task->input_size();
  if (V < 1 || size_t(V) > kMaxVocab || task->output_size() != V || Index(task->vocab().size()) != V)
    fuzz::fail("fuzz_text", "vocabulary size", std::to_string(V));
  for (int id : task->corpus_ids())
    if (id < 0 || id >= V) fuzz::fail("fuzz_text", "corpus id out of range", std::to_string(id));
  if (Index(task->corpus_ids().size()) < T + 1) fuzz::fail("fuzz_text", "corpus shorter than T+1", corpus);
  // Encoding the corpus and decoding it gives the normalised corpus back.
  std::vector<int> ids;
  if (!task->encode(corpus, &ids, &error)) fuzz::fail("fuzz_text", "the corpus does not encode", error);
  std::vector<int> normalised = task->corpus_ids();
  if (ids != normalised) fuzz::fail("fuzz_text", "encode differs from the corpus ids", corpus);
  // decode() is the exact inverse of the ids (encode() would normalise
  // again: "\r\r\n" is "\r\n" once normalised, by design).
  std::vector<char32_t> out_cps;
  if (!decode_utf8(task->decode(ids), &out_cps, &error) || out_cps.size() != ids.size())
    fuzz::fail("fuzz_text", "decode() is not valid UTF-8 of one code point per id", corpus);
  for (size_t k = 0; k < ids.size(); ++k)
    if (encode_utf8(out_cps[k]) != task->vocab()[size_t(ids[k])])
      fuzz::fail("fuzz_text", "decode() gives another character than the vocabulary", corpus);
  Rng rng(1);
  Batch<float> batch;
  task->sample(rng, 2, batch);
  if (batch.T != T || batch.I != V || batch.O != V) fuzz::fail("fuzz_text", "batch sizes", corpus);
  for (int t : batch.target)
    if (t < 0 || t >= V) fuzz::fail("fuzz_text", "target class out of range", std::to_string(t));
  for (Index b = 0; b < 2; ++b) task->render(batch, Mat<float>::Zero(V, T * 2), b);
  return 0;
}
