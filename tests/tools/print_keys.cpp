// Prints the experiment key table as markdown (the README's key list).
// Used by scripts/update_readme_keys.sh; the unit tests check the README
// still matches.
#include <iostream>

#include "core/config/config.h"

int main() {
  std::cout << unroll::key_table_markdown();
  return 0;
}
