# qs_add_core_module(<name> [DEPS targets...])
# Builds core/<name>/*.cpp into the static library qs_<name>. Core modules never link Qt, so a Qt
# include in core/ fails to compile: the engine stays usable from the CLI, tests and fuzzers alike.
function(qs_add_core_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
  add_library(qs_${name} STATIC ${sources} ${headers})
  target_include_directories(qs_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(qs_${name} PUBLIC ${ARG_DEPS})
  set_target_properties(qs_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# The tests' home folder, inside the build tree (see qs_add_test).
set(QS_TEST_HOME ${CMAKE_BINARY_DIR}/test-home)
file(MAKE_DIRECTORY ${QS_TEST_HOME})

# qs_add_test(<source> LINK targets... [LABELS labels...] [TIMEOUT s])
# One Qt Test executable per test source, registered with CTest under its file name.

function(qs_add_test source)
  cmake_parse_arguments(ARG "" "TIMEOUT" "LINK;LABELS" ${ARGN})
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LINK})
  target_compile_definitions(${name} PRIVATE
    QS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    QS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES
    LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
    # ctest runs tests in parallel: one OpenMP thread each, sleeping rather than spinning when idle. HOME inside the
    # build tree: Qt's test-mode settings (~/.qttest/config/<org>/<test>.conf) are per build tree, so two checkouts'
    # suites running at once do not overwrite each other's remembered shapes and folders.
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OMP_NUM_THREADS=1;OMP_WAIT_POLICY=PASSIVE;HOME=${QS_TEST_HOME}")
endfunction()
