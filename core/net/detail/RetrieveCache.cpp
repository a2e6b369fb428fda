// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/detail/RetrieveCache.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmnet/dimse.h>

#include <unistd.h>
#include <atomic>
#include <chrono>
#include <filesystem>

#include "core/net/detail/Association.h"

namespace edgefuse::net::detail {
namespace {

namespace fs = std::filesystem;

std::string uniqueSuffix() {
  static std::atomic<unsigned> counter{0};
  const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return std::to_string(::getpid()) + "-" + std::to_string(now) + "-" + std::to_string(counter++);
}

std::string stringOf(DcmDataset& dataset, const DcmTagKey& tag) {
  OFString v;
  dataset.findAndGetOFString(tag, v);
  return v.c_str();
}

}  // namespace

Expected<std::unique_ptr<RetrieveCache>> RetrieveCache::create(const std::string& cacheDir) {
  if (cacheDir.empty()) return fail(ErrorCode::InvalidArgument, "no cache folder given for the retrieve");
  std::error_code ec;
  fs::create_directories(cacheDir, ec);
  const fs::path staging = fs::path(cacheDir) / (".partial-" + uniqueSuffix());
  if (!fs::create_directory(staging, ec)) {
    return fail(ErrorCode::WriteFailed, "the retrieve cache folder cannot be written", cacheDir);
  }
  return std::unique_ptr<RetrieveCache>(new RetrieveCache(cacheDir, staging.string()));
}

RetrieveCache::RetrieveCache(std::string cacheDir, std::string staging)
    : m_cacheDir(std::move(cacheDir)), m_staging(std::move(staging)) {}

RetrieveCache::~RetrieveCache() {
  std::error_code ec;
  fs::remove_all(m_staging, ec);
}

unsigned short RetrieveCache::write(DcmDataset* dataset, std::string& sopInstanceUid) {
  DcmFileFormat file(dataset, OFFalse);  // takes ownership
  const std::string study = stringOf(*dataset, DCM_StudyInstanceUID);
  const std::string series = stringOf(*dataset, DCM_SeriesInstanceUID);
  sopInstanceUid = stringOf(*dataset, DCM_SOPInstanceUID);
  if (study.empty() || series.empty() || sopInstanceUid.empty()) {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_writeError.empty()) m_writeError = "an instance without study, series or SOP instance UID was received";
    return STATUS_STORE_Error_DataSetDoesNotMatchSOPClass;
  }
  const fs::path folder = fs::path(m_staging) / safeName(study) / safeName(series);
  std::error_code ec;
  fs::create_directories(folder, ec);
  const fs::path path = folder / (safeName(sopInstanceUid) + ".dcm");
  const OFCondition cond = file.saveFile(path.c_str(), EXS_Unknown);
  std::lock_guard<std::mutex> lock(m_mutex);
  if (cond.bad()) {
    if (m_writeError.empty()) m_writeError = "a received instance could not be written to " + path.string();
    return STATUS_STORE_Refused_OutOfResources;
  }
  ++m_series[{study, series}];
  ++m_received;
  return STATUS_Success;
}

int RetrieveCache::received() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_received;
}

std::string RetrieveCache::writeError() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_writeError;
}

Expected<RetrieveResult> RetrieveCache::commit() {
  std::lock_guard<std::mutex> lock(m_mutex);
  RetrieveResult result;
  for (const auto& [key, count] : m_series) {
    const fs::path from = fs::path(m_staging) / safeName(key.first) / safeName(key.second);
    const fs::path studyFolder = fs::path(m_cacheDir) / safeName(key.first);
    const fs::path to = studyFolder / safeName(key.second);
    std::error_code ec;
    fs::create_directories(studyFolder, ec);
    // An earlier copy is moved aside first, so that `to` is always either the
    // old complete series or the new complete one.
    fs::path old;
    if (fs::exists(to, ec)) {
      old = fs::path(m_cacheDir) / (".replaced-" + uniqueSuffix());
      fs::rename(to, old, ec);
      if (ec) return fail(ErrorCode::WriteFailed, "an earlier copy of the series could not be replaced", to.string());
    }
    fs::rename(from, to, ec);
    if (ec) {
      if (!old.empty()) fs::rename(old, to, ec);
      return fail(ErrorCode::WriteFailed, "the retrieved series could not be moved into the cache", to.string());
    }
    if (!old.empty()) fs::remove_all(old, ec);
    result.series.push_back({key.first, key.second, to.string(), count});
    result.instances += count;
  }
  m_committed = true;
  return result;
}

}  // namespace edgefuse::net::detail
