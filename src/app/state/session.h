// The playground's state, free of ImGui and of the platform: the one owner
// of the page's state. The current config, the runs (the main one plus up
// to 3 compared), play/pause, the lessons and the student's place in them,
// the language, the whole page link (one parser: parse_link; one writer:
// link()) and what the page's JS API reports.
//
// Every run trains in its own engine (src/engine): a Web Worker in the page
// (one core per run), or this thread where none can start. The session
// sends commands and folds the engines' updates into each run's report and
// history; panels read those, never an engine's experiment.
#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "app/state/lessons.h"
#include "app/state/links.h"
#include "app/state/measurements.h"
#include "app/state/step_budget.h"
#include "core/io/json.h"
#include "core/tasks/task.h"
#include "core/train/experiment_spec.h"
#include "core/train/history.h"
#include "engine/engine.h"

namespace unroll::app {

struct Run {
  std::string label;  // "LSTM", "GRU", ... (cell name for compare runs)
  Config config;
  ExperimentSpec spec;  // the config, typed (what panels ask: kind, cell, ...)
  // The task, built on this thread: its description, metric, vocabulary
  // and chance baseline for the panels (data only; the engine has its own).
  std::shared_ptr<const Task> task;
  std::unique_ptr<engine::Engine> engine;  // null if the config could not be built
  engine::RunReport report;  // what the engine reported (report.built: it trains)
  History history;           // the page's copy, from the engine's updates
  double steps_per_second = 0;  // wall clock
  // ---- the session's bookkeeping
  long rate_step = 0;
  double rate_ms = 0;
  int build_id = 0;       // the build sent to the engine (older updates are dropped)
  long commands_sent = 0, commands_seen = 0;  // the engine has seen every command when equal
  int check_sent = -1;    // the lesson check id this engine was given
  double probe_asked_ms = -1e9;
  bool probe_in_flight = false;
  double probe_bytes = 0;  // the size of the last probe (big ones are asked for less often)
  long target_step = 0;   // where requested steps end (pending = target - step)
  bool playing = false;   // told to play (the scheduler may rotate)
  bool ok() const { return engine != nullptr && report.built; }
};

class Session {
 public:
  // engines: how each run's engine is made (the page passes worker engines).
  explicit Session(engine::EngineFactory engines = engine::make_local_engine);

  // ---- the experiment ---------------------------------------------------
  // Opens a link's hash: bad keys are reported in errors(), the rest applies,
  // defaults fill the gaps. Rebuilds every run; lang= sets the language;
  // lesson= opens that lesson once its file is known (and sets up its
  // step's experiment unless the link carries one); workers= caps the
  // trainings at once. Returns true if run=1.
  bool open_link(const std::string& hash);
  // An edit from the UI or the JS API. Keys that may change while training
  // apply at once; others are kept pending until reset() (needs_reset()).
  void edit(const Config& cfg);
  // Like open_link but only for the experiment query (setConfig in the API);
  // compare runs from `compare` if given (one rebuild), else from the query
  // if it has compare=, else the current ones.
  void set_config_query(const std::string& query, const std::vector<std::string>* compare = nullptr);
  const Config& config() const { return config_; }        // as edited
  const Config& running_config() const { return main().config; }
  const ExperimentSpec& running_spec() const { return main().spec; }
  bool needs_reset() const { return config_ != main().config; }
  // The hash that reproduces this page: the experiment, compare runs and,
  // with a lesson open, lesson, step and language (what a teacher sends).
  std::string link() const;

  void set_compare(const std::vector<std::string>& cells);  // rebuilds runs
  const std::vector<std::string>& compare() const { return compare_; }
  void set_user_text(const std::string& text);  // task=text&corpus=user; rebuilds
  const std::string& user_text() const { return user_text_; }
  // task=series's CSV (a file or pasted text): switches to task=series and
  // rebuilds. A normalisation the page computed for older data is dropped
  // (computed again, into norm=); one the link gave is kept.
  void set_user_csv(const std::string& name, const std::string& text);
  const std::string& user_csv() const { return user_csv_; }
  const std::string& user_csv_name() const { return user_csv_name_; }

  // ---- messages -----------------------------------------------------------
  const std::vector<ConfigError>& errors() const { return errors_; }  // from the last link
  void dismiss_errors() { errors_.clear(); }
  const std::string& setup_error() const { return setup_error_; }     // e.g. bad user text
  std::string diverged_message() const;  // "" unless the main run diverged
  // A one-off message for the user (e.g. "Loaded weights from w.json").
  void set_notice(const std::string& text) { notice_ = text; }
  const std::string& notice() const { return notice_; }
  void clear_notice() { notice_.clear(); }

