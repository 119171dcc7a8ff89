# What `unroll --version` prints: the project version, the git revision and
# the build type, fixed at configure time into build_info.h (the compiler is
# read from its own macros at compile time). Without git, or outside a
# checkout, the revision is "unknown"; -DUNROLL_GIT_REVISION=... overrides it
# (e.g. when building from a tarball).
set(UNROLL_GIT_REVISION "" CACHE STRING "Revision printed by unroll --version (empty: ask git)")
set(_rev "${UNROLL_GIT_REVISION}")
if(NOT _rev)
  set(_rev "unknown (not built from a git checkout)")
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE _git_rev
      RESULT_VARIABLE _git_rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(_git_rc EQUAL 0 AND _git_rev)
      set(_rev "${_git_rev}")
      # Re-configure when HEAD moves (a commit, a checkout, a reset: each
      # appends to HEAD's reflog), so the revision printed is never stale.
      foreach(_ref HEAD logs/HEAD)
        execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --path-format=absolute --git-path ${_ref}
          WORKING_DIRECTORY ${CMAKE_SOURCE_DIR} OUTPUT_VARIABLE _git_file
          RESULT_VARIABLE _git_rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
        if(_git_rc EQUAL 0 AND EXISTS "${_git_file}")
          set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_git_file}")
        endif()
      endforeach()
    endif()
  endif()
endif()
set(UNROLL_BUILD_REVISION "${_rev}")
set(UNROLL_BUILD_TYPE_TEXT "${CMAKE_BUILD_TYPE}")
configure_file(${CMAKE_SOURCE_DIR}/cmake/build_info.h.in
  ${CMAKE_BINARY_DIR}/generated/cli/build_info.h @ONLY)
