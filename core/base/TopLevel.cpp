// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/base/TopLevel.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

#include "core/base/Error.h"

namespace edgefuse {
namespace {

// Set once by runGuarded before anything else runs; read by the terminate
// handler. Reporting allocates nothing: memory may be exhausted.
const char* g_program = "edgefuse";

void reportAndExit(std::exception_ptr escaped) noexcept {
  try {
    if (escaped) std::rethrow_exception(escaped);
    std::fprintf(stderr, "%s: error: internal error: the program was ended without a reason (please report it)\n",
                 g_program);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr,
                 "%s: error: out of memory: this job needs more memory than the machine allows; try a smaller "
                 "image or volume, or close other programs\n",
                 g_program);
  } catch (const std::exception& e) {
    // One line: library messages (OpenCV's, LibTorch's) span several.
    char what[512];
    std::size_t n = 0;
    for (const char* c = e.what(); *c != '\0' && n + 1 < sizeof what; ++c) {
      what[n++] = (*c == '\n' || *c == '\r') ? ' ' : *c;
    }
    while (n > 0 && what[n - 1] == ' ') --n;
    what[n] = '\0';
    std::fprintf(stderr, "%s: error: internal error: %s (please report it)\n", g_program, what);
  } catch (...) {
    std::fprintf(stderr, "%s: error: internal error: an unknown exception (please report it)\n", g_program);
  }
  std::fflush(stderr);
  // _Exit: no static destructors, which may wait for the thread that failed.
  std::_Exit(exitCodeFor(ErrorCode::Internal));
}

[[noreturn]] void onTerminate() noexcept {
  reportAndExit(std::current_exception());
  std::_Exit(exitCodeFor(ErrorCode::Internal));
}

}  // namespace

int runGuarded(const char* program, const std::function<int()>& body) {
  g_program = program;
  std::set_terminate(onTerminate);
  try {
    return body();
  } catch (...) {
    reportAndExit(std::current_exception());
  }
  return exitCodeFor(ErrorCode::Internal);
}

}  // namespace edgefuse
