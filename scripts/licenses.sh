#!/usr/bin/env bash
# Writes LICENSES.txt for what a build ships: Unroll's own LICENSE, then the
# licence of every third-party component compiled, linked or copied into it,
# taken at build time from the Debian copyright file of the package it came
# from (no third-party text is kept in the repository). Called by the build
# (cmake/app.cmake); fails, naming the package, when a copyright file is missing.
#   scripts/licenses.sh OUT web     IMGUI_SRC QR_SRC SDL2_SRC   # the site (build/web)
#   scripts/licenses.sh OUT desktop IMGUI_SRC QR_SRC            # the desktop app
# IMGUI_SRC / QR_SRC / SDL2_SRC: the unpacked Debian source packages
# (scripts/web_deps.sh, scripts/source_packages.sh).
set -euo pipefail
[ $# -ge 4 ] || { echo "usage: $0 OUT web|desktop IMGUI_SRC QR_SRC [SDL2_SRC]" >&2; exit 2; }
out=$1 kind=$2 imgui=$3 qr_src=$4 sdl2_src=${5:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "$kind" in web|desktop) ;; *) echo "licenses: kind must be web or desktop, got '$kind'" >&2; exit 2 ;; esac
[ "$kind" = desktop ] || [ -n "$sdl2_src" ] || { echo "licenses: web needs SDL2_SRC" >&2; exit 2; }

pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
src_version() { sed -n 's/^[^=]*=//p' "$1/.complete" 2>/dev/null || echo "?"; }

tmp=$(mktemp "$out.tmp.XXXXXX")
trap 'rm -f "$tmp"' EXIT
n=0
# section TITLE WHAT COPYRIGHT-FILE PACKAGE-TO-INSTALL (the file's name in
# the text: without the build machine's folders)
section() {
  local title=$1 what=$2 file=$3 pkg=$4 shown
  [ -f "$file" ] || { echo "licenses: $file is missing ($title): $pkg" >&2; exit 1; }
  case "$file" in
    /usr/share/doc/*) shown=$file ;;
    */debian/copyright) shown="debian/copyright of the source package" ;;
    *) shown=$(basename "$file") ;;
  esac
  n=$((n + 1))
  {
    printf '\n%s\n%d. %s\n   %s\n   (from %s)\n%s\n\n' "$(printf '=%.0s' {1..78})" "$n" "$title" "$what" "$shown" \
      "$(printf '=%.0s' {1..78})"
    cat "$file"
  } >>"$tmp"
}

{
  echo "Unroll: the licences of what this build ships ($kind)."
  echo
  echo "Unroll itself is under the MIT licence (1. below). It is built with and"
  echo "ships the third-party components listed after it, each under its own"
  echo "licence, copied here at build time from the Debian copyright files of the"
  echo "packages they came from."
} >"$tmp"
section "Unroll" "the engine, the playground and the lessons (MIT)" "$ROOT/LICENSE" "the repository's LICENSE file"
section "Dear ImGui $(src_version "$imgui")" "the user interface, compiled in (Debian source package imgui)" \
  "$imgui/debian/copyright" "run scripts/web_deps.sh (Debian source package imgui)"
if [ "$kind" = web ]; then
  section "SDL2 $(src_version "$sdl2_src")" "windowing and input, compiled into app.wasm (Debian source package libsdl2)" \
    "$sdl2_src/debian/copyright" "run scripts/web_deps.sh (Debian source package libsdl2)"
else
  section "SDL2 $(pkg_version libsdl2-2.0-0)" "windowing and input, linked at run time (Debian package libsdl2-2.0-0)" \
    /usr/share/doc/libsdl2-2.0-0/copyright "apt-get install libsdl2-dev"
fi
# The QR encoder's folder may be the upstream tarball alone (a mirror without
# the Debian diff, scripts/source_packages.sh): then the same source
# package's copyright file as the binary package libqrcodegencpp1 installs it.
qr_copyright=$qr_src/debian/copyright
[ -f "$qr_copyright" ] || qr_copyright=/usr/share/doc/libqrcodegencpp1/copyright
section "QR Code generator $(src_version "$qr_src")" \
  "the QR code of the link, compiled in (Debian source package qr-code-generator)" \
  "$qr_copyright" "apt-get install libqrcodegencpp1 (its copyright file), or scripts/source_packages.sh"
section "Eigen $(pkg_version libeigen3-dev)" "linear algebra, compiled in (Debian package libeigen3-dev)" \
  /usr/share/doc/libeigen3-dev/copyright "apt-get install libeigen3-dev"
section "DejaVu fonts $(pkg_version fonts-dejavu-core)" \
  "the UI font DejaVu Sans ($([ "$kind" = web ] && echo "assets/DejaVuSans.ttf, subset to the glyphs the UI uses" || echo "read from the system")) (Debian package fonts-dejavu-core)" \
  /usr/share/doc/fonts-dejavu-core/copyright "apt-get install fonts-dejavu-core"
if [ "$kind" = web ]; then
  section "Emscripten $(pkg_version emscripten)" \
    "the JavaScript runtime in app.js and the C/C++ runtime libraries in app.wasm: musl libc, libc++, libc++abi, compiler-rt, dlmalloc (Debian package emscripten)" \
    /usr/share/doc/emscripten/copyright "apt-get install emscripten"
fi
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
