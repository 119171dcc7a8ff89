// The page's handle on one run's engine: send commands (protocol.h), poll
// for updates. Two kinds: a local engine runs the EngineCore on this
// thread inside advance(), within the caller's time budget (the desktop
// app, the unit tests, and the page when a Web Worker cannot start); a
// worker engine (src/platform/web_engine.cpp) posts the commands to a Web
// Worker that trains on its own core.
#pragma once
#include <memory>
#include <string>

#include "engine/engine_core.h"

namespace unroll::engine {

class Engine {
 public:
  virtual ~Engine() = default;
  virtual void send(const std::string& command) = 0;
  // Local engines work here (at least one unit when busy); workers ignore it.
  virtual void advance(double budget_ms) = 0;
  virtual bool busy() const = 0;  // local: work to do; workers: unknown (false)
  // The next update, if there is one.
  virtual bool poll(EngineUpdate* update) = 0;
  virtual bool in_worker() const = 0;
};

class LocalEngine : public Engine {
 public:
  void send(const std::string& command) override;
  void advance(double budget_ms) override {
    core_.run_for(budget_ms);
    fresh_ = true;
  }
  bool busy() const override { return core_.busy(); }
  bool poll(EngineUpdate* update) override;
  bool in_worker() const override { return false; }
  // In-process only (tests): the run itself.
  const EngineCore& core() const { return core_; }

 private:
  EngineCore core_;
  // What the last update said, so poll() reports each change once.
  bool fresh_ = true;  // a command or work since the last poll (else nothing is new)
  long step_ = -1, pending_ = -1;
  bool running_ = false;
  std::string diverged_;
};

// Makes the engines of a page: worker engines where the platform has them.
using EngineFactory = std::unique_ptr<Engine> (*)(int run_index);
std::unique_ptr<Engine> make_local_engine(int run_index);

}  // namespace unroll::engine
