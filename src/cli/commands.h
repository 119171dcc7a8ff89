// The `unroll` subcommands. Each gets argv after the subcommand name and
// returns the process exit code (0 ok, 1 runtime failure, 2 bad usage).
#pragma once

namespace unroll::cli {

int cmd_train(int argc, char** argv);
int cmd_grad(int argc, char** argv);
int cmd_bench(int argc, char** argv);
int cmd_export_torch(int argc, char** argv);

}  // namespace unroll::cli
