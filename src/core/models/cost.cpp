#include "core/models/cost.h"

#include <algorithm>
#include <cstdio>

#include "core/tasks/seq2seq_task.h"

namespace unroll {
namespace {

constexpr double kF = sizeof(float);

// ---- recurrent stacks (rnn/workspace.cpp, rnn/stack.cpp) -------------------
struct Stack { CellKind cell; Index in, H, L, O; };

double stack_params(const Stack& s) {
  const double gH = double(gate_count(s.cell) * s.H);
  double p = 0;
  for (Index l = 0; l < s.L; ++l) p += gH * double((l == 0 ? s.in : s.H) + s.H) + 2 * gH;
  return p;
}

// Floats of RnnWorkspace::resize(T, B) (layers + head buffers).
double workspace_floats(const Stack& s, Index T, Index B, bool head) {
  const double H = double(s.H), gH = double(gate_count(s.cell)) * H, n = double(T * B);
  const bool lstm = s.cell == CellKind::Lstm, gru = s.cell == CellKind::Gru;
  double f = 0;
  for (Index l = 0; l < s.L; ++l) {
    const double in = double(l == 0 ? s.in : s.H);
    f += 2 * gH * n + H * (n + double(B));           // gi, act, h
    if (lstm) f += H * (n + double(B)) + H * n + H * double(B);  // c, tanh_c, dc
    if (gru) f += H * n + gH * n;                   // ghn, dgi
    f += H * n + gH * n + in * n + gH * double(B);  // dh, dgh, dx, scratch
    f += gH * H + 2.0 * double(T);                  // packed W_hh, dh_norm (doubles)
  }
  if (head) f += 2 * double(s.O) * n + H * n;  // out, dout, dtop
  return f;
}

// Floats of one Batch (x, y or class ids, weights).
double batch_floats(Index I, Index O, Index T, Index B, bool mse) {
  const double n = double(T * B);
  return double(I) * n + (mse ? double(O) * n : n) + n;
}

// ---- the Transformer (transformer.cpp, layers/transformer_block, mha) -------
double mha_params(double d) { return 4 * d * d + 4 * d; }

double transformer_params(const NetSpec& s, const TaskShape& t, Index max_len) {
  const double d = double(s.d_model), ff = double(s.ff), L = double(s.layers);
  const double block = mha_params(d) + 2 * d * ff + ff + d + 4 * d;  // attn, ff, 2 norms
  double p = L * block + d * double(t.input) + 2 * d + double(t.output) * d + double(t.output);
  if (s.pos == PosKind::Learned) p += d * double(max_len);
  if (t.pairs) {
    p += L * (mha_params(d) + 2 * d);         // cross attention, norm3 per decoder layer
    p += L * block + d * double(t.input) + 2 * d;  // encoder layers, src embedding, enc norm
    if (s.pos == PosKind::Learned) p += d * double(max_len);
  }
  return p;
}

// Floats one block caches over Tq queries and Tk keys (BlockCache), split
// into what every forward sizes and what only the backward pass sizes (a
// greedy evaluation resizes the first part only).
struct Floats { double fwd = 0, bwd = 0; double all() const { return fwd + bwd; } };

Floats block_floats(const NetSpec& s, Index Tq, Index Tk, Index B, bool cross) {
  const double d = double(s.d_model), ff = double(s.ff), heads = double(s.heads);
  const double N = double(Tq * B), Nk = double(Tk * B);
  Floats f;
  auto mha = [&](double Nkv, double tq, double tk) {
    f.fwd += d * N + 2 * d * Nkv + tk * N * heads + d * N;  // q, kv, attn (tk x tq*B*heads), ctx
    f.bwd += d * N + 2 * d * Nkv + d * N + tk * tq;          // dq, dkv, dctx, dattn
  };
  f.fwd += 2 * (d * N + N);  // ln1, ln2 (xhat, rstd)
  mha(N, double(Tq), double(Tq));
  f.fwd += ff * N + 4 * d * N;  // ff h; a, x1, b, t1
  f.bwd += ff * N + 2 * d * N;  // ff dh; t2, t3
  if (cross) {
    mha(Nk, double(Tq), double(Tk));
    f.fwd += d * N + N + 2 * d * N;  // ln3; x2, e
  }
  return f;
}

Floats transformer_pass_floats(const NetSpec& s, const TaskShape& t, Index Ts, Index Tt, Index B) {
  const double d = double(s.d_model), L = double(s.layers), O = double(t.output);
  const double N = double(Tt * B), Ns = double(Ts * B);
  Floats f;
  const Floats dec = block_floats(s, Tt, Ts, B, t.pairs);
  f.fwd += (L + 1) * d * N + L * dec.fwd + d * N + N + d * N + O * N;  // stack, final LN, top, out
  f.bwd += L * dec.bwd + 2 * d * N + O * N;                             // dh, dtmp; the net's dout
  if (t.pairs) {
    const Floats enc = block_floats(s, Ts, Ts, B, false);
    f.fwd += (L + 1) * d * Ns + L * enc.fwd + d * Ns + Ns + d * Ns;  // stack, enc LN, memory
    f.bwd += L * enc.bwd + d * Ns;                                    // dmem
  }
  f.fwd += d * double(std::max(Ts, Tt));  // the sinusoid table
  return f;
}

double transformer_flops(const NetSpec& s, const TaskShape& t, Index Ts, Index Tt, Index B) {
  const double d = double(s.d_model), ff = double(s.ff), L = double(s.layers);
  auto layer = [&](Index Tq, Index Tk, bool cross) {
    const double N = double(Tq * B);
    double f = 2 * N * (4 * d * d + 2 * d * ff) + 4 * double(Tq) * double(Tk) * d * double(B);
    if (cross) f += 2 * N * 4 * d * d + 4 * double(Tq) * double(Tk) * d * double(B);
    return f;
  };
  double f = L * layer(Tt, t.pairs ? Ts : Tt, t.pairs) + 2 * double(Tt * B) * d * double(t.output);
  if (t.pairs) f += L * layer(Ts, Ts, false);
  return 3 * f;  // forward + backward (about twice the forward)
}

// ---- the recurrent encoder-decoder (encoder_decoder.cpp, seq_attention) -----
// Floats of one teacher-forced pass over (Ts, Tt, B). fwd: what greedy
// decoding resizes too (both stacks' whole workspaces, the attention's
// forward caches, ctx/cat/hat, out); bwd: the rest (dkeys, dqp, dhat, dcat,
// dctx, dD, dE, dy, g and the net's dout), sized by training only.
Floats encdec_pass_floats(const NetSpec& s, const TaskShape& t, Index Ts, Index Tt, Index B) {
  const Stack st{s.cell, t.input, s.hidden, s.layers, t.output};
  const double H = double(s.hidden), O = double(t.output), nt = double(Tt * B), ns = double(Ts * B);
  Floats f;
  f.fwd = workspace_floats(st, Ts, B, true) + workspace_floats(st, Tt, B, true) + O * nt;
  f.bwd = O * nt + H * nt + 2 * H * ns + H * double(B);
  if (s.attn != AttnKind::None) {
    f.fwd += H * ns + double(Ts) * nt + 4 * H * nt;  // keys, attn; ctx, cat (2H), hat
    f.bwd += H * ns + 4 * H * nt;                    // dkeys; dhat, dcat (2H), dctx
    if (s.attn == AttnKind::Bahdanau) {
      f.fwd += H * nt + H * double(Ts) * nt;  // qp, z
      f.bwd += H * nt;                        // dqp
    }
  }
  return f;
}

double stack_flops(const Stack& s, Index T, Index B) {
  const double gH = double(gate_count(s.cell) * s.H), n = double(T * B);
  double f = 0;
  for (Index l = 0; l < s.L; ++l) f += 2 * gH * double((l == 0 ? s.in : s.H) + s.H) * n;
  f += 2 * double(s.O) * double(s.H) * n;
  return 3 * f;
}

}  // namespace

TaskShape task_shape(const Task& task, Index eval_T) {
  TaskShape t;
  t.input = task.input_size();
  t.output = task.output_size();
  t.T = task.seq_len();
  t.mse = task.loss() == LossKind::Mse;
  if (const auto* s = dynamic_cast<const Seq2SeqTask*>(&task)) {
    t.pairs = true;
    t.src = s->src_len();
    t.tgt = s->tgt_len();
    if (eval_T > 0) {
      std::string err;
      if (auto e = Seq2SeqTask::create(s->kind(), eval_T, &err)) {
        t.eval_src = e->src_len();
        t.eval_tgt = e->tgt_len();
      }
    }
  }
  return t;
}

CostEstimate estimate_cost(const NetSpec& s, const TaskShape& t, Index B) {
  CostEstimate c;
  const Index P = kProbeSequences, E = kEvalBatch;
  double params = 0, train = 0, probe = 0, eval = 0, flops = 0;
  // Greedy evaluation at the training length and at eval_T (pair models).
  const Index es = std::max(t.src, t.eval_src), et = std::max(t.tgt, t.eval_tgt);
  switch (s.kind) {
    case ModelKind::Recurrent: {
      const Stack st{s.cell, t.input, s.hidden, s.layers, t.output};
      params = stack_params(st) + double(t.output) * (double(s.hidden) + 1);
      train = workspace_floats(st, t.T, B, true) + batch_floats(t.input, t.output, t.T, B, t.mse);
      // The snapshot: gates, hidden (and LSTM cell) states, outputs, the batch.
      const double snap = double(s.layers) *
                              double(gate_count(s.cell) + 1 + (s.cell == CellKind::Lstm ? 1 : 0)) *
                              double(s.hidden) * double(t.T * P) +
                          double(t.output * t.T * P) + batch_floats(t.input, t.output, t.T, P, t.mse);
      probe = workspace_floats(st, t.T, P, true) + batch_floats(t.input, t.output, t.T, P, t.mse) + snap;
      flops = stack_flops(st, t.T, B);
      break;
    }
    case ModelKind::EncoderDecoder: {
      const Stack enc{s.cell, t.input, s.hidden, s.layers, t.output};
      params = 2 * stack_params(enc) + double(t.output) * (double(s.hidden) + 1);
      if (s.attn == AttnKind::Luong) params += double(s.hidden * s.hidden);
      if (s.attn == AttnKind::Bahdanau) params += 2.0 * double(s.hidden * s.hidden) + double(s.hidden);
      if (s.attn != AttnKind::None) params += 2.0 * double(s.hidden * s.hidden) + double(s.hidden);
      const double pairs = batch_floats(t.input, t.output, t.tgt, B, false) + double(t.input * t.src * B);
      const Floats pass = encdec_pass_floats(s, t, t.src, t.tgt, B);
      train = pass.all() + pairs;
      probe = 3 * (batch_floats(t.input, t.output, t.tgt, P, false) + double(t.input * t.src * P));
      // The same buffers serve training, probe and evaluation: the largest
      // forward wins (the backward-only buffers keep their training size).
      eval = std::max(0.0, encdec_pass_floats(s, t, es, et, E).fwd - pass.fwd) +
             batch_floats(t.input, t.output, et, E, false) + double(t.input * es * E);
      const Stack dec = enc;
      flops = stack_flops(enc, t.src, B) + stack_flops(dec, t.tgt, B) +
              6.0 * double(s.hidden) * double(t.src) * double(t.tgt * B);
      break;
    }
    case ModelKind::Transformer: {
      const Index Ts = t.pairs ? t.src : 0, Tt = t.pairs ? t.tgt : t.T;
      const Index max_len = t.pairs ? std::max({t.src, t.tgt, t.eval_src, t.eval_tgt}) : t.T;
      params = transformer_params(s, t, max_len);
      const double data = t.pairs ? batch_floats(t.input, t.output, Tt, B, false) + double(t.input * Ts * B)
                                  : batch_floats(t.input, t.output, Tt, B, t.mse);
      const Floats pass = transformer_pass_floats(s, t, Ts, Tt, B);
      train = pass.all() + data;
      probe = (t.pairs ? 3 * (batch_floats(t.input, t.output, Tt, P, false) + double(t.input * Ts * P))
                       : 2 * batch_floats(t.input, t.output, Tt, P, t.mse));
      probe += std::max(0.0, transformer_pass_floats(s, t, Ts, Tt, P).fwd - pass.fwd);
      if (t.pairs)
        eval = std::max(0.0, transformer_pass_floats(s, t, es, et, E).fwd - pass.fwd) +
               batch_floats(t.input, t.output, et, E, false) + double(t.input * es * E);
      flops = transformer_flops(s, t, Ts, Tt, B);
      break;
    }
  }
  c.params = 2 * params * kF;
  c.optimizer = 2 * params * kF;
  c.activations = train * kF;
  c.probe = probe * kF;
  c.eval = eval * kF;
  c.flops = flops;
  return c;
}

std::string format_bytes(double b) {
  const char* units[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (b >= 1000 && u < 5) b /= 1000, ++u;
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : b < 9.95 ? "%.1f %s" : "%.0f %s", b, units[u]);
  std::string s = buf;
  const size_t z = s.find(".0 ");
  if (z != std::string::npos) s.erase(z, 2);  // "1.0 GB" -> "1 GB"
  return s;
}

std::string format_flops(double f) {
  std::string b = format_bytes(f);
  const size_t sp = b.find(' ');
  const std::string unit = b.substr(sp + 1);
  return b.substr(0, sp) + " " + (unit == "bytes" ? "" : unit.substr(0, 1)) + "FLOP";
}

std::string format_seconds(double s) {
  char buf[32];
  if (s < 1) std::snprintf(buf, sizeof buf, "%.0f ms", s * 1000);
  else if (s < 120) std::snprintf(buf, sizeof buf, "%.0f s", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%.0f min", s / 60);
  else std::snprintf(buf, sizeof buf, "%.0f h", s / 3600);
  return buf;
}

}  // namespace unroll
