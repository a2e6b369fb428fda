// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/base/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

bool isSameOrInside(const fs::path& target, const fs::path& protectedPath) {
  std::error_code ec;
  if (!fs::exists(protectedPath, ec)) return false;
  if (fs::exists(target, ec) && fs::equivalent(target, protectedPath, ec)) return true;
  if (fs::is_directory(protectedPath, ec)) {
    // A file inside a source folder (a DICOM series folder) is refused too.
    const fs::path parent = fs::weakly_canonical(target, ec).parent_path();
    const fs::path folder = fs::weakly_canonical(protectedPath, ec);
    for (fs::path p = parent; !p.empty(); p = p.parent_path()) {
      if (p == folder) return true;
      if (p == p.root_path()) break;
    }
  }
  return false;
}

// A hidden name beside `target` that ends in all of its extensions
// (".nii.gz", not only ".gz"), so that libraries choosing the format by name
// write the temporary in the target's format.
std::string temporaryNameFor(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  const std::string fileName = target.filename().string();
  const std::size_t dot = fileName.find('.', 1);
  const std::string base = dot == std::string::npos ? fileName : fileName.substr(0, dot);
  const std::string extensions = dot == std::string::npos ? "" : fileName.substr(dot);
  std::ostringstream name;
  name << '.' << base << ".tmp-" << ::getpid() << '-' << stamp << '-' << counter++ << extensions;
  return (target.parent_path() / name.str()).string();
}

// fsync so that a crash after the rename cannot leave an empty file behind.
void syncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Expected<void> checkOutputPath(const std::string& path, const OutputPolicy& policy) {
  if (path.empty()) return fail(ErrorCode::InvalidArgument, "empty output path");
  const fs::path target(path);
  for (const auto& source : policy.protectedPaths) {
    if (!source.empty() && isSameOrInside(target, fs::path(source))) {
      return fail(ErrorCode::WouldOverwriteSource, "refusing to write an output over or into a source: " + source,
                  path);
    }
  }
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    return fail(ErrorCode::WriteFailed, "output path is a directory", path);
  }
  if (!policy.overwrite && fs::exists(target, ec)) {
    return fail(ErrorCode::OutputExists, "output exists and overwriting is off", path);
  }
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    return fail(ErrorCode::WriteFailed, "output folder does not exist", parent.string());
  }
  return {};
}

namespace {

// Errors name the output the user asked for, never the hidden temporary file
// or folder a writer was given (issue 18: a full disk named ".x.tmp-…").
Error namingOutput(Error error, const std::string& temporary, const std::string& output) {
  for (std::string* text : {&error.context, &error.message}) {
    for (auto at = text->find(temporary); at != std::string::npos; at = text->find(temporary, at + output.size())) {
      text->replace(at, temporary.size(), output);
    }
  }
  return error;
}

}  // namespace

Expected<void> writeAtomically(const std::string& path, const OutputPolicy& policy,
                               const std::function<Expected<void>(const std::string& tmpPath)>& writer) {
  if (auto ok = checkOutputPath(path, policy); !ok) return ok;
  const fs::path target(path);
  const std::string tmp = temporaryNameFor(target.has_parent_path() ? target : fs::path(".") / target);
  auto written = writer(tmp);
  std::error_code ec;
  if (!written) {
    fs::remove(tmp, ec);
    return tl::unexpected(namingOutput(written.error(), tmp, path));
  }
  if (!fs::exists(tmp, ec)) {
    return fail(ErrorCode::WriteFailed, "the writer produced no file", path);
  }
  syncFile(tmp);
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return fail(ErrorCode::WriteFailed, "could not move the finished file into place: " + ec.message(), path);
  }
  return {};
}

