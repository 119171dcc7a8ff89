#!/usr/bin/env bash
# Browser tests: build the web site, then run tests/browser/*.test.mjs with
# node's built-in test runner in headless Chromium (/usr/bin/chromium).
#   scripts/test_browser.sh               # all browser tests
#   scripts/test_browser.sh page.test.mjs # some files (relative to tests/browser)
# Env: SKIP_BUILD=1 to test the current build/web as is.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TESTS=$ROOT/tests/browser

[ -x /usr/bin/chromium ] || { echo "test_browser: /usr/bin/chromium missing (apt-get install -y chromium)" >&2; exit 1; }

# Node.js 18+ and the npm dependencies (reinstalled only when the lock changed).
"$ROOT/scripts/node_deps.sh" "$TESTS"

[ "${SKIP_BUILD:-0}" = 1 ] || "$ROOT/scripts/build_web.sh"

cd "$TESTS"
if [ $# -gt 0 ]; then
  exec node --test --test-concurrency=1 "$@"
fi
exec node --test --test-concurrency=1
