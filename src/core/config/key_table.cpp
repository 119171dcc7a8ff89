// The one table of experiment keys. URL parsing, validation messages, the UI
// widgets and the README key list are all generated from it, so a key is
// added, renamed or re-ranged here and nowhere else.
//
// Order matters: groups appear in UI order and to_query() writes keys in
// table order. Defaults are written in their canonical URL spelling (a unit
// test checks that parsing each default gives back the same text).
#include <algorithm>

#include "core/config/config.h"

namespace unroll {
namespace {

KeyDef int_key(const char* group, const char* name, const char* label,
               long long def, long long lo, long long hi, const char* help,
               bool needs_reset = true) {
  KeyDef k;
  k.name = name;
  k.type = KeyType::Int;
  k.def = std::to_string(def);
  k.lo = static_cast<double>(lo);
  k.hi = static_cast<double>(hi);
  k.group = group;
  k.label = label;
  k.help = help;
  k.needs_reset = needs_reset;
  return k;
}

KeyDef float_key(const char* group, const char* name, const char* label,
                 const char* def, double lo, double hi, const char* help,
                 bool needs_reset = true, bool log_scale = false) {
  KeyDef k;
  k.name = name;
  k.type = KeyType::Float;
  k.def = def;
  k.lo = lo;
  k.hi = hi;
  k.group = group;
  k.label = label;
  k.help = help;
  k.needs_reset = needs_reset;
  k.log_scale = log_scale;
  return k;
}

KeyDef enum_key(const char* group, const char* name, const char* label,
                const char* def, std::vector<std::string> choices,
                const char* help, bool needs_reset = true) {
  KeyDef k;
  k.name = name;
  k.type = KeyType::Enum;
  k.def = def;
  k.choices = std::move(choices);
  k.group = group;
  k.label = label;
  k.help = help;
  k.needs_reset = needs_reset;
  return k;
}

KeyDef text_key(const char* group, const char* name, const char* label, TextRule rule,
               const char* allowed, const char* help) {
  KeyDef k;
  k.name = name;
  k.type = KeyType::Text;
  k.def = "";
  k.rule = rule;
  k.max_len = 4096;
  k.allowed_text = allowed;
  k.group = group;
  k.label = label;
  k.help = help;
  return k;
}

std::vector<KeyDef> build_table() {
  constexpr bool kLive = false;  // needs_reset = false: may change mid-run
  std::vector<KeyDef> t;

  // ---- link -----------------------------------------------------------
  t.push_back(int_key("link", "v", "Link version", 1, 1, 1,
      "Version of the link format; always 1. It does not change learning: it "
      "lets future versions read old links correctly."));

  // ---- model ----------------------------------------------------------
  t.push_back(enum_key("model", "model", "Model", "rnn",
      {"rnn", "seq2seq", "transformer"},
      "rnn = one stack of recurrent cells reading the sequence; seq2seq = a "
      "recurrent encoder whose final state (the context vector) starts a "
      "decoder, optionally with attention; transformer = attention only, no "
      "recurrence (encoder-decoder on reverse/repeat/sort/addition, "
      "decoder-only on the other tasks)."));
  t.push_back(enum_key("model", "arch", "Cell", "lstm",
      {"rnn_tanh", "rnn_relu", "lstm", "gru"},
      "Recurrent cell. Plain RNNs (tanh or ReLU) suffer most from vanishing or "
      "exploding gradients; LSTM and GRU gates let gradients survive long "
      "delays. Also the encoder/decoder cell of model=seq2seq."));
  t.push_back(int_key("model", "layers", "Layers", 1, 1, 4,
      "Number of stacked layers: recurrent layers for model=rnn, encoder and "
      "decoder layers each for model=seq2seq, encoder and decoder blocks each "
      "for model=transformer. More layers add capacity but make each step "
      "slower and, for recurrent layers, the gradient path longer."));
  t.push_back(int_key("model", "hidden", "Hidden units", 64, 1, 512,
      "Size H of each layer's hidden state. Larger H remembers more and fits "
      "faster per step, but each step costs about H squared."));
  t.push_back(enum_key("model", "init", "Init", "pytorch",
      {"pytorch", "xavier", "orthogonal", "identity"},
      "How weights start: pytorch = uniform(-1/sqrt(H), 1/sqrt(H)); xavier = "
      "Glorot uniform; orthogonal W_hh keeps gradient norms steady early on; "
      "identity = scaled identity W_hh (IRNN), which lets a ReLU RNN carry "
      "information far."));
  t.push_back(float_key("model", "rho", "Spectral radius", "0", 0, 10,
      "0 keeps the init's own scale; above 0 rescales each H x H gate block "
      "of W_hh to this spectral radius. Below 1 gradients vanish over time. "
      "Above 1 they can explode, but the tanh slopes shrink them too, so "
      "rho > 1 is not enough: in an Elman network on adding, T=50, "
      "orthogonal init, ||dL/dh_1|| is 0.9 x ||dL/dh_T|| at rho=1.2 and "
      "39 x at rho=1.5."));
  t.push_back(float_key("model", "fbias", "Forget bias", "1", -10, 10,
      "LSTM forget-gate bias (the b_ih forget rows; b_hh forget rows are 0). "
      "A positive bias makes the cell remember by default, which helps long "
      "delays; ignored by other cells."));
  t.push_back(enum_key("model", "attn", "Attention", "none",
      {"none", "bahdanau", "luong"},
      "seq2seq only: none = the decoder sees the source only through the "
      "context vector (a bottleneck that fails on long inputs); bahdanau = "
      "additive scores v.tanh(W_q d + W_k e); luong = general scores d.W e. "
      "With attention every decoder step looks at all encoder states."));
  t.push_back(int_key("model", "d_model", "Model width", 64, 16, 128,
      "Transformer: size of every token vector. Must be a multiple of heads."));
  t.push_back(int_key("model", "heads", "Heads", 4, 1, 8,
      "Transformer: attention heads per layer; each attends with "
      "d_model/heads dimensions, so heads can look at different positions."));
  t.push_back(int_key("model", "ff", "Feed-forward size", 128, 16, 512,
      "Transformer: hidden units of each block's feed-forward layer, "
      "W2 relu(W1 x + b1) + b2, applied to every position on its own."));
  t.push_back(enum_key("model", "pos", "Positions", "sinusoidal",
      {"sinusoidal", "learned"},
      "Transformer: how a token knows where it is. sinusoidal = fixed sines "
      "and cosines, defined for any length; learned = one trained vector per "
      "position, unknown beyond the longest length trained or evaluated."));

  // ---- task -----------------------------------------------------------
  t.push_back(enum_key("task", "task", "Task", "adding",
      {"adding", "copy", "parity", "reber", "sine", "text", "reverse",
       "repeat", "sort", "addition", "series"},
      "What the network must learn: add two marked numbers, copy symbols "
      "after a delay, running parity of bits, embedded Reber grammar, "
      "predict summed sines, next-character text; or map T digits to T "
      "digits: reversed, repeated, sorted, or the sum of two numbers of up "
      "to T digits written as text (123+45= gives 168); series = your own "
      "numbers from a CSV file or pasted text (next-step prediction, or "
      "classification by a label column)."));
  t.push_back(int_key("task", "T", "Sequence length", 50, 1, 1000,
      "Steps per sequence (for copy: the blank delay). Longer sequences make "
      "the dependencies longer and the gradients harder to carry."));
  t.push_back(int_key("task", "eval_T", "Evaluate at length", 0, 0, 1000,
      "reverse/repeat/sort/addition: also measure greedy-decoding accuracy on "
      "inputs of this length (0 = the training T). Longer than trained shows "
      "whether the model learned the rule or the length."));
  t.push_back(int_key("task", "symbols", "Symbols to copy", 5, 1, 20,
      "Copy task: how many symbols must be remembered across the delay. "
      "More symbols need more memory capacity."));
  t.push_back(int_key("task", "alphabet", "Alphabet", 8, 2, 32,
      "Copy task: number of distinct symbols. A larger alphabet lowers the "
      "chance baseline and needs more precise memory."));
  t.push_back(enum_key("task", "parity_at", "Parity target", "end",
      {"every", "end"},
      "Parity task: a target at every step (dense, easy signal) or only at "
      "the end (one signal that must travel back through all T steps)."));
  t.push_back(int_key("task", "waves", "Sine waves", 2, 1, 5,
      "Sine task: how many sines are summed. More waves make the signal "
      "harder to predict and need longer memory."));
  t.push_back(enum_key("task", "corpus", "Corpus", "tiny", {"tiny", "user"},
      "Text task: the built-in tiny corpus or text you paste. More varied "
      "text takes longer to learn."));
  t.push_back(text_key("task", "columns", "Columns", TextRule::List,
      "empty or names / 1-based indices, comma-separated",
      "Series task: the CSV columns the model reads, by header name or "
      "1-based index (empty = every numeric column but the label). Several "
      "columns make a multivariate series: each step predicts all of them."));
  t.push_back(text_key("task", "label", "Label column", TextRule::Item,
      "empty or one name / 1-based index",
      "Series task: a column to classify windows by (empty = predict the "
      "next row, regression with MSE). With a label, each window of T rows "
      "with one label is a sequence to classify (cross-entropy)."));
  t.push_back(text_key("task", "norm", "Normalisation", TextRule::Pairs,
      "empty or mean:std per column, comma-separated",
      "Series task: each input column becomes (value - mean) / std. Empty = "
      "computed from the data (the page writes what it computed into the "
      "link, so the link reproduces the run on the same file). Unscaled "
      "columns of very different sizes make learning slow."));
  t.back().max_len = 16384;  // ~40 characters per column

  // ---- training -------------------------------------------------------
  t.push_back(enum_key("training", "optim", "Optimizer", "adam",
      {"sgd", "momentum", "rmsprop", "adam"},
      "Update rule. SGD follows the raw gradient; momentum smooths it; "
      "RMSProp and Adam scale each weight's step by its gradient size, which "
      "copes better with badly scaled RNN gradients."));
  t.push_back(float_key("training", "lr", "Learning rate", "0.01", 1e-6, 10,
      "Step size of each update. Too small learns slowly; too large "
      "diverges or makes the loss spike.", kLive, true));
  t.push_back(float_key("training", "momentum", "Momentum", "0.9", 0, 0.999,
      "Momentum (optim=momentum): how much of past updates carries on. "
      "Higher smooths noise but overshoots more. Adam and RMSProp keep their "
      "own fixed averages (beta1 = 0.9, beta2 = 0.999; decay 0.99).",
      kLive));
  t.push_back(float_key("training", "wd", "Weight decay", "0", 0, 1,
      "Shrinks every weight toward zero each step. A little regularizes; "
      "too much stops the network from remembering.", kLive));
  t.push_back(int_key("training", "batch", "Batch size", 32, 1, 512,
      "Sequences per update. Larger batches give smoother gradients but "
      "fewer updates per second."));
  t.push_back(enum_key("training", "clip", "Gradient clipping", "norm",
      {"off", "norm", "value"},
      "Limits exploding gradients: norm rescales the whole gradient when its "
      "norm exceeds clip_at (direction kept), value clamps each entry to "
      "+-clip_at (the direction can change and the norm is not bounded by "
      "clip_at), off leaves spikes through.", kLive));
  t.push_back(float_key("training", "clip_at", "Clip threshold", "1", 1e-6,
      1e6, "Threshold for gradient clipping. Smaller is safer against "
      "explosions but slows learning when gradients are legitimately large.",
      kLive, true));
  t.push_back(int_key("training", "tbptt", "Truncate BPTT", 0, 0, 1000,
      "0 = full backpropagation through time; k = cut the gradient every k "
      "steps. Truncation bounds explosion to k steps but cannot learn "
      "dependencies longer than k; each step is still computed forward and "
      "backward once, so a training step costs about the same."));
  t.push_back(enum_key("training", "tbptt_update", "TBPTT update", "batch",
      {"batch", "chunk"},
      "With truncation: update once per batch with gradients summed over "
      "chunks, or after every chunk (more, noisier updates)."));
  t.push_back(int_key("training", "seed", "Seed", 1, 0, 2147483647,
      "Seed for weights and data. Same seed and settings give bit-identical "
      "runs; other seeds show how much luck is involved."));

  // Which keys matter for which experiments (the UI hides the others).
  const std::pair<const char*, const char*> shown_if[] = {
      {"arch", "model!=transformer"},   {"hidden", "model!=transformer"},
      {"init", "model!=transformer"},   {"rho", "model!=transformer"},
      {"fbias", "arch=lstm;model!=transformer"},
      {"attn", "model=seq2seq"},        {"d_model", "model=transformer"},
      {"heads", "model=transformer"},   {"ff", "model=transformer"},
      {"pos", "model=transformer"},     {"eval_T", "model!=rnn"},
      {"symbols", "task=copy"},         {"alphabet", "task=copy"},
      {"parity_at", "task=parity"},     {"waves", "task=sine"},
      {"corpus", "task=text"},          {"momentum", "optim=momentum"},
      {"columns", "task=series"},       {"label", "task=series"},
      {"norm", "task=series"},
      {"clip_at", "clip!=off"},         {"tbptt", "model=rnn"},
      {"tbptt_update", "tbptt!=0;model=rnn"},
  };
  for (const auto& [name, cond] : shown_if)
    for (KeyDef& k : t)
      if (k.name == name) k.shown_if = cond;
  return t;
}

}  // namespace

const std::vector<KeyDef>& key_table() {
  static const std::vector<KeyDef> table = build_table();
  return table;
}

const KeyDef* find_key(std::string_view name) {
  const auto& t = key_table();
  auto it = std::find_if(t.begin(), t.end(),
                         [&](const KeyDef& k) { return k.name == name; });
  return it == t.end() ? nullptr : &*it;
}

}  // namespace unroll
