// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <functional>

namespace edgefuse {

/// The last line of defence of every executable (docs/reliability.md). Runs
/// `body` (what main() does) and turns whatever escapes it into the documented
/// `internal` exit code (1, docs/cli.md) with one line on stderr:
/// "<program>: error: out of memory …" for std::bad_alloc, "<program>: error:
/// internal error: …" for any other exception. Also installs a std::terminate
/// handler that does the same for an exception that escapes another thread or
/// a noexcept function, so that no exception ends the process with abort()
/// (exit 134) and a core dump. Call from main(), on the main thread.
int runGuarded(const char* program, const std::function<int()>& body);

}  // namespace edgefuse