  // ---- running ------------------------------------------------------------
  void play();
  void pause();             // also cancels requested steps
  bool running() const { return running_; }
  void reset();             // rebuild all runs from config() (applies pending edits)
  // n more steps for every run. With local engines they run now and the
  // main run's steps done are returned; worker engines run them on their
  // own (0 is returned; pending_steps() counts down).
  long step(long n);
  // n more steps for every run from the following frames (local engines:
  // within each frame's training budget; workers: at once, on their cores):
  // unroll.step(n) and postMessage; pause() and reset() cancel them.
  void request_steps(long n);
  long pending_steps() const;
  // True when every engine has applied every command sent to it (after a
  // pause: its steps have stopped and the reports are final).
  bool synced() const;
  // Called once per frame: opens a requested lesson whose file arrived,
  // sends the lesson check, trains local engines for about budget_ms
  // (steps_per_frame > 0: exactly that many steps instead), folds in the
  // engines' updates, asks for probes, advances measurements.
  void tick(double budget_ms);
  int steps_per_frame = 0;  // 0 = as fast as the frame budget allows

  // ---- jobs ----------------------------------------------------------------
  // Text generation by the main run (task=text): the answer arrives in a
  // later tick (generation()).
  struct Generation {
    int id = 0;
    bool waiting = false;
    std::string prime, text, error;
    long at_step = 0;
  };
  // `draw` picks the sampling stream (a new one per click: new text).
  void generate(const std::string& prime, int n, double temperature, uint64_t draw);
  const Generation& generation() const { return generation_; }
  // The main run's weights file: asked for now, handed over by
  // take_weights_file() once it has arrived.
  void request_weights();
  bool take_weights_file(std::string* json);
  // Loads a weights file into the main run; the notice says how it went.
  void load_weights(const std::string& name, const std::string& text);

  // ---- a trained model in the link (w=; session_link_weights.cpp) ----------
  // Opening a link with w=: the page decompresses the weights (its
  // CompressionStream, asynchronous), the main run's engine checks and
  // loads them and continues at their step. Until then run=1 waits. A
  // damaged link or one for another model fails with a message in
  // errors() and the notice; the rest of the link has applied.
  struct LinkWeights {
    enum class State { None, Inflating, Loading, Loaded, Failed };
    State state = State::None;
    std::string text;     // the w= value; link() keeps it while the run starts from it
    std::string message;  // Failed: what was wrong
    long step = 0;        // Loaded: the step the run continues from
    int bits = 0;         // Loaded: bits per weight
    int job = 0;
    bool play_after = false;  // run=1 once they are in
    std::string compressed;   // waiting for take_inflate_request
  };
  const LinkWeights& link_weights() const { return link_weights_; }
  // "Copy link with weights" and unroll.shareLink({weights: true}): the
  // main run's weights at `bits` (16 or 8; 0 = 16 if the link stays within
  // WeightsLinkLimits::kMaxChars, else 8), compressed by the page. Too
  // large even at 8 bits: Failed, too_large, and the message offers the file.
  struct Share {
    enum class State { Idle, Encoding, Compressing, Done, Failed };
    State state = State::Idle;
    int id = 0;           // one per share_link call
    int bits = 0;         // as asked (0 = choose)
    int tried = 0;        // the bits of the encoding in hand
    int job = 0;
    long at_step = 0;
    size_t raw_bytes = 0;  // before compression
    size_t chars = 0;      // the w= value's length
    bool too_large = false;
    bool copy = false;     // copy to the clipboard when done (the menu)
    std::string hash;      // Done: the page link with w=
    std::string message;   // Failed: why
    std::string blob;      // waiting for take_deflate_request
  };
  int share_link(int bits, bool copy = false);
  const Share& share() const { return share_; }
  Share& share() { return share_; }
  // The page's side of both (app.cpp hands them to platform::codec).
  bool take_inflate_request(std::string* compressed);
  void on_inflated(const std::string& bytes, const std::string& error);
  bool take_deflate_request(std::string* bytes);
  void on_deflated(const std::string& bytes, const std::string& error);

