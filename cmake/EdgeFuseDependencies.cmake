# All third-party packages are found here, in one place, with a clear message
# naming the Debian package when one is missing (instead of a CMake backtrace).

set(EDGEFUSE_APT_HINT
  "Install the dependencies with the first command of README.md, or: sudo apt-get install ")

macro(edgefuse_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR
      "EdgeFuse needs ${name}, which was not found.\n"
      "${EDGEFUSE_APT_HINT}${debian_package}")
  endif()
endmacro()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  # The sloppiness lets ccache cache translation units that use precompiled headers.
  set(CMAKE_CXX_COMPILER_LAUNCHER
    "${CMAKE_COMMAND};-E;env;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;${CCACHE_PROGRAM}"
    CACHE STRING "Compiler launcher" FORCE)
  message(STATUS "EdgeFuse: using ccache (${CCACHE_PROGRAM})")
endif()

set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)

# LibTorch (Debian: libtorch-dev; CUDA machines: torch.utils.cmake_prefix_path).
# Its config prints warnings about optional CUDA/kineto pieces; keep them quiet.
find_package(Torch QUIET)
if(NOT Torch_FOUND)
  message(FATAL_ERROR
    "EdgeFuse needs LibTorch, which was not found.\n"
    "${EDGEFUSE_APT_HINT}libtorch-dev\n"
    "(or pass -DCMAKE_PREFIX_PATH=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)'))")
endif()

find_package(tl-expected QUIET)
if(NOT tl-expected_FOUND)
  find_path(TL_EXPECTED_INCLUDE_DIR tl/expected.hpp)
  if(NOT TL_EXPECTED_INCLUDE_DIR)
    message(FATAL_ERROR "EdgeFuse needs tl::expected.\n${EDGEFUSE_APT_HINT}libexpected-dev")
  endif()
  add_library(tl::expected INTERFACE IMPORTED)
  target_include_directories(tl::expected INTERFACE "${TL_EXPECTED_INCLUDE_DIR}")
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  find_path(NLOHMANN_JSON_INCLUDE_DIR nlohmann/json.hpp)
  if(NOT NLOHMANN_JSON_INCLUDE_DIR)
    message(FATAL_ERROR "EdgeFuse needs nlohmann-json.\n${EDGEFUSE_APT_HINT}nlohmann-json3-dev")
  endif()
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  target_include_directories(nlohmann_json::nlohmann_json INTERFACE "${NLOHMANN_JSON_INCLUDE_DIR}")
endif()

if(NOT EDGEFUSE_ENGINE_ONLY)
  edgefuse_require_package(OpenCV libopencv-dev COMPONENTS core imgproc imgcodecs)
  edgefuse_require_package(DCMTK libdcmtk-dev)
  edgefuse_require_package(ZLIB zlib1g-dev)
  if(EDGEFUSE_BUILD_GUI)
    # PrintSupport must be found before QCustomPlotQt6, whose targets use it.
    find_package(Qt6 6.4 QUIET COMPONENTS Core Gui Widgets PrintSupport Concurrent Svg LinguistTools Test)
    if(NOT Qt6_FOUND)
      message(FATAL_ERROR "EdgeFuse's GUI needs Qt 6 (Widgets, PrintSupport, Svg, Concurrent, Test, LinguistTools).\n"
        "${EDGEFUSE_APT_HINT}qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6-dev\n"
        "(or configure with -DEDGEFUSE_BUILD_GUI=OFF)")
    endif()
    edgefuse_require_package(QCustomPlotQt6 libqcustomplot-dev)
  endif()
endif()

if(EDGEFUSE_BUILD_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    if(EDGEFUSE_ENGINE_ONLY)
      message(STATUS "EdgeFuse: GoogleTest not found, engine-only build without tests")
      set(EDGEFUSE_BUILD_TESTS OFF)
    else()
      message(FATAL_ERROR "EdgeFuse's tests need GoogleTest.\n${EDGEFUSE_APT_HINT}libgtest-dev")
    endif()
  endif()
endif()
if(EDGEFUSE_BUILD_BENCHMARKS AND NOT EDGEFUSE_ENGINE_ONLY)
  edgefuse_require_package(benchmark libbenchmark-dev)
endif()
