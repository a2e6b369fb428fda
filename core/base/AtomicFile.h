// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse {

/// Rules for an output path. Every writer in EdgeFuse goes through these.
struct OutputPolicy {
  /// Overwrite an existing file at the target path (never a protected one).
  bool overwrite = true;
  /// Input files and folders that must never be written to (the sources).
  std::vector<std::string> protectedPaths;
};

/// Refuses an output that is (or lies inside) a protected source path, or an
/// existing file when `policy.overwrite` is false. Thread-safe.
Expected<void> checkOutputPath(const std::string& path, const OutputPolicy& policy);

/// Writes a file atomically: `writer` fills a temporary file in the target's
/// folder (same extensions, ".nii.gz" included, so format-by-extension
/// libraries work), which is
/// flushed and renamed over `path` only when `writer` succeeded. On failure
/// the temporary is removed and nothing at `path` changes. Thread-safe.
Expected<void> writeAtomically(const std::string& path, const OutputPolicy& policy,
                               const std::function<Expected<void>(const std::string& tmpPath)>& writer);

/// Creates a folder atomically (a multi-file output such as a DICOM series):
/// `writer` fills a temporary folder beside `path`, which is renamed to
/// `path` only when `writer` succeeded; on failure it is removed and nothing
/// at `path` changes. A folder already at `path` is replaced only when
/// `policy.overwrite` is set and every entry in it is a file for which
/// `isOwnFile(fileName)` is true (an earlier output of the same kind); it is
/// moved aside and removed after the new folder is in place. Refuses a folder
/// that is, contains or lies inside a protected path. Thread-safe.
Expected<void> writeFolderAtomically(const std::string& path, const OutputPolicy& policy,
                                     const std::function<bool(const std::string& fileName)>& isOwnFile,
                                     const std::function<Expected<void>(const std::string& tmpFolder)>& writer);

/// Atomic write of a byte buffer (see writeAtomically).
Expected<void> writeFileAtomically(const std::string& path, std::string_view bytes, const OutputPolicy& policy = {});

/// Whether an input path can be reached, with the real reason when not:
/// FileNotFound for a path that does not exist (`notFound` is the message) or
/// a symbolic link to nothing; ReadFailed for a loop of symbolic links, a
/// folder on the way that may not be searched, or another system error.
/// Thread-safe.
Expected<void> checkInputPath(const std::string& path, const std::string& notFound = "file or folder not found");

/// Reads a whole file into a string (errors as checkInputPath's).
Expected<std::string> readFile(const std::string& path);

}  // namespace edgefuse
