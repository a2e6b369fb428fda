// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/net/PacsConfig.h"

namespace edgefuse::net {

/// One peer and how to talk to it: the node, EdgeFuse's calling AE title and
/// the timeouts. Every call below opens its own association and closes it
/// before returning; they may run on any thread, several at a time.
struct PacsConnection {
  PacsNode node;
  std::string callingAeTitle = "EDGEFUSE";
  Timeouts timeouts;
};

/// C-ECHO (Verification). Returns the round trip in milliseconds.
/// NetworkFailed: unreachable, timed out, TLS handshake failed;
/// PeerRefused: association rejected (e.g. unknown called AE title).
Expected<double> echo(const PacsConnection& connection);

enum class QueryLevel { Study, Series };

/// C-FIND keys (Study Root). Empty fields match everything. Text is UTF-8;
/// queries are sent as ISO_IR 192 (UTF-8).
struct PacsQuery {
  QueryLevel level = QueryLevel::Study;
  std::string patientName;  ///< with DICOM wildcards: '*' any run, '?' one character
  std::string patientId;
  std::string studyDate;  ///< YYYYMMDD, or a range FROM-TO (either end may be left out)
  std::string modality;   ///< ModalitiesInStudy at study level, Modality at series level
  std::string accessionNumber;
  std::string studyUid;
};

/// One C-FIND match, its text converted to UTF-8 from the peer's Specific
/// Character Set. `instances` is -1 when the peer did not say.
struct PacsMatch {
  std::string patientName;
  std::string patientId;
  std::string studyUid;
  std::string studyDate;
  std::string studyDescription;
  std::string accessionNumber;
  std::vector<std::string> modalities;  ///< study level: ModalitiesInStudy
  std::string seriesUid;                ///< series level only
  std::string modality;                 ///< series level only
  std::string seriesDescription;        ///< series level only
  std::string seriesNumber;             ///< series level only
  int instances = -1;
  std::string characterSet;  ///< the Specific Character Set the peer answered in ("" = ASCII)
};

/// Checks a query's values (date range format, study UID syntax) without
/// sending it: InvalidArgument with the offending value.
Expected<void> checkQuery(const PacsQuery& query);

/// C-FIND at study or series level.
Expected<std::vector<PacsMatch>> find(const PacsConnection& connection, const PacsQuery& query);

enum class RetrieveMethod {
  Get,   ///< C-GET: the instances come back on the same association (no port to open)
  Move,  ///< C-MOVE to EdgeFuse's own storage SCP on `receivePort`
};

/// What to retrieve and where. The cache is organised
/// `cacheDir/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm`.
struct RetrieveRequest {
  RetrieveMethod method = RetrieveMethod::Get;
  std::string studyUid;   ///< required
  std::string seriesUid;  ///< empty: the whole study
  std::string cacheDir;
  int receivePort = 11112;  ///< C-MOVE: where EdgeFuse listens (the PACS must know this AE and port)
};

/// Progress of a retrieve, reported after each received instance.
struct RetrieveProgress {
  int received = 0;
  int remaining = -1;  ///< as the peer last reported it; -1 when unknown
  int failed = 0;
  std::string sopInstanceUid;
};

struct RetrievedSeries {
  std::string studyUid;
  std::string seriesUid;
  std::string folder;
  int instances = 0;
};

struct RetrieveResult {
  std::vector<RetrievedSeries> series;
  int instances = 0;
  int warnings = 0;  ///< sub-operations the peer completed with a warning
};

/// Retrieves a series or a study into the cache. Instances are written into
/// a hidden temporary folder in `cacheDir` that is renamed into place only
/// when the peer reports every sub-operation done; on any failure, cancel or
/// lost connection it is removed, so nothing partial looks complete. An
/// earlier copy of a series in the cache is replaced. `progress` is called
/// on the calling thread (C-GET) or on the receiving thread (C-MOVE);
/// setting `*cancel` sends C-CANCEL and returns Cancelled.
Expected<RetrieveResult> retrieve(const PacsConnection& connection, const RetrieveRequest& request,
                                  const std::function<void(const RetrieveProgress&)>& progress = {},
                                  const std::atomic<bool>* cancel = nullptr);

/// The result of storing one file.
struct StoreItem {
  std::string path;
  std::string sopInstanceUid;
  std::string sopClassUid;
  std::string transferSyntax;  ///< the one it was sent in
  int status = -1;             ///< the peer's DIMSE status; -1 when not sent
  bool ok = false;
  std::string message;  ///< why it failed (or the warning), "" when stored cleanly
};

struct StoreReport {
  std::vector<StoreItem> items;
  int stored = 0;
  int failed = 0;
};

/// C-STORE of files and folders (searched recursively; files that are not
/// DICOM are listed as failed). Each SOP class is proposed in the file's own
/// transfer syntax and uncompressed; a file is converted when the peer only
/// accepts the uncompressed one. Per-instance failures are in the report; an
/// Error only when nothing could be tried (no files, association refused,
/// connection lost). `progress(done, total)` after each file.
Expected<StoreReport> store(const PacsConnection& connection, const std::vector<std::string>& paths,
                            const std::function<void(int done, int total)>& progress = {},
                            const std::atomic<bool>* cancel = nullptr);

/// True when this build can speak DICOM over TLS.
bool tlsAvailable();

}  // namespace edgefuse::net
