# The ImGui app: `unroll_web` (WebAssembly, emcmake) and `unroll_desktop`
# (native SDL2 + OpenGL 3). Included by CMakeLists.txt.
#
# Third-party sources are not in the repository. scripts/web_deps.sh puts them
# in a cache folder and prints their paths; scripts pass them in as:
#   UNROLL_IMGUI_DIR       Dear ImGui 1.90.1 source tree (imgui.cpp, backends/)
#   UNROLL_SDL2_WASM_DIR   SDL2 built for wasm (lib/libSDL2.a, include/)
#   UNROLL_SDL2_SRC_DIR    SDL2's unpacked source package (its debian/copyright
#                          goes into the site's LICENSES.txt)
# When unset, the default cache folder of web_deps.sh is tried.

set(UNROLL_IMGUI_DIR "" CACHE PATH "Dear ImGui source tree (printed by scripts/web_deps.sh)")
set(UNROLL_SDL2_WASM_DIR "" CACHE PATH "SDL2 for wasm: lib/libSDL2.a + include/ (printed by scripts/web_deps.sh)")
set(UNROLL_SDL2_SRC_DIR "" CACHE PATH "SDL2 source package tree (printed by scripts/web_deps.sh)")
set(UNROLL_WEB_OUT "${CMAKE_BINARY_DIR}/site" CACHE PATH "Folder that receives the deployable static site")
option(UNROLL_DESKTOP "Build the desktop app when SDL2, OpenGL and ImGui are found" ON)

if(DEFINED ENV{UNROLL_CACHE})
  set(_unroll_cache "$ENV{UNROLL_CACHE}")
else()
  set(_unroll_cache "$ENV{HOME}/.cache/unroll")
endif()
if(NOT UNROLL_IMGUI_DIR AND EXISTS "${_unroll_cache}/imgui-1.90.1/imgui.cpp")
  set(UNROLL_IMGUI_DIR "${_unroll_cache}/imgui-1.90.1")
endif()
if(NOT UNROLL_SDL2_SRC_DIR)
  set(UNROLL_SDL2_SRC_DIR "${_unroll_cache}/sdl2-2.26.5-src")
endif()
# What the site and the desktop app ship, with each component's licence from
# its Debian copyright file (scripts/licenses.sh; nothing third-party committed).
set(UNROLL_LICENSES_SCRIPT "${CMAKE_SOURCE_DIR}/scripts/licenses.sh")


if(NOT UNROLL_IMGUI_DIR OR NOT EXISTS "${UNROLL_IMGUI_DIR}/imgui.cpp")
  if(EMSCRIPTEN)
    message(FATAL_ERROR "Dear ImGui sources not found (UNROLL_IMGUI_DIR='${UNROLL_IMGUI_DIR}'). "
      "Run scripts/web_deps.sh, or build with scripts/build_web.sh which passes the paths in.")
  endif()
  message(STATUS "unroll: no Dear ImGui sources (run scripts/web_deps.sh): desktop app skipped")
  return()
endif()

