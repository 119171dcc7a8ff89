#!/usr/bin/env bash
# Fetch and prepare everything the web build needs, once per machine:
#   - Debian packages: emscripten, cmake, dpkg-dev (for apt-get source), python3-fonttools
#   - Dear ImGui 1.90.1 sources  (Debian trixie source package `imgui`)
#   - SDL2 2.26.5 sources        (Debian bookworm source package `libsdl2`)
#   - QR Code generator 1.8.0    (Debian source package `qr-code-generator`, the QR widget)
#   - SDL2 compiled for wasm     (libSDL2.a + headers), cached per emcc version
# Nothing third-party lands in the repository: all of it goes to the cache
# folder ${UNROLL_CACHE:-$HOME/.cache/unroll}.
#
# Idempotent and quick when cached. Safe to run concurrently: one lock file
# serialises runs, and every cached item appears atomically (built in a
# temporary folder, then renamed) with a .complete marker.
#
# stdout: KEY=value lines for the build (UNROLL_IMGUI_DIR, UNROLL_SDL2_WASM_DIR,
#         UNROLL_SDL2_SRC_DIR, UNROLL_QRCODEGEN_DIR). Everything else goes to stderr.
set -euo pipefail

IMGUI_VERSION=1.90.1      # trixie
SDL2_VERSION=2.26.5       # bookworm
QRCODEGEN_VERSION=1.8.0   # bookworm (source package qr-code-generator)
CACHE=${UNROLL_CACHE:-$HOME/.cache/unroll}
export NODE_PATH=/usr/share/nodejs   # Debian's emcc needs acorn from here

log() { echo "[web_deps] $*" >&2; }
die() { echo "[web_deps] error: $*" >&2; exit 1; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot install Debian packages"
  SUDO=(sudo)
fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another web_deps.sh run holds $CACHE/.lock; waiting for it"
  flock -w 3600 9 || die "timed out waiting for $CACHE/.lock"
fi

# ---- 1. Debian packages -------------------------------------------------------
# python3-fonttools: pyftsubset cuts the UI font down (scripts/subset_font.sh);
# libqrcodegencpp1: the QR encoder's Debian copyright file (LICENSES.txt).
NEEDED_PKGS=(emscripten cmake make dpkg-dev xz-utils fonts-dejavu-core libeigen3-dev python3-fonttools
             libqrcodegencpp1)
missing=()
for p in "${NEEDED_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >&2 \
    || { "${SUDO[@]}" apt-get update >&2 && \
         "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >&2; }
