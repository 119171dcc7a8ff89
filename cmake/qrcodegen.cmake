# The QR encoder: nayuki's QR Code generator 1.8.0 from Debian's source
# package qr-code-generator (not committed: scripts/source_packages.sh puts
# it in the cache, the scripts pass UNROLL_QRCODEGEN_DIR), and on it the
# ImGui-free half of the QR widget (app/widgets/qr_matrix), which the app
# and the native test (tests/qr) share. Included by CMakeLists.txt.
set(UNROLL_QRCODEGEN_DIR "" CACHE PATH "QR Code generator source tree (cpp/qrcodegen.cpp; scripts/source_packages.sh)")
if(NOT UNROLL_QRCODEGEN_DIR)
  if(DEFINED ENV{UNROLL_CACHE})
    set(UNROLL_QRCODEGEN_DIR "$ENV{UNROLL_CACHE}/qrcodegen-1.8.0")
  else()
    set(UNROLL_QRCODEGEN_DIR "$ENV{HOME}/.cache/unroll/qrcodegen-1.8.0")
  endif()
endif()
if(EXISTS "${UNROLL_QRCODEGEN_DIR}/cpp/qrcodegen.cpp")
  add_library(unroll_qrcodegen STATIC "${UNROLL_QRCODEGEN_DIR}/cpp/qrcodegen.cpp")
  # SYSTEM: its header should not trip our -Wall -Wextra.
  target_include_directories(unroll_qrcodegen SYSTEM PUBLIC "${UNROLL_QRCODEGEN_DIR}/cpp")
  target_compile_options(unroll_qrcodegen PRIVATE -w)
  add_library(unroll_widgets_qr STATIC src/app/widgets/qr_matrix.cpp)
  target_include_directories(unroll_widgets_qr PUBLIC src)
  target_link_libraries(unroll_widgets_qr PUBLIC unroll_qrcodegen)
else()
  message(STATUS "unroll: no QR Code generator sources in '${UNROLL_QRCODEGEN_DIR}' "
    "(scripts/source_packages.sh qr-code-generator 1.8.0 qrcodegen-1.8.0): QR widget and its test skipped")
endif()
