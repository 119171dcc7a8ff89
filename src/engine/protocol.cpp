#include "engine/protocol.h"

#include <cmath>

#include "core/io/base64url.h"
#include "core/io/json.h"
#include "engine/bytes.h"

namespace unroll::engine {
namespace {

// ---- command JSON -------------------------------------------------------------
struct Cmd {
  json::Writer w;
  explicit Cmd(const char* name) {
    w.begin_object();
    w.key("cmd");
    w.string(name);
  }
  Cmd& num(const char* k, double v) { w.key(k); w.number(v); return *this; }
  Cmd& str(const char* k, const std::string& v) { w.key(k); w.string(v); return *this; }
  std::string done() { w.end_object(); return w.str(); }
};

// Typed reads of a command's fields; each failure names the field.
struct Fields {
  const json::Value& v;
  std::string* error;
  bool ok = true;
  double num(const char* k, double lo, double hi) {
    const json::Value* f = v.find(k);
    if (!f || !f->is_number() || !(f->as_number() >= lo && f->as_number() <= hi)) {
      if (ok) *error = std::string("field '") + k + "' must be a number in the allowed range";
      ok = false;
      return lo;
    }
    return f->as_number();
  }
  double num_or(const char* k, double def) {
    const json::Value* f = v.find(k);
    if (!f) return def;
    if (f->is_null()) return std::numeric_limits<double>::infinity();  // JSON has no infinity
    return num(k, -1e308, 1e308);
  }
  std::string str(const char* k) {
    const json::Value* f = v.find(k);
    if (!f || !f->is_string()) {
      if (ok) *error = std::string("field '") + k + "' must be a string";
      ok = false;
      return "";
    }
    return f->as_string();
  }
  Config config(const char* k) {
    std::vector<ConfigError> errors;
    Config c = Config::parse(str(k), &errors);
    if (ok && !errors.empty()) {
      *error = std::string("field '") + k + "': " + errors[0].message;
      ok = false;
    }
    return c;
  }
};

// ---- update bytes -------------------------------------------------------------
constexpr uint8_t kMagic = 0x55;  // 'U'
constexpr uint8_t kVersion = 1;

void put(ByteWriter& w, const StepStats& s) {
  w.i64(s.step);
  w.f64(s.loss);
  w.f64(s.metric);
  w.f64(s.clip.norm_before);
  w.f64(s.clip.norm_after);
  w.u8(s.clip.clipped ? 1 : 0);
  w.f64(s.update_ratio);
  w.f64s(s.param_grad_norm);
  w.i64(int64_t(s.dh_norm.size()));
  for (const auto& l : s.dh_norm) w.f64s(l);
}
void get(ByteReader& r, StepStats* s) {
  s->step = long(r.i64());
  s->loss = r.f64();
  s->metric = r.f64();
  s->clip.norm_before = r.f64();
  s->clip.norm_after = r.f64();
  s->clip.clipped = r.u8() != 0;
  s->update_ratio = r.f64();
  s->param_grad_norm = r.f64s();
  const int64_t n = r.i64();
  s->dh_norm.clear();
  for (int64_t k = 0; k < n && r.ok() && k < 64; ++k) s->dh_norm.push_back(r.f64s());
}

void put(ByteWriter& w, const std::vector<Mat<float>>& v) {
  w.i64(int64_t(v.size()));
  for (const auto& m : v) w.mat(m);
}
void get(ByteReader& r, std::vector<Mat<float>>* v) {
  const int64_t n = r.i64();
  v->clear();
  for (int64_t k = 0; k < n && r.ok() && k < 4096; ++k) v->push_back(r.mat());
}
void put(ByteWriter& w, const std::vector<std::vector<Mat<float>>>& v) {
  w.i64(int64_t(v.size()));
  for (const auto& l : v) put(w, l);
}
void get(ByteReader& r, std::vector<std::vector<Mat<float>>>* v) {
  const int64_t n = r.i64();
  v->clear();
  for (int64_t k = 0; k < n && r.ok() && k < 64; ++k) {
    v->emplace_back();
    get(r, &v->back());
  }
}
void put(ByteWriter& w, const std::vector<std::string>& v) {
  w.i64(int64_t(v.size()));
  for (const auto& s : v) w.str(s);
}
void get(ByteReader& r, std::vector<std::string>* v) {
  const int64_t n = r.i64();
  v->clear();
  for (int64_t k = 0; k < n && r.ok() && k < 1000000; ++k) v->push_back(r.str());
}

void put(ByteWriter& w, const Batch<float>& b) {
  w.i64(b.T);
  w.i64(b.B);
  w.i64(b.I);
  w.i64(b.O);
  w.u8(b.loss == LossKind::Xent ? 1 : 0);
  w.mat(b.x);
  w.mat(b.y);
  std::vector<double> t(b.target.begin(), b.target.end());
  w.f64s(t);
  w.f32s(b.weight.data(), b.weight.size());
}
void get(ByteReader& r, Batch<float>* b) {
  b->T = Index(r.i64());
  b->B = Index(r.i64());
  b->I = Index(r.i64());
  b->O = Index(r.i64());
  b->loss = r.u8() ? LossKind::Xent : LossKind::Mse;
  b->x = r.mat();
  b->y = r.mat();
  const std::vector<double> t = r.f64s();
  b->target.assign(t.begin(), t.end());
  b->weight = r.f32s();
}

void put(ByteWriter& w, const ProbeSnapshot& p) {
  w.i64(p.T);
  w.i64(p.B);
  put(w, p.gates);
  put(w, p.hidden);
  put(w, p.cell);
  w.mat(p.out);
  w.f64(p.metric);
  put(w, p.rendered);
  put(w, p.batch);
  put(w, p.attn.attention);
  put(w, p.attn.encoder_attention);
  put(w, p.attn.cross_attention);
  w.mat(p.attn.positions);
  put(w, p.attn.source_tokens);
  w.i64(int64_t(p.recurrent_weights.size()));
  for (const auto& [name, m] : p.recurrent_weights) {
    w.str(name);
    w.mat(m);
  }
}
void get(ByteReader& r, ProbeSnapshot* p) {
  p->T = Index(r.i64());
  p->B = Index(r.i64());
  get(r, &p->gates);
  get(r, &p->hidden);
  get(r, &p->cell);
  p->out = r.mat();
  p->metric = r.f64();
  get(r, &p->rendered);
  get(r, &p->batch);
  get(r, &p->attn.attention);
  get(r, &p->attn.encoder_attention);
  get(r, &p->attn.cross_attention);
  p->attn.positions = r.mat();
  get(r, &p->attn.source_tokens);
  const int64_t n = r.i64();
  p->recurrent_weights.clear();
  for (int64_t k = 0; k < n && r.ok() && k < 64; ++k) {
    std::string name = r.str();
    p->recurrent_weights.emplace_back(std::move(name), r.mat());
  }
}

void put(ByteWriter& w, const EvalResult& e) {
  w.i64(e.length);
  w.f64(e.token_accuracy);
  w.f64(e.sequence_accuracy);
  w.f64(e.chance_token);
  w.f64(e.chance_sequence);
  w.str(e.error);
}
void get(ByteReader& r, EvalResult* e) {
  e->length = Index(r.i64());
  e->token_accuracy = r.f64();
  e->sequence_accuracy = r.f64();
  e->chance_token = r.f64();
  e->chance_sequence = r.f64();
  e->error = r.str();
}

void put(ByteWriter& w, const CostEstimate& c) {
  for (double v : {c.params, c.optimizer, c.activations, c.probe, c.eval, c.flops}) w.f64(v);
}
void get(ByteReader& r, CostEstimate* c) {
  for (double* v : {&c->params, &c->optimizer, &c->activations, &c->probe, &c->eval, &c->flops}) *v = r.f64();
}

}  // namespace

// ---- commands -------------------------------------------------------------------
std::string cmd_build(int id, const Config& cfg, const std::string& text, const ResourceLimits& l) {
  Cmd c("build");
  c.num("id", id).str("config", cfg.to_query()).str("text", text).str("budget", l.budget_text);
  // Infinite limits have no JSON spelling: the writer makes them null, read back as infinity.
  c.num("maxBytes", l.max_bytes).num("maxStepSeconds", l.max_step_seconds).num("flops", l.flops_per_second);
  return c.done();
}
std::string cmd_simple(const char* name) { return Cmd(name).done(); }
std::string cmd_step(long n) { return Cmd("step").num("n", double(n)).done(); }
std::string cmd_live(const Config& cfg) { return Cmd("live").str("config", cfg.to_query()).done(); }
std::string cmd_check(int id, const std::string& expr) {
  return Cmd("check").num("id", id).str("expr", expr).done();
}
std::string cmd_evaluate(int id, Index length, Index n, Index first) {
  return Cmd("evaluate").num("id", id).num("length", double(length)).num("n", double(n))
      .num("first", double(first)).done();
}
std::string cmd_time(int id, const Config& cfg, Index T, int steps) {
  return Cmd("time").num("id", id).str("config", cfg.to_query()).num("T", double(T)).num("steps", steps).done();
}
std::string cmd_generate(int id, const std::string& prime, int n, double temperature, uint64_t seed) {
  return Cmd("generate").num("id", id).str("prime", prime).num("n", n).num("temperature", temperature)
      .num("seed", double(seed % (uint64_t(1) << 52))).done();
}
std::string cmd_weights(int id) { return Cmd("weights").num("id", id).done(); }
std::string cmd_load_weights(int id, const std::string& text) {
  return Cmd("loadWeights").num("id", id).str("text", text).done();
}

std::string cmd_weights_link(int id, int bits) { return Cmd("weightsLink").num("id", id).num("bits", bits).done(); }
std::string cmd_load_weights_link(int id, const std::string& bytes) {
  // Binary in a JSON command: base64url.
  return Cmd("loadWeightsLink").num("id", id).str("bytes", base64url_encode(bytes)).done();
}

bool apply_command(EngineCore& e, std::string_view text, std::string* error) {
  e.count_command();  // refused or not, the page counted it as sent
  json::Value v;
  json::ParseError pe;
  json::Limits limits;
  limits.max_bytes = size_t(64) << 20;  // a user corpus or a weights file inside
  if (!json::parse(text, &v, &pe, limits)) {
    *error = "not a command: " + pe.to_string();
    return false;
  }
  if (!v.is_object() || !v.find("cmd") || !v.find("cmd")->is_string()) {
    *error = "a command is an object with a string field 'cmd'";
    return false;
  }
  const std::string& cmd = v.find("cmd")->as_string();
  Fields f{v, error};
  constexpr double kMaxId = 1e9, kMaxN = 1e7;
  if (cmd == "build") {
    const int id = int(f.num("id", 0, kMaxId));
    const Config cfg = f.config("config");
    const std::string t = f.str("text");
    ResourceLimits l;
    l.budget_text = f.str("budget");
    l.max_bytes = f.num_or("maxBytes", l.max_bytes);
    l.max_step_seconds = f.num_or("maxStepSeconds", l.max_step_seconds);
    l.flops_per_second = f.num_or("flops", l.flops_per_second);
    if (!(l.flops_per_second > 0)) l.flops_per_second = 5e9;
    if (f.ok) e.build(id, cfg, t, l);
  } else if (cmd == "play") {
    e.play();
  } else if (cmd == "pause") {
    e.pause();
  } else if (cmd == "probe") {
    e.request_probe();
  } else if (cmd == "cancel") {
    e.cancel_jobs();
  } else if (cmd == "step") {
    const double n = f.num("n", 1, kMaxN);
    if (f.ok) e.request_steps(long(n));
  } else if (cmd == "live") {
    const Config cfg = f.config("config");
    if (f.ok) e.apply_live(cfg);
  } else if (cmd == "check") {
    const int id = int(f.num("id", 0, kMaxId));
    const std::string expr = f.str("expr");
    if (f.ok) e.set_check(id, expr);
  } else if (cmd == "evaluate") {
    const int id = int(f.num("id", 0, kMaxId));
    const Index len = Index(f.num("length", 1, 1000)), n = Index(f.num("n", 1, 100000)),
                first = Index(f.num("first", 0, 1e6));
    if (f.ok) e.evaluate(id, len, n, first);
  } else if (cmd == "time") {
    const int id = int(f.num("id", 0, kMaxId));
    const Config cfg = f.config("config");
    const Index T = Index(f.num("T", 1, 1000));
    const int steps = int(f.num("steps", 1, 100));
    if (f.ok) e.time_steps(id, cfg, T, steps);
  } else if (cmd == "generate") {
    const int id = int(f.num("id", 0, kMaxId));
    const std::string prime = f.str("prime");
    const int n = int(f.num("n", 1, 100000));
    const double temperature = f.num("temperature", 0, 100);
    const uint64_t seed = uint64_t(f.num("seed", 0, 9007199254740992.0));
    if (f.ok) e.generate(id, prime, n, temperature, seed);
  } else if (cmd == "weights") {
    const int id = int(f.num("id", 0, kMaxId));
    if (f.ok) e.weights(id);
  } else if (cmd == "loadWeights") {
    const int id = int(f.num("id", 0, kMaxId));
    const std::string t = f.str("text");
    if (f.ok) e.load_weights(id, t);
  } else if (cmd == "weightsLink") {
    const int id = int(f.num("id", 0, kMaxId));
    const int bits = int(f.num("bits", 8, 16));
    if (f.ok && bits != 8 && bits != 16) {
      *error = "bits must be 8 or 16";
      return false;
    }
    if (f.ok) e.weights_link(id, bits);
  } else if (cmd == "loadWeightsLink") {
    const int id = int(f.num("id", 0, kMaxId));
    std::string bytes, why;
    if (f.ok && !base64url_decode(f.str("bytes"), &bytes, &why)) {
      *error = "bytes: " + why;
      return false;
    }
    if (f.ok) e.load_weights_link(id, bytes);
  } else {
    *error = "unknown command '" + cmd.substr(0, 32) + "'";
    return false;
  }
  return f.ok;
}

// ---- updates --------------------------------------------------------------------
std::string encode_update(const EngineUpdate& u) {
  ByteWriter w;
  w.u8(kMagic);
  w.u8(kVersion);
  w.i64(u.build_id);
  w.i64(u.commands_seen);
  w.u8(u.has_build);
  if (u.has_build) {
    w.u8(u.built);
    w.str(u.build_error);
    w.i64(u.param_count);
    put(w, u.cost);
  }
  w.i64(int64_t(u.rows.size()));
  for (const StepStats& s : u.rows) put(w, s);
  w.u8(u.has_last);
  if (u.has_last) put(w, u.last);
  w.i64(u.step);
  w.u8(u.running);
  w.i64(u.pending_steps);
  w.str(u.diverged_reason);
  w.f64(u.busy_seconds);
  w.i64(u.busy_steps);
  w.f64(u.flops_per_step);
  w.u8(u.has_probe);
  if (u.has_probe) {
    put(w, u.probe);
    w.i64(u.probe_step);
  }
  w.i64(u.check_id);
  w.u8(u.check_held);
  w.i64(u.check_step);
  w.str(u.check_report);
  w.i64(int64_t(u.results.size()));
  for (const JobResult& r : u.results) {
    w.u8(uint8_t(r.kind));
    w.i64(r.id);
    put(w, r.eval);
    w.i64(r.time.T);
    w.f64(r.time.seconds_per_step);
    w.str(r.time.error);
    w.str(r.text);
    w.i64(r.at_step);
    w.str(r.error);
  }
  w.i64(int64_t(u.edits.size()));
  for (const auto& e : u.edits) {
    w.i64(e.step);
    w.str(e.config);
  }
  w.f64(u.heap_bytes);
  return w.take();
}

bool decode_update(std::string_view bytes, EngineUpdate* u, std::string* error) {
  ByteReader r(bytes);
  *u = EngineUpdate();
  if (r.u8() != kMagic || r.u8() != kVersion) {
    *error = "not an engine update (or another version)";
    return false;
  }
  u->build_id = int(r.i64());
  u->commands_seen = long(r.i64());
  u->has_build = r.u8();
  if (u->has_build) {
    u->built = r.u8();
    u->build_error = r.str();
    u->param_count = Index(r.i64());
    get(r, &u->cost);
  }
  const int64_t rows = r.i64();
  for (int64_t k = 0; k < rows && r.ok() && k < 10000000; ++k) {
    u->rows.emplace_back();
    get(r, &u->rows.back());
  }
  u->has_last = r.u8();
  if (u->has_last) get(r, &u->last);
  u->step = long(r.i64());
  u->running = r.u8();
  u->pending_steps = long(r.i64());
  u->diverged_reason = r.str();
  u->busy_seconds = r.f64();
  u->busy_steps = long(r.i64());
  u->flops_per_step = r.f64();
  u->has_probe = r.u8();
  if (u->has_probe) {
    get(r, &u->probe);
    u->probe_step = long(r.i64());
  }
  u->check_id = int(r.i64());
  u->check_held = r.u8();
  u->check_step = long(r.i64());
  u->check_report = r.str();
  const int64_t results = r.i64();
  for (int64_t k = 0; k < results && r.ok() && k < 100000; ++k) {
    JobResult j;
    j.kind = JobResult::Kind(r.u8());
    j.id = int(r.i64());
    get(r, &j.eval);
    j.time.T = Index(r.i64());
    j.time.seconds_per_step = r.f64();
    j.time.error = r.str();
    j.text = r.str();
    j.at_step = long(r.i64());
    j.error = r.str();
    u->results.push_back(std::move(j));
  }
  const int64_t edits = r.i64();
  for (int64_t k = 0; k < edits && r.ok() && k < 1000000; ++k) {
    EngineUpdate::Edit e;
    e.step = long(r.i64());
    e.config = r.str();
    u->edits.push_back(std::move(e));
  }
  u->heap_bytes = r.f64();
  if (!r.ok() || !r.done()) {
    *error = "a truncated or corrupt engine update";
    return false;
  }
  return true;
}

}  // namespace unroll::engine
