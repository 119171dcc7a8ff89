// What the machine running `unroll` allows: the memory budget a config is
// checked against before anything is allocated (train/resources.h).
#pragma once
#include <string>

namespace unroll::cli {

// Half of the smaller of the machine's memory and the address-space limit
// (ulimit -v), so the rest of the process (code, stacks, the allocator's
// reservations) fits beside it; *why says which, for messages.
double default_memory_budget(std::string* why);

// "512M", "2G", "1.5G", "1000000" (bytes; K, M, G, T are powers of 1024).
bool parse_bytes(const std::string& s, double* out);

}  // namespace unroll::cli