fi
EMCC_VERSION=$(emcc --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
[ -n "$EMCC_VERSION" ] || die "emcc --version failed (is NODE_PATH=/usr/share/nodejs right?)"

# ---- 2. source packages: download once, unpack once (scripts/source_packages.sh)
IMGUI_DIR=$CACHE/imgui-$IMGUI_VERSION
SDL2_SRC=$CACHE/sdl2-$SDL2_VERSION-src
QRCODEGEN_DIR=$CACHE/qrcodegen-$QRCODEGEN_VERSION
UNROLL_CACHE=$CACHE "$(dirname "$0")/source_packages.sh" imgui "$IMGUI_VERSION" "imgui-$IMGUI_VERSION" \
  libsdl2 "$SDL2_VERSION" "sdl2-$SDL2_VERSION-src" \
  qr-code-generator "$QRCODEGEN_VERSION" "qrcodegen-$QRCODEGEN_VERSION" >/dev/null
[ -f "$IMGUI_DIR/imgui.cpp" ] && [ -f "$IMGUI_DIR/backends/imgui_impl_sdl2.cpp" ] \
  || die "unexpected ImGui layout in $IMGUI_DIR"
[ -f "$QRCODEGEN_DIR/cpp/qrcodegen.cpp" ] || die "unexpected QR Code generator layout in $QRCODEGEN_DIR"

# ---- 4. SDL2 for wasm: compile the needed C files, archive them --------------
# Why not SDL's CMake: its configure alone takes ~6 min on 2 cores under emcmake;
# this file list builds in ~1 min. It is SDL's generic core plus the
# Emscripten/dummy backends (the set Emscripten's own SDL2 port compiles), plus
# files that SDL added after 2.0.20 which the core now calls.
SDL2_WASM=$CACHE/sdl2-$SDL2_VERSION-wasm-emcc$EMCC_VERSION
sdl2_sources() {
  cat <<'EOF'
SDL.c SDL_assert.c SDL_dataqueue.c SDL_error.c SDL_guid.c SDL_hints.c SDL_list.c SDL_log.c SDL_utils.c
atomic/SDL_atomic.c atomic/SDL_spinlock.c
audio/SDL_audio.c audio/SDL_audiocvt.c audio/SDL_audiodev.c audio/SDL_audiotypecvt.c
audio/SDL_mixer.c audio/SDL_wave.c audio/emscripten/SDL_emscriptenaudio.c
audio/disk/SDL_diskaudio.c audio/dummy/SDL_dummyaudio.c
cpuinfo/SDL_cpuinfo.c dynapi/SDL_dynapi.c
events/SDL_clipboardevents.c events/SDL_displayevents.c events/SDL_dropevents.c events/SDL_events.c
events/SDL_gesture.c events/SDL_keyboard.c events/SDL_mouse.c events/SDL_quit.c events/SDL_touch.c
events/SDL_windowevents.c events/SDL_keysym_to_scancode.c events/SDL_scancode_tables.c
file/SDL_rwops.c filesystem/emscripten/SDL_sysfilesystem.c
haptic/SDL_haptic.c haptic/dummy/SDL_syshaptic.c
joystick/SDL_gamecontroller.c joystick/SDL_joystick.c joystick/controller_type.c
joystick/emscripten/SDL_sysjoystick.c
loadso/dlopen/SDL_sysloadso.c locale/SDL_locale.c locale/emscripten/SDL_syslocale.c
main/dummy/SDL_dummy_main.c misc/SDL_url.c misc/dummy/SDL_sysurl.c
power/SDL_power.c power/emscripten/SDL_syspower.c
render/SDL_d3dmath.c render/SDL_render.c render/SDL_yuv_sw.c
render/direct3d/SDL_render_d3d.c render/direct3d11/SDL_render_d3d11.c
render/opengl/SDL_render_gl.c render/opengl/SDL_shaders_gl.c render/opengles/SDL_render_gles.c
render/opengles2/SDL_render_gles2.c render/opengles2/SDL_shaders_gles2.c render/psp/SDL_render_psp.c
render/software/SDL_blendfillrect.c render/software/SDL_blendline.c render/software/SDL_blendpoint.c
render/software/SDL_drawline.c render/software/SDL_drawpoint.c render/software/SDL_render_sw.c
render/software/SDL_rotate.c render/software/SDL_triangle.c
sensor/SDL_sensor.c sensor/dummy/SDL_dummysensor.c
stdlib/SDL_crc16.c stdlib/SDL_crc32.c stdlib/SDL_getenv.c stdlib/SDL_iconv.c stdlib/SDL_malloc.c
stdlib/SDL_mslibc.c stdlib/SDL_qsort.c stdlib/SDL_stdlib.c stdlib/SDL_string.c stdlib/SDL_strtokr.c
thread/SDL_thread.c thread/generic/SDL_syscond.c thread/generic/SDL_sysmutex.c
thread/generic/SDL_syssem.c thread/generic/SDL_systhread.c thread/generic/SDL_systls.c
timer/SDL_timer.c timer/unix/SDL_systimer.c
video/SDL_RLEaccel.c video/SDL_blit.c video/SDL_blit_0.c video/SDL_blit_1.c video/SDL_blit_A.c
video/SDL_blit_N.c video/SDL_blit_auto.c video/SDL_blit_copy.c video/SDL_blit_slow.c video/SDL_bmp.c
video/SDL_clipboard.c video/SDL_egl.c video/SDL_fillrect.c video/SDL_pixels.c video/SDL_rect.c
video/SDL_shape.c video/SDL_stretch.c video/SDL_surface.c video/SDL_video.c video/SDL_yuv.c
video/yuv2rgb/yuv_rgb.c
video/dummy/SDL_nullevents.c video/dummy/SDL_nullframebuffer.c video/dummy/SDL_nullvideo.c
video/emscripten/SDL_emscriptenevents.c video/emscripten/SDL_emscriptenframebuffer.c
video/emscripten/SDL_emscriptenmouse.c video/emscripten/SDL_emscriptenopengles.c
video/emscripten/SDL_emscriptenvideo.c
EOF
}

if [ ! -f "$SDL2_WASM/.complete" ]; then
  log "building SDL2 $SDL2_VERSION for wasm with emcc $EMCC_VERSION (about 1 min on 2 cores)"
  tmp="$SDL2_WASM.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp/obj" "$tmp/lib"
  start=$(date +%s)
  # One emcc per file, 2 at a time (emcc's startup dominates; -j2 fits 2 cores).
  sdl2_sources | tr -s ' \n' '\n\n' | grep . | \
    SRC=$SDL2_SRC/src OBJ=$tmp/obj INC=$SDL2_SRC/include xargs -P "${UNROLL_JOBS:-2}" -I{} sh -c '
      o="$OBJ/$(echo "{}" | tr / _).o"
      emcc -c -O2 -w -I"$INC" "$SRC/{}" -o "$o" || { echo "SDL2 file failed: {}" >&2; exit 255; }'
  emar rcs "$tmp/lib/libSDL2.a" "$tmp"/obj/*.o
  cp -r "$SDL2_SRC/include" "$tmp/include"
  rm -rf "$tmp/obj" "$SDL2_WASM"
  echo "SDL2 $SDL2_VERSION, emcc $EMCC_VERSION, built in $(( $(date +%s) - start )) s" > "$tmp/.complete"
  mv "$tmp" "$SDL2_WASM"
fi

log "ImGui sources:  $IMGUI_DIR"
log "SDL2 sources:   $SDL2_SRC"
log "SDL2 for wasm:  $SDL2_WASM ($(cat "$SDL2_WASM/.complete"))"
log "QR encoder:     $QRCODEGEN_DIR"
echo "UNROLL_IMGUI_DIR=$IMGUI_DIR"
echo "UNROLL_SDL2_SRC_DIR=$SDL2_SRC"
echo "UNROLL_SDL2_WASM_DIR=$SDL2_WASM"
echo "UNROLL_QRCODEGEN_DIR=$QRCODEGEN_DIR"
