#!/usr/bin/env bash
# Regenerates README.md's experiment key list (between the lines
# "<!-- keys:begin -->" and "<!-- keys:end -->") from the key table in
# src/core/config/key_table.cpp. The unit test KeyTableMarkdown.ReadmeKeySectionIsUpToDate
# fails until this has been run after a key change.
#   scripts/update_readme_keys.sh [build-dir]   (default build/native)
# UNROLL_PRINT_KEYS=/path/to/print_keys skips the build and uses that binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/native}"
readme="$root/README.md"

print_keys="${UNROLL_PRINT_KEYS:-}"
if [[ -z "$print_keys" ]]; then
  cmake -S "$root" -B "$build" >/dev/null
  cmake --build "$build" --target print_keys -j2 >/dev/null
  print_keys="$build/print_keys"
fi
table="$(mktemp)"
trap 'rm -f "$table" "$table.readme"' EXIT
"$print_keys" >"$table"

if [[ ! -f "$readme" ]]; then
  printf '## Experiment keys\n\n<!-- keys:begin -->\n<!-- keys:end -->\n' >"$readme"
elif ! grep -qx '<!-- keys:begin -->' "$readme" || ! grep -qx '<!-- keys:end -->' "$readme"; then
  printf '\n## Experiment keys\n\n<!-- keys:begin -->\n<!-- keys:end -->\n' >>"$readme"
fi

# Keep everything outside the markers; replace what is between them.
awk -v table="$table" '
  $0 == "<!-- keys:begin -->" { print; while ((getline line < table) > 0) print line; skip = 1; next }
  $0 == "<!-- keys:end -->"   { skip = 0 }
  !skip { print }
' "$readme" >"$table.readme"
cat "$table.readme" >"$readme"
echo "updated the key list in $readme"