# Shader sources (shaders/*.vert|frag) embedded in a generated header, so
# the app has no files to fetch at run time. Re-configures when they change.
set(UNROLL_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
file(READ "${CMAKE_SOURCE_DIR}/shaders/colormap.vert" UNROLL_SHADER_COLORMAP_VERT)
file(READ "${CMAKE_SOURCE_DIR}/shaders/colormap.frag" UNROLL_SHADER_COLORMAP_FRAG)
configure_file("${CMAKE_SOURCE_DIR}/cmake/shaders.h.in"
  "${UNROLL_GENERATED_DIR}/app/shaders_embedded.h" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  "${CMAKE_SOURCE_DIR}/shaders/colormap.vert" "${CMAKE_SOURCE_DIR}/shaders/colormap.frag")

# ImGui core + the two backends, built with the app's SDL2 (wasm or native).
function(unroll_add_imgui sdl2_target)
  set(d ${UNROLL_IMGUI_DIR})
  add_library(unroll_imgui STATIC
    ${d}/imgui.cpp ${d}/imgui_draw.cpp ${d}/imgui_tables.cpp ${d}/imgui_widgets.cpp
    ${d}/imgui_demo.cpp
    ${d}/backends/imgui_impl_sdl2.cpp ${d}/backends/imgui_impl_opengl3.cpp)
  # SYSTEM: ImGui's headers should not trip our -Wall -Wextra in app code.
  target_include_directories(unroll_imgui SYSTEM PUBLIC ${d} ${d}/backends)
  target_compile_options(unroll_imgui PRIVATE -w)
  target_link_libraries(unroll_imgui PUBLIC ${sdl2_target})
  if(EMSCRIPTEN)
    # WebGL2 == OpenGL ES 3.0
    target_compile_definitions(unroll_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  endif()
endfunction()

# app/widgets (ImGui widgets over unroll_widgets_math) and app/panels.
function(unroll_add_app_libraries)
  file(GLOB widget_srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/app/widgets/*.cpp)
  list(FILTER widget_srcs EXCLUDE REGEX "/(plot_math|colormap|qr_matrix)\\.cpp$")
  unroll_folder_library(app/widgets SOURCES ${widget_srcs}
    EXTRA_LINK unroll_widgets_math unroll_widgets_qr unroll_imgui)
  target_include_directories(unroll_app_widgets PRIVATE "${UNROLL_GENERATED_DIR}")
  unroll_folder_library(app/panels EXTRA_LINK unroll_imgui)
endfunction()

if(EMSCRIPTEN)
  if(NOT TARGET unroll_widgets_qr)
    message(FATAL_ERROR "QR Code generator sources not found (UNROLL_QRCODEGEN_DIR='${UNROLL_QRCODEGEN_DIR}'). "
      "Run scripts/web_deps.sh, or build with scripts/build_web.sh which passes the paths in.")
  endif()
  set(UNROLL_DEJAVU_TTF /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf CACHE FILEPATH
    "UI font (Debian fonts-dejavu-core)")
  if(NOT EXISTS "${UNROLL_DEJAVU_TTF}")
    message(FATAL_ERROR "${UNROLL_DEJAVU_TTF} not found: apt-get install fonts-dejavu-core")
  endif()
  if(NOT UNROLL_SDL2_WASM_DIR)
    file(GLOB _sdl2_wasm_dirs "${_unroll_cache}/sdl2-2.26.5-wasm-emcc*")
    list(SORT _sdl2_wasm_dirs)
    list(GET _sdl2_wasm_dirs -1 UNROLL_SDL2_WASM_DIR)
  endif()
  if(NOT EXISTS "${UNROLL_SDL2_WASM_DIR}/lib/libSDL2.a")
    message(FATAL_ERROR "SDL2 for wasm not found (UNROLL_SDL2_WASM_DIR='${UNROLL_SDL2_WASM_DIR}'). "
      "Run scripts/web_deps.sh, which builds it once per machine.")
  endif()
  add_library(unroll_sdl2_wasm STATIC IMPORTED)
  set_target_properties(unroll_sdl2_wasm PROPERTIES
    IMPORTED_LOCATION "${UNROLL_SDL2_WASM_DIR}/lib/libSDL2.a"
    INTERFACE_INCLUDE_DIRECTORIES "${UNROLL_SDL2_WASM_DIR}/include")
  unroll_add_imgui(unroll_sdl2_wasm)
  unroll_add_app_libraries()

  add_executable(unroll_web ${CMAKE_SOURCE_DIR}/src/platform/main_web.cpp
    ${CMAKE_SOURCE_DIR}/src/platform/web_platform.cpp ${CMAKE_SOURCE_DIR}/src/platform/web_engine.cpp)
  target_link_libraries(unroll_web PRIVATE unroll_app_panels)
  # app.js + app.wasm land directly in the site folder (linking to .html
  # fails with Debian's emscripten; index.html is ours).
  set_target_properties(unroll_web PROPERTIES
    OUTPUT_NAME app SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY "${UNROLL_WEB_OUT}"
    # Debian's emcc JS optimizer needs acorn from /usr/share/nodejs.
    CXX_LINKER_LAUNCHER "env;NODE_PATH=/usr/share/nodejs")
  target_link_options(unroll_web PRIVATE
    -O3 -msimd128
    -sENVIRONMENT=web
    -sUSE_WEBGL2=1 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1
    # The JS bridge (web/*.js) calls into C with ccall/cwrap and passes strings.
    -sEXPORTED_FUNCTIONS=_main,_malloc,_free
    -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,stringToUTF8,lengthBytesUTF8)

  # The engine of each run, in its own Web Worker (web/engine_worker.js loads
  # engine.js + engine.wasm): the core and src/engine, no SDL or ImGui; same
  # flags as the page, so the same numbers.
  add_executable(unroll_engine_worker ${CMAKE_SOURCE_DIR}/src/platform/engine_worker_main.cpp)
  target_link_libraries(unroll_engine_worker PRIVATE unroll_engine)
  set_target_properties(unroll_engine_worker PROPERTIES
    OUTPUT_NAME engine SUFFIX ".js"
    RUNTIME_OUTPUT_DIRECTORY "${UNROLL_WEB_OUT}"
    CXX_LINKER_LAUNCHER "env;NODE_PATH=/usr/share/nodejs")
  target_link_options(unroll_engine_worker PRIVATE
    -O3 -msimd128
    -sENVIRONMENT=worker -sMODULARIZE=1 -sEXPORT_NAME=createUnrollEngine
    -sALLOW_MEMORY_GROWTH=1
    -sEXPORTED_FUNCTIONS=_malloc,_free,_engine_command,_engine_run_for,_engine_busy,_engine_take_update,_engine_update_size
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString)
  add_dependencies(unroll_web unroll_engine_worker)

  # Everything else the site needs, copied on every build (cheap).
  set(_site_cmds
    COMMAND ${CMAKE_COMMAND} -E make_directory "${UNROLL_WEB_OUT}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${CMAKE_SOURCE_DIR}/index.html" "${UNROLL_WEB_OUT}/index.html"
    COMMAND ${CMAKE_COMMAND} -E copy_directory "${CMAKE_SOURCE_DIR}/web" "${UNROLL_WEB_OUT}/web"
    # Lesson files + lessons/index.txt, fetched by web/loader.js at start.
    COMMAND ${CMAKE_COMMAND} -E copy_directory "${CMAKE_SOURCE_DIR}/lessons" "${UNROLL_WEB_OUT}/lessons"
    # The licences of all of the above and of what app.js / app.wasm hold.
    COMMAND bash "${UNROLL_LICENSES_SCRIPT}" "${UNROLL_WEB_OUT}/LICENSES.txt" web "${UNROLL_IMGUI_DIR}"
      "${UNROLL_QRCODEGEN_DIR}" "${UNROLL_SDL2_SRC_DIR}")
  if(EXISTS "${CMAKE_SOURCE_DIR}/assets")
    list(APPEND _site_cmds
      COMMAND ${CMAKE_COMMAND} -E copy_directory "${CMAKE_SOURCE_DIR}/assets" "${UNROLL_WEB_OUT}/assets")
  endif()
  find_program(UNROLL_NODE NAMES node nodejs REQUIRED)
  add_custom_command(OUTPUT "${UNROLL_WEB_OUT}/favicon.ico"
    COMMAND ${UNROLL_NODE} "${CMAKE_SOURCE_DIR}/scripts/make_favicon.mjs" "${UNROLL_WEB_OUT}/favicon.ico"
    DEPENDS "${CMAKE_SOURCE_DIR}/scripts/make_favicon.mjs"
    COMMENT "Drawing favicon.ico")
  # The UI font, from Debian's fonts-dejavu-core (not committed), subset to
  # the glyph ranges the atlas rasterises (cmake/glyph_ranges.cmake); redone
  # only when the font, the ranges or the script change.
  add_custom_command(OUTPUT "${UNROLL_WEB_OUT}/assets/DejaVuSans.ttf"
    COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/subset_font.sh" "${UNROLL_DEJAVU_TTF}"
      "${UNROLL_WEB_OUT}/assets/DejaVuSans.ttf" "${UNROLL_GLYPH_UNICODES}"
    DEPENDS "${UNROLL_DEJAVU_TTF}" "${UNROLL_GLYPH_RANGES_FILE}" "${CMAKE_SOURCE_DIR}/scripts/subset_font.sh"
    COMMENT "Subsetting DejaVu Sans to the UI's glyph ranges")
  add_custom_target(unroll_web_site ALL ${_site_cmds}
    DEPENDS "${UNROLL_WEB_OUT}/favicon.ico" "${UNROLL_WEB_OUT}/assets/DejaVuSans.ttf"
    COMMENT "Copying index.html and web/ into ${UNROLL_WEB_OUT}")
  add_dependencies(unroll_web unroll_web_site)
  # Last, once every file is in the site: the service worker with this
  # build's id and file hashes (scripts/site_manifest.mjs). Runs on every
  # build (it hashes ~3 MB), so sw.js always matches the files next to it.
  add_custom_target(unroll_web_offline ALL
    COMMAND ${UNROLL_NODE} "${CMAKE_SOURCE_DIR}/scripts/site_manifest.mjs" "${UNROLL_WEB_OUT}"
      "${CMAKE_SOURCE_DIR}/web/sw.js"
    COMMENT "Writing sw.js (the build id and the files it caches)")
  add_dependencies(unroll_web_offline unroll_web unroll_engine_worker unroll_web_site)
  return()
endif()

# ---- native desktop app ------------------------------------------------------
if(NOT UNROLL_DESKTOP)
  return()
endif()
find_package(SDL2 CONFIG QUIET)
set(OpenGL_GL_PREFERENCE GLVND)
find_package(OpenGL QUIET)
if(NOT TARGET SDL2::SDL2 OR NOT TARGET OpenGL::GL)
  message(STATUS "unroll: SDL2 (libsdl2-dev) or OpenGL not found: desktop app skipped")
  return()
endif()
if(NOT TARGET unroll_widgets_qr)
  message(STATUS "unroll: no QR Code generator sources (scripts/source_packages.sh): desktop app skipped")
  return()
endif()
unroll_add_imgui(SDL2::SDL2)
unroll_add_app_libraries()
add_executable(unroll_desktop ${CMAKE_SOURCE_DIR}/src/platform/main_desktop.cpp
    ${CMAKE_SOURCE_DIR}/src/platform/desktop_platform.cpp)
target_link_libraries(unroll_desktop PRIVATE unroll_app_panels OpenGL::GL ${CMAKE_DL_LIBS})
add_custom_command(TARGET unroll_desktop POST_BUILD
  COMMAND bash "${UNROLL_LICENSES_SCRIPT}" "$<TARGET_FILE_DIR:unroll_desktop>/LICENSES.txt" desktop
    "${UNROLL_IMGUI_DIR}" "${UNROLL_QRCODEGEN_DIR}"
  COMMENT "Writing LICENSES.txt next to unroll_desktop")
