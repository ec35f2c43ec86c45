# orientir_module(NAME SOURCES a.cpp ... DEPS other_module ... LIBS third::party ... TESTS a_test.cpp ...)
# Declares one module = one static library `orientir_<NAME>` with an explicit source list and an
# explicit list of the modules it may use, plus one test executable `<NAME>_tests` registered with
# ctest (tests are discovered when ctest runs, so building does not execute anything).
function(orientir_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough -Wno-missing-field-initializers)
  if(ORIENTIR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(orientir_module NAME)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;LIBS;TESTS;TEST_LIBS" ${ARGN})
  set(target orientir_${NAME})
  add_library(${target} STATIC ${M_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  foreach(dep ${M_DEPS})
    target_link_libraries(${target} PUBLIC orientir_${dep})
  endforeach()
  if(M_LIBS)
    target_link_libraries(${target} PUBLIC ${M_LIBS})
  endif()
  orientir_warnings(${target})
  if(ORIENTIR_TESTS AND M_TESTS)
    add_executable(${NAME}_tests ${M_TESTS})
    target_link_libraries(${NAME}_tests PRIVATE ${target} ${M_TEST_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
    target_compile_definitions(${NAME}_tests PRIVATE ORIENTIR_SOURCE_DATA_DIR="${ORIENTIR_SOURCE_DATA_DIR}"
      ORIENTIR_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    orientir_warnings(${NAME}_tests)
    gtest_discover_tests(${NAME}_tests DISCOVERY_MODE PRE_TEST TEST_PREFIX "${NAME}." PROPERTIES TIMEOUT 300)
  endif()
endfunction()
