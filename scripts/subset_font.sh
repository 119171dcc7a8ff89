#!/usr/bin/env bash
# The site's UI font: DejaVu Sans cut down to the code points the app
# rasterises (src/app/widgets/glyph_ranges.txt, passed in by the build as
# pyftsubset's --unicodes value), ~48 KB gzip instead of ~382 KB.
# Hinting is dropped: ImGui's rasteriser (stb_truetype) ignores it.
# Called by cmake/app.cmake, which reruns it only when its inputs change.
#   scripts/subset_font.sh IN.ttf OUT.ttf U+0020-00FF,U+0370-03FF,...
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 IN.ttf OUT.ttf UNICODES" >&2; exit 2; }
in=$1 out=$2 unicodes=$3
# Debian's python3-fonttools (scripts/web_deps.sh installs it); /usr/bin/python3
# because the python3 on PATH may be another installation without it.
py=/usr/bin/python3
"$py" -c 'import fontTools.subset' 2>/dev/null \
  || { echo "subset_font: no fontTools for $py: apt-get install python3-fonttools (scripts/web_deps.sh does)" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
tmp=$(mktemp "$out.tmp.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# FFTM (a FontForge timestamp) cannot be subset and is dropped: say nothing about it.
"$py" -m fontTools.subset "$in" --unicodes="$unicodes" --no-hinting --drop-tables+=FFTM \
  --output-file="$tmp"
# The subset holds exactly the font's glyphs inside the ranges, or the build stops.
"$py" - "$in" "$tmp" "$unicodes" <<'PY'
import sys
from fontTools.ttLib import TTFont
full, sub = (set(TTFont(f).getBestCmap()) for f in sys.argv[1:3])
spans = [[int(x, 16) for x in r[2:].split('-')] for r in sys.argv[3].split(',')]
want = {c for c in full if any(lo <= c <= hi for lo, hi in spans)}
if sub != want:
    sys.exit(f"subset_font: subset differs from the ranges: missing {sorted(want - sub)[:10]}, extra {sorted(sub - want)[:10]}")
PY
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "subset_font: $(basename "$out") $(( $(stat -c %s "$out") / 1024 )) KB ($(( $(stat -c %s "$in") / 1024 )) KB before)" >&2
