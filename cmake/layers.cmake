# The folders of src/ as CMake libraries, lowest first, each with the
# folders it may use. A folder may include its own headers and those of
# the folders below it (transitively); tests/check_layering.cmake (ctest
# `layering`) fails on any other include, so an upper folder never leaks
# into a lower one.
#
#   unroll_layer(<folder> [DEPS <folder>...])   records the rule
#   unroll_folder_library(<folder> [EXTRA_LINK <targets>...])
#                                               builds src/<folder>/*.cpp as unroll_<folder>
set(UNROLL_LAYER_FOLDERS "")

function(unroll_layer folder)
  cmake_parse_arguments(L "" "" "DEPS" ${ARGN})
  set(closure ${L_DEPS})
  foreach(d IN LISTS L_DEPS)
    get_property(sub GLOBAL PROPERTY "UNROLL_LAYER_${d}")
    list(APPEND closure ${sub})
  endforeach()
  list(REMOVE_DUPLICATES closure)
  set_property(GLOBAL PROPERTY "UNROLL_LAYER_${folder}" ${closure})
  set_property(GLOBAL PROPERTY "UNROLL_LAYER_DIRECT_${folder}" ${L_DEPS})
  set_property(GLOBAL APPEND PROPERTY UNROLL_LAYER_FOLDERS ${folder})
endfunction()

function(unroll_target_name folder out)
  string(REPLACE "/" "_" n "${folder}")
  set(${out} "unroll_${n}" PARENT_SCOPE)
endfunction()

function(unroll_folder_library folder)
  cmake_parse_arguments(L "" "" "SOURCES;EXTRA_LINK" ${ARGN})
  unroll_target_name(${folder} name)
  if(L_SOURCES)
    set(srcs ${L_SOURCES})
  else()
    file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/${folder}/*.cpp)
  endif()
  get_property(deps GLOBAL PROPERTY "UNROLL_LAYER_DIRECT_${folder}")
  set(dep_targets "")
  foreach(d IN LISTS deps)
    unroll_target_name(${d} t)
    if(TARGET ${t})
      list(APPEND dep_targets ${t})
    endif()
  endforeach()
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${dep_targets} ${L_EXTRA_LINK})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE ${dep_targets} ${L_EXTRA_LINK})
  endif()
endfunction()

# The rules (what the README's architecture map shows).
unroll_layer(core/tensor)                        # shapes, Rng, parameters, batches
unroll_layer(core/kernels DEPS core/tensor)      # gemm, gate kernels, activations: the SIMD
unroll_layer(core/layers  DEPS core/kernels)     # dense, layer norm, attention, positions, loss
unroll_layer(core/rnn     DEPS core/kernels)     # Elman/LSTM/GRU cells, stacks, BPTT
unroll_layer(core/config)                        # the key table, Config
unroll_layer(core/io      DEPS core/rnn)         # JSON (one writer), weights and batch files
unroll_layer(core/tasks   DEPS core/tensor)      # one file per task
unroll_layer(core/models  DEPS core/layers core/io core/tasks)  # one Net interface
unroll_layer(core/train   DEPS core/models core/config)         # Experiment, optimizers
unroll_layer(core/lessons DEPS core/train)       # lesson format, checks, markdown
unroll_layer(core/export  DEPS core/train)       # export-torch: the experiment as a PyTorch script
unroll_layer(engine       DEPS core/lessons)     # a run's engine: commands, updates (in a worker or not)
unroll_layer(app/state    DEPS engine core/export)  # UI-free page state (its PyTorch script too)
unroll_layer(app/widgets  DEPS app/state)        # plot, heatmap, colormap (ImGui)
unroll_layer(app/panels   DEPS app/widgets)      # one file per panel, the layout
unroll_layer(cli          DEPS core/lessons core/export)     # the `unroll` command
unroll_layer(platform     DEPS app/panels)       # main loops, the JS bridge

# For the check: one line per folder, "folder=allowed;allowed;...".
function(unroll_write_layer_table file)
  get_property(folders GLOBAL PROPERTY UNROLL_LAYER_FOLDERS)
  set(text "")
  foreach(f IN LISTS folders)
    get_property(c GLOBAL PROPERTY "UNROLL_LAYER_${f}")
    string(REPLACE ";" "," c "${c}")
    string(APPEND text "${f}=${c}\n")
  endforeach()
  file(WRITE ${file} "${text}")
endfunction()
