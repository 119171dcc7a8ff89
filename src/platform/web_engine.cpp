#include "platform/web_engine.h"

#include <emscripten.h>

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "engine/protocol.h"

namespace unroll::platform {
namespace {

EM_JS(int, js_workers_available, (), { return window.unrollEngines && window.unrollEngines.available ? 1 : 0; });
EM_JS(int, js_engine_create, (int id), { return window.unrollEngines.create(id) ? 1 : 0; });
EM_JS(void, js_engine_send, (int id, const char* json), { window.unrollEngines.send(id, UTF8ToString(json)); });
EM_JS(void, js_engine_close, (int id), { window.unrollEngines.close(id); });

class WorkerEngine;
std::map<int, WorkerEngine*>& registry() {
  static std::map<int, WorkerEngine*> r;
  return r;
}
int next_id = 0;

class WorkerEngine : public engine::Engine {
 public:
  WorkerEngine() : id_(++next_id) {
    registry()[id_] = this;
    if (!js_engine_create(id_)) fall_back();
  }
  ~WorkerEngine() override {
    registry().erase(id_);
    if (!local_) js_engine_close(id_);
  }
  void send(const std::string& command) override {
    // Keep what a fallback needs to rebuild the run: the last build and what followed.
    if (command.rfind("{\"cmd\":\"build\"", 0) == 0) log_.clear();
    log_.push_back(command);
    if (local_) local_->send(command);
    else js_engine_send(id_, command.c_str());
  }
  void advance(double budget_ms) override {
    if (local_) local_->advance(budget_ms);
  }
  bool busy() const override { return local_ ? local_->busy() : false; }
  bool poll(engine::EngineUpdate* u) override {
    if (local_) return local_->poll(u);
    while (!inbox_.empty()) {
      std::string error;
      const bool ok = engine::decode_update(inbox_.front(), u, &error);
      inbox_.pop_front();
      if (ok) return true;
      EM_ASM({ console.error('unroll: ' + UTF8ToString($0)); }, error.c_str());
    }
    return false;
  }
  bool in_worker() const override { return !local_; }

  void receive(std::string bytes) { inbox_.push_back(std::move(bytes)); }
  void fall_back() {
    if (local_) return;
    local_ = std::make_unique<engine::LocalEngine>();
    inbox_.clear();
    for (const std::string& c : log_) local_->send(c);
  }

 private:
  int id_;
  std::unique_ptr<engine::LocalEngine> local_;  // set when the worker could not start or died
  std::deque<std::string> inbox_;               // encoded updates from the worker
  std::vector<std::string> log_;                // commands since the last build
};

}  // namespace

bool workers_available() {
  static const bool yes = js_workers_available() != 0;
  return yes;
}

std::unique_ptr<engine::Engine> make_worker_engine(int run_index) {
  if (!workers_available()) return engine::make_local_engine(run_index);
  return std::make_unique<WorkerEngine>();
}

}  // namespace unroll::platform

// From web/engines.js: a worker's update (bytes in the page's heap, copied
// here), or its death (the run falls back to this thread).
extern "C" {
EMSCRIPTEN_KEEPALIVE void unroll_engine_update(int id, const char* data, int len) {
  auto& r = unroll::platform::registry();
  auto it = r.find(id);
  if (it != r.end()) it->second->receive(std::string(data, size_t(len)));
}
EMSCRIPTEN_KEEPALIVE void unroll_engine_failed(int id) {
  auto& r = unroll::platform::registry();
  auto it = r.find(id);
  if (it != r.end()) it->second->fall_back();
}
}