Expected<void> writeFolderAtomically(const std::string& path, const OutputPolicy& policy,
                                     const std::function<bool(const std::string& fileName)>& isOwnFile,
                                     const std::function<Expected<void>(const std::string& tmpFolder)>& writer) {
  if (path.empty()) return fail(ErrorCode::InvalidArgument, "empty output path");
  const fs::path folder(path);
  std::error_code ec;
  for (const auto& source : policy.protectedPaths) {
    if (source.empty() || !fs::exists(source, ec)) continue;
    // Replacing a folder that holds a source would delete the source.
    if (isSameOrInside(folder, fs::path(source)) || isSameOrInside(fs::path(source), folder)) {
      return fail(ErrorCode::WouldOverwriteSource,
                  "refusing to write an output folder over or into a source: " + source, path);
    }
  }
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec)) {
    return fail(ErrorCode::WriteFailed, "output folder does not exist", parent.string());
  }
  const bool replacing = fs::exists(folder, ec);
  if (replacing) {
    if (!fs::is_directory(folder, ec)) return fail(ErrorCode::OutputExists, "a file of that name exists", path);
    if (!policy.overwrite) return fail(ErrorCode::OutputExists, "output exists and overwriting is off", path);
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (!entry.is_regular_file(ec) || !isOwnFile(entry.path().filename().string())) {
        return fail(ErrorCode::OutputExists,
                    "the folder exists and holds files that are not an earlier output; not replaced", path);
      }
    }
  }
  const std::string staging = temporaryNameFor(folder);
  fs::create_directory(staging, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the output folder: " + ec.message(), path);
  auto written = writer(staging);
  if (!written) {
    fs::remove_all(staging, ec);
    return tl::unexpected(namingOutput(written.error(), staging, path));
  }
  for (const auto& entry : fs::directory_iterator(staging, ec)) syncFile(entry.path().string());
  const fs::path old = temporaryNameFor(folder) + ".old";
  if (replacing) {
    fs::rename(folder, old, ec);
    if (ec) {
      fs::remove_all(staging, ec);
      return fail(ErrorCode::WriteFailed, "cannot move the earlier output aside: " + ec.message(), path);
    }
  }
  fs::rename(staging, folder, ec);
  if (ec) {
    const std::string reason = ec.message();
    if (replacing) fs::rename(old, folder, ec);
    fs::remove_all(staging, ec);
    return fail(ErrorCode::WriteFailed, "could not move the finished folder into place: " + reason, path);
  }
  if (replacing) fs::remove_all(old, ec);
  return {};
}

Expected<void> writeFileAtomically(const std::string& path, std::string_view bytes, const OutputPolicy& policy) {
  return writeAtomically(path, policy, [&](const std::string& tmp) -> Expected<void> {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return fail(ErrorCode::WriteFailed, std::string("cannot create file: ") + std::strerror(errno), path);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      const int reason = errno;
      return fail(
          ErrorCode::WriteFailed,
          std::string("write failed: ") + (reason != 0 ? std::strerror(reason) : "unknown reason") + " (disk full?)",
          path);
    }
    return {};
  });
}

Expected<void> checkInputPath(const std::string& path, const std::string& notFound) {
  struct stat target {};
  if (::stat(path.c_str(), &target) == 0) return {};
  const int reason = errno;
  switch (reason) {
    case ENOENT:
    case ENOTDIR: {
      struct stat link {};
      if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        return fail(ErrorCode::FileNotFound, "a symbolic link to a file or folder that does not exist", path);
      }
      return fail(ErrorCode::FileNotFound, notFound, path);
    }
    case ELOOP:
      return fail(ErrorCode::ReadFailed, "a loop of symbolic links: the path never reaches a file", path);
    case EACCES:
      return fail(ErrorCode::ReadFailed, "permission denied: a folder on the path may not be searched", path);
    default:
      return fail(ErrorCode::ReadFailed, std::string("cannot reach the file: ") + std::strerror(reason), path);
  }
}

Expected<std::string> readFile(const std::string& path) {
  if (auto reachable = checkInputPath(path, "file not found"); !reachable) return tl::unexpected(reachable.error());
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::ReadFailed, "cannot open file", path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return fail(ErrorCode::ReadFailed, "read error", path);
  return buffer.str();
}

}  // namespace edgefuse
