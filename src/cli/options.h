// One option parser for every `unroll` command, so they all read options
// the same way and say the same things when one is wrong:
//   --name=value  and  --name value     (a flag takes no value)
//   --help / -h anywhere                -> the help, exit 0
//   missing value, unknown option, bad number, unexpected argument
//                                       -> one message naming what is allowed
// The help's option list is generated from the same table, so the help and
// the parser cannot disagree. A repeated option keeps its last value.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace unroll::cli {

// Exit codes of every command (each --help states them).
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // the run or a file failed
constexpr int kExitUsage = 2;    // bad arguments or config

class OptionParser {
 public:
  // Validates a value and stores it; false if it is not allowed.
  using Check = std::function<bool(const std::string& value)>;

  explicit OptionParser(std::string command) : command_(std::move(command)) {}

  void flag(const char* name, bool* dst, const char* help);
  // Any non-empty text; `what` says what it is in messages.
  void text(const char* name, const char* metavar, std::string* dst, const char* help,
            const char* what = "a file path");
  // A whole number in [lo, hi], decimal digits only (no '+', hex or spaces).
  void integer(const char* name, const char* metavar, long* dst, long lo, long hi, const char* help);
  // A decimal number in (lo, hi] when lo_open, else [lo, hi]; no inf/nan/hex.
  void real(const char* name, const char* metavar, double* dst, double lo, double hi, bool lo_open,
            const char* help);
  // One of `choices`.
  void choice(const char* name, const char* metavar, std::vector<std::string> choices,
              std::string* dst, const char* help);
  // Anything else: `check` validates and stores the value itself; `allowed`
  // completes "--name must be ..." in the message when it refuses.
  void custom(const char* name, const char* metavar, const char* allowed, Check check,
              const char* help);

  enum class Result { Ok, Help, Error };
  // On Error, *error is the whole message ("unroll train: --steps must be
  // ..."), without a trailing newline.
  Result parse(int argc, const char* const* argv, std::string* error) const;

  // "  --steps N   help" lines, aligned; help text may hold '\n' for more lines.
  std::string help() const;

  const std::string& command() const { return command_; }

 private:
  struct Option {
    std::string name, metavar, help;
    std::string allowed;  // "a whole number from 1 to 1000", for messages
    bool is_flag = false;
    bool* flag = nullptr;
    Check check;  // values: validates and stores
  };
  void add(Option o);
  const Option* find(const std::string& name) const;
  std::string allowed_names() const;

  std::string command_;
  std::vector<Option> options_;
};

// Strict number grammar shared by the parser and its callers.
bool parse_whole(const std::string& s, long* out);   // -?[0-9]+, no overflow
bool parse_decimal(const std::string& s, double* out);  // -?(d+(.d*)?|.d+)([eE][+-]?d+)?, finite

}  // namespace unroll::cli
