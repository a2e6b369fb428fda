# SPDX-License-Identifier: GPL-3.0-or-later
# All third-party packages are found here, in one place. Missing ones are
# collected in EDGEFUSE_MISSING_PACKAGES (Debian package names); the top-level
# CMakeLists.txt reports them all in one clear message.

set(EDGEFUSE_MISSING_PACKAGES "")

macro(edgefuse_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    list(APPEND EDGEFUSE_MISSING_PACKAGES ${debian_package})
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
# (On a CUDA machine: -DCMAKE_PREFIX_PATH=$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)').)
edgefuse_require_package(Torch libtorch-dev)

find_package(tl-expected QUIET)
if(NOT tl-expected_FOUND)
  find_path(TL_EXPECTED_INCLUDE_DIR tl/expected.hpp)
  if(TL_EXPECTED_INCLUDE_DIR)
    add_library(tl::expected INTERFACE IMPORTED)
    target_include_directories(tl::expected INTERFACE "${TL_EXPECTED_INCLUDE_DIR}")
  else()
    list(APPEND EDGEFUSE_MISSING_PACKAGES libexpected-dev)
  endif()
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  find_path(NLOHMANN_JSON_INCLUDE_DIR nlohmann/json.hpp)
  if(NLOHMANN_JSON_INCLUDE_DIR)
    add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
    target_include_directories(nlohmann_json::nlohmann_json INTERFACE "${NLOHMANN_JSON_INCLUDE_DIR}")
  else()
    list(APPEND EDGEFUSE_MISSING_PACKAGES nlohmann-json3-dev)
  endif()
endif()

if(NOT EDGEFUSE_ENGINE_ONLY)
  edgefuse_require_package(OpenCV libopencv-dev COMPONENTS core imgproc imgcodecs)
  edgefuse_require_package(DCMTK libdcmtk-dev)
  edgefuse_require_package(ZLIB zlib1g-dev)
  # ITK (Debian: libinsighttoolkit5-dev) for registration, resampling and
  # NIfTI/NRRD/MetaImage. Its use-file is not included: it would put ITK's
  # include folders on every target. edgefuse_itk carries them, and only the
  # registration and io libraries link it, PRIVATE.
  edgefuse_require_package(ITK libinsighttoolkit5-dev COMPONENTS
    ITKCommon ITKTransform ITKImageGrid ITKImageFunction ITKSmoothing ITKStatistics
    ITKRegistrationMethodsv4 ITKMetricsv4 ITKOptimizersv4
    ITKIOImageBase ITKIONIFTI ITKIONRRD ITKIOMeta ITKIOTransformBase ITKIOTransformInsightLegacy)
  if(ITK_FOUND)
    add_library(edgefuse_itk INTERFACE)
    target_include_directories(edgefuse_itk SYSTEM INTERFACE ${ITK_INCLUDE_DIRS})
    target_link_libraries(edgefuse_itk INTERFACE ${ITK_LIBRARIES})
  endif()
  if(EDGEFUSE_BUILD_GUI)
    # PrintSupport must be found before QCustomPlotQt6, whose targets use it.
    find_package(Qt6 6.4 QUIET COMPONENTS Core Gui Widgets PrintSupport Concurrent Svg LinguistTools Test)
    if(NOT Qt6_FOUND)
      list(APPEND EDGEFUSE_MISSING_PACKAGES
        qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6-dev)
    else()
      edgefuse_require_package(QCustomPlotQt6 libqcustomplot-dev)
    endif()
  endif()
endif()

if(EDGEFUSE_BUILD_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    if(EDGEFUSE_ENGINE_ONLY)
      message(STATUS "EdgeFuse: GoogleTest not found, engine-only build without tests")
      set(EDGEFUSE_BUILD_TESTS OFF)
    else()
      list(APPEND EDGEFUSE_MISSING_PACKAGES libgtest-dev)
    endif()
  endif()
endif()
if(EDGEFUSE_BUILD_BENCHMARKS AND NOT EDGEFUSE_ENGINE_ONLY)
  edgefuse_require_package(benchmark libbenchmark-dev)
endif()
