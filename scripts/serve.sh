#!/usr/bin/env bash
# Build the web site and serve it on http://127.0.0.1:$PORT/ (default 8080).
#   PORT=9000 scripts/serve.sh
#   SKIP_BUILD=1 scripts/serve.sh   # serve build/web as it is
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-8080}
SITE=$ROOT/build/web

[ "${SKIP_BUILD:-0}" = 1 ] || "$ROOT/scripts/build_web.sh"
[ -f "$SITE/index.html" ] || { echo "serve: no site in $SITE; run scripts/build_web.sh" >&2; exit 1; }

# Say clearly when the port is taken, instead of a Python traceback.
if ! python3 - "$PORT" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
then
  echo "serve: port $PORT on 127.0.0.1 is busy; pick another one, e.g. PORT=8090 scripts/serve.sh" >&2
  exit 1
fi

echo "serve: Unroll at http://127.0.0.1:$PORT/  (Ctrl-C to stop)" >&2
cd "$SITE"
exec python3 -m http.server "$PORT" --bind 127.0.0.1
