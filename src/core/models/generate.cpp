#include "core/models/generate.h"

#include "core/rnn/bptt.h"

namespace unroll {
namespace {

bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

}  // namespace

bool generate_text(const RnnStack<float>& model, const TextTask& task,
                   const std::string& prime, int n, double temperature, Rng& rng,
                   std::string* text, std::string* error) {
  const Index V = task.input_size();
  if (model.spec().input != V || model.spec().output != task.output_size())
    return fail(error, "the model reads " + std::to_string(model.spec().input) +
                           " inputs and writes " + std::to_string(model.spec().output) +
                           " outputs, but the text's vocabulary has " + std::to_string(V) +
                           " characters");
  if (n < 1 || n > kMaxGenerateChars)
    return fail(error, "the number of characters to generate is " + std::to_string(n) +
                           "; allowed: 1 to " + std::to_string(kMaxGenerateChars));
  std::vector<int> ids;
  std::string why;
  if (!task.encode(prime, &ids, &why)) return fail(error, "seed text: " + why);
  if (ids.empty())
    return fail(error, "the seed text is empty; give at least one character for the model to start from");
  if (ids.size() > kMaxPrimeChars)
    return fail(error, "the seed text has " + std::to_string(ids.size()) +
                           " characters; allowed: at most " + std::to_string(kMaxPrimeChars));

  // One sequence (B = 1) of P + n - 1 steps: the prime, then every sampled
  // character except the last (nothing reads it back).
  const Index P = Index(ids.size()), T = P + n - 1;
  RnnWorkspace<float> ws;
  ws.resize(model.spec(), T, 1);
  ws.reset_state();
  Mat<float> x = Mat<float>::Zero(V, T);  // one-hot inputs   V x T*1
  for (Index t = 0; t < P; ++t) x(ids[size_t(t)], t) = 1.0f;
  // The prime in one chunk; the state carries over into the steps below.
  forward_chunk<float>(model, x, 0, P, ws);

  std::vector<int> made;
  made.reserve(size_t(n));
  for (Index t = P - 1;; ++t) {
    // ws.out column t: logits for the character after input t   V x 1
    const int next = sample_token(ws.out.col(t).data(), V, temperature, rng);
    made.push_back(next);
    if (Index(made.size()) == n) break;
    x(next, t + 1) = 1.0f;
    forward_chunk<float>(model, x, t + 1, t + 2, ws);
  }
  *text = task.decode(made);
  return true;
}

}  // namespace unroll