  // ---- reading --------------------------------------------------------------
  std::vector<Run>& runs() { return runs_; }
  const std::vector<Run>& runs() const { return runs_; }
  const Run& main() const { return runs_.front(); }
  Run& main() { return runs_.front(); }
  // The main run's latest probe, asked for at most ~10 times a second, and
  // less often for big snapshots (about 4 MB/s at most: copying and decoding
  // them is the page thread's work).
  const ProbeSnapshot& probe();
  long step_count() const { return main().report.step; }
  // Every recorded step of every run as CSV (run,label,step,loss,...).
  std::string history_csv() const;
  // The main run's {step: [...], loss: [...], metric: [...]} as JSON.
  std::string history_json() const;
  // The JS API's state: config, step, loss, metric, stepsPerSecond,
  // running, pendingSteps, needsReset, notice, errors, memory, engine,
  // lang, lesson. write_state adds these fields to an object the caller
  // has begun (and ends).
  void write_state(json::Writer& w) const;
  std::string state_json() const;
  // "worker" when the runs train in Web Workers, else "main-thread".
  std::string engine_kind() const;

  // ---- budgets ---------------------------------------------------------------
  // Memory for all runs together; one training step at most this long (at
  // the speed measured on this page, FLOP/s; an assumption until measured).
  static constexpr double kMemoryBudgetBytes = 1e9;
  static constexpr double kMaxStepSeconds = 5;
  double flops_per_second() const { return flops_per_second_; }
  // The memory estimate of every run built (what the budget covers).
  double estimated_bytes() const;
  // How many runs train at once (the rest take turns): workers= or the
  // page's cores minus one (set_max_parallel), at least 1.
  int max_parallel() const { return max_parallel_; }
  // Focus keys of the link (hide=, panels=, zoom=); set_zoom is the
  // presentation control (kept in link()).
  const Focus& focus() const { return focus_; }
  void set_zoom(float zoom) { focus_.zoom = zoom <= 1.0f ? 0.0f : std::min(zoom, kMaxZoom); }
  void set_max_parallel(int n);

  // Accuracy-vs-length and timing measurements, advanced in tick().
  Measurements& measurements() { return measurements_; }
  const Measurements& measurements() const { return measurements_; }
  // A fresh id for a job command (results come back with it), and sending
  // a command to run r's engine (no engine: nothing happens).
  int next_job_id() { return ++job_id_; }
  void send(size_t r, const std::string& command);

  // ---- lessons and language ------------------------------------------------
  Lessons& lessons() { return lessons_; }
  const Lessons& lessons() const { return lessons_; }
  const std::string& language() const;
  bool set_language(const std::string& lang);  // "pt" or "en"; false otherwise

 private:
  void rebuild();
  void train_local(double budget_ms);
  void poll_engines();
  void on_result(size_t run, const engine::JobResult& r);
  void schedule();
  void send_lesson_check();
  void on_link_weights_result(const engine::JobResult& r);
  void on_share_result(const engine::JobResult& r);
  void start_link_weights(const std::string& text, bool play_after);

  engine::EngineFactory engines_;
  Focus focus_;
  int workers_key_ = 0;  // workers= from the link (kept in link()), 0 = not given
  Config config_;
  std::vector<std::string> compare_;
  std::string user_text_;
  std::string user_csv_, user_csv_name_;
  bool norm_from_data_ = false;  // config_'s norm= was computed here (not given by a link or an edit)
  // The user data the task of `spec` reads (the corpus or the CSV).
  const std::string& user_data(const TaskSpec& spec) const {
    return spec.kind == TaskKind::Series ? user_csv_ : user_text_;
  }
  void fill_norm();  // task=series with norm= empty: computed from the CSV into config_
  std::vector<Run> runs_;
  std::vector<ConfigError> errors_;
  std::string setup_error_;
  std::string notice_;
  bool running_ = false;
  StepBudget step_budget_;  // expected step length for local engines
  Lessons lessons_;
  Measurements measurements_;
  double flops_per_second_ = 4e9;  // WebAssembly on a laptop, until measured
  int max_parallel_ = 1;
  int job_id_ = 0;
  int build_serial_ = 0;
  Generation generation_;
  int weights_job_ = 0;
  std::string weights_file_;
  bool weights_ready_ = false;
  int load_job_ = 0;
  LinkWeights link_weights_;
  Share share_;
  std::string load_name_;
  double rotate_ms_ = 0;   // when the scheduler last rotated the playing runs
  size_t rotate_at_ = 0;
};

// Milliseconds from a monotonic clock.
double now_ms();

}  // namespace unroll::app
