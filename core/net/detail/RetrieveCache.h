// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/net: the staging folder of one retrieve.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/net/PacsClient.h"

class DcmDataset;

namespace edgefuse::net::detail {

/// Receives the instances of one retrieve into a hidden folder
/// `cacheDir/.partial-…` and moves the complete series into place at the
/// end (commit), or removes everything (the destructor, unless committed).
/// write() is thread-safe (the C-MOVE receiver calls it on its thread).
class RetrieveCache {
 public:
  static Expected<std::unique_ptr<RetrieveCache>> create(const std::string& cacheDir);
  ~RetrieveCache();
  RetrieveCache(const RetrieveCache&) = delete;
  RetrieveCache& operator=(const RetrieveCache&) = delete;

  /// Writes one received instance (takes ownership of `dataset`). Returns the
  /// C-STORE status to answer with: success, or "out of resources" when the
  /// file could not be written (the error is kept for the result).
  unsigned short write(DcmDataset* dataset, std::string& sopInstanceUid);

  int received() const;
  /// The first write error, if any.
  std::string writeError() const;

  /// Moves each received series to cacheDir/<study>/<series>, replacing an
  /// earlier copy, and returns them.
  Expected<RetrieveResult> commit();

 private:
  explicit RetrieveCache(std::string cacheDir, std::string staging);
  std::string m_cacheDir;
  std::string m_staging;
  mutable std::mutex m_mutex;
  std::map<std::pair<std::string, std::string>, int> m_series;  // (study, series) -> instances
  int m_received = 0;
  std::string m_writeError;
  bool m_committed = false;
};

}  // namespace edgefuse::net::detail
