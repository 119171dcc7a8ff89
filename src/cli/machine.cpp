#include "cli/machine.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>

#include "cli/options.h"
#include "core/models/cost.h"

namespace unroll::cli {

double default_memory_budget(std::string* why) {
  const double pages = double(sysconf(_SC_PHYS_PAGES)), page = double(sysconf(_SC_PAGESIZE));
  double machine = pages > 0 && page > 0 ? pages * page : 4e9;
  std::string what = "this machine's " + format_bytes(machine) + " of memory";
  struct rlimit r;
  if (getrlimit(RLIMIT_AS, &r) == 0 && r.rlim_cur != RLIM_INFINITY && double(r.rlim_cur) < machine) {
    machine = double(r.rlim_cur);
    what = "the address-space limit (ulimit -v) of " + format_bytes(machine);
  }
  *why = "half of " + what + "; --max-memory changes it";
  return machine / 2;
}

bool parse_bytes(const std::string& s, double* out) {
  if (s.empty()) return false;
  double scale = 1;
  std::string num = s;
  const char last = char(std::toupper(static_cast<unsigned char>(s.back())));
  const std::string units = "KMGT";
  const size_t u = units.find(last);
  if (u != std::string::npos) {
    scale = std::pow(1024.0, double(u + 1));
    num.pop_back();
  }
  double v = 0;
  if (!parse_decimal(num, &v) || !(v > 0)) return false;
  *out = v * scale;
  return std::isfinite(*out);
}

}  // namespace unroll::cli
