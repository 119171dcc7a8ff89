// `unroll`: replay any experiment headless. Subcommands live in cmd_*.cpp.
#include <cstdio>
#include <cstring>

#include "commands.h"

namespace {

const char* kUsage =
    "unroll - train and inspect recurrent networks headless\n"
    "\n"
    "usage: unroll <command> [options]\n"
    "\n"
    "commands:\n"
    "  train   train an experiment given as a config query string\n"
    "  grad    one forward + backward pass on a weights file and a batch file\n"
    "  bench   time training steps of a benchmark config (JSON out)\n"
    "\n"
    "Run 'unroll <command> --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const char* cmd = argv[1];
  if (!std::strcmp(cmd, "train")) return unroll::cli::cmd_train(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "grad")) return unroll::cli::cmd_grad(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "bench")) return unroll::cli::cmd_bench(argc - 2, argv + 2);
  std::fprintf(stderr, "unroll: unknown command '%s' (expected: train, grad, bench)\n\n%s", cmd, kUsage);
  return 2;
}
