// `unroll`: replay any experiment headless. Subcommands live in cmd_*.cpp.
#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include "cli/build_info.h"
#include "cli/files.h"
#include "cli/options.h"
#include "commands.h"

namespace {

const char* kUsage =
    "unroll - train and inspect recurrent networks headless\n"
    "\n"
    "usage: unroll <command> [options]\n"
    "       unroll --version\n"
    "\n"
    "commands:\n"
    "  train   train an experiment given as a config query string\n"
    "  grad    one forward + backward pass on a weights file and a batch file\n"
    "  bench   time training steps of a benchmark config (JSON out)\n"
    "  export-torch  write the experiment as a self-contained PyTorch script\n"
    "\n"
    "Run 'unroll <command> --help' for a command's options.\n"
    "Exit status: 0 ok, 1 the run or a file failed, 2 bad arguments.\n";

#define UNROLL_STR2(x) #x
#define UNROLL_STR(x) UNROLL_STR2(x)

// The compiler that built this binary, from its own macros.
const char* compiler() {
#if defined(__EMSCRIPTEN__)
  return "Emscripten " UNROLL_STR(__EMSCRIPTEN_major__) "." UNROLL_STR(__EMSCRIPTEN_minor__) "." UNROLL_STR(
      __EMSCRIPTEN_tiny__) " (clang " __clang_version__ "), WebAssembly";
#elif defined(__clang__)
  return "clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " __VERSION__;
#else
  return "unknown compiler";
#endif
}

int version() {
  std::string c = compiler();  // clang's version macro ends in a space
  for (size_t k; (k = c.find(" )")) != std::string::npos;) c.erase(k, 1);
  while (!c.empty() && c.back() == ' ') c.pop_back();
  std::printf("unroll %s\nrevision: %s\nbuild type: %s\ncompiler: %s\n", UNROLL_VERSION, UNROLL_REVISION,
              UNROLL_BUILD_TYPE, c.c_str());
  return unroll::cli::kExitOk;
}

int run(int argc, char** argv) {
  using namespace unroll::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const char* cmd = argv[1];
  if (!std::strcmp(cmd, "--help") || !std::strcmp(cmd, "-h")) {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  if (!std::strcmp(cmd, "--version")) return version();
  if (!std::strcmp(cmd, "train")) return cmd_train(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "grad")) return cmd_grad(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "bench")) return cmd_bench(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "export-torch")) return cmd_export_torch(argc - 2, argv + 2);
  std::fprintf(stderr, "unroll: unknown command '%s'; allowed: train, grad, bench, export-torch, --version, --help\n",
               std::string(cmd).substr(0, 80).c_str());
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  int rc = unroll::cli::kExitFailure;
  try {
    rc = run(argc, argv);
  } catch (const std::bad_alloc&) {
    // Never an abort (exit 134): a config or file too large for this machine.
    std::fprintf(stderr, "unroll: out of memory: the model, batch or file is too large for this machine\n");
    rc = unroll::cli::kExitFailure;
  }
  // Output lost on a full disk or a closed stdout is a failure, not exit 0.
  std::string error;
  if (!unroll::cli::finish_stdout(&error)) {
    std::fprintf(stderr, "unroll: %s\n", error.c_str());
    return rc == unroll::cli::kExitOk ? unroll::cli::kExitFailure : rc;
  }
  return rc;
}
