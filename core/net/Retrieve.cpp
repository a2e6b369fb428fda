// SPDX-License-Identifier: GPL-3.0-or-later
// C-GET and C-MOVE of a study or series into the retrieve cache.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scp.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

#include "core/net/PacsClient.h"
#include "core/net/detail/Association.h"
#include "core/net/detail/RetrieveCache.h"

namespace edgefuse::net {
namespace {

using Clock = std::chrono::steady_clock;

// Storage SOP classes EdgeFuse takes in a C-GET: the image and derived
// classes it reads or writes first, then DCMTK's list, 126 in all (a C-GET
// association has at most 128 presentation contexts, one is the GET model).
std::vector<std::string> storageSopClasses() {
  std::vector<std::string> classes = {UID_CTImageStorage,
                                      UID_EnhancedCTImageStorage,
                                      UID_MRImageStorage,
                                      UID_EnhancedMRImageStorage,
                                      UID_PositronEmissionTomographyImageStorage,
                                      UID_EnhancedPETImageStorage,
                                      UID_NuclearMedicineImageStorage,
                                      UID_SecondaryCaptureImageStorage,
                                      UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage,
                                      UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
                                      UID_MultiframeTrueColorSecondaryCaptureImageStorage,
                                      UID_SpatialRegistrationStorage,
                                      UID_DeformableSpatialRegistrationStorage,
                                      UID_SegmentationStorage,
                                      UID_RTDoseStorage,
                                      UID_RTStructureSetStorage,
                                      UID_RTPlanStorage,
                                      UID_ComputedRadiographyImageStorage,
                                      UID_DigitalXRayImageStorageForPresentation,
                                      UID_UltrasoundImageStorage,
                                      UID_UltrasoundMultiframeImageStorage,
                                      UID_XRayAngiographicImageStorage,
                                      UID_GrayscaleSoftcopyPresentationStateStorage,
                                      UID_BasicTextSRStorage,
                                      UID_EnhancedSRStorage,
                                      UID_ComprehensiveSRStorage,
                                      UID_EncapsulatedPDFStorage,
                                      UID_LegacyConvertedEnhancedCTImageStorage,
                                      UID_LegacyConvertedEnhancedMRImageStorage,
                                      UID_LegacyConvertedEnhancedPETImageStorage};
  std::set<std::string> seen(classes.begin(), classes.end());
  for (int i = 0; i < numberOfDcmLongSCUStorageSOPClassUIDs && classes.size() < 126; ++i) {
    if (seen.insert(dcmLongSCUStorageSOPClassUIDs[i]).second) classes.push_back(dcmLongSCUStorageSOPClassUIDs[i]);
  }
  return classes;
}

std::string hexStatus(Uint16 status) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "%04X", status);
  return hex;
}

bool cancelled(const std::atomic<bool>* cancel) {
  return cancel != nullptr && cancel->load();
}

// What the final C-GET/C-MOVE response said.
struct RetrieveOutcome {
  bool finalSeen = false;
  Uint16 status = 0;
  int completed = 0;
  int failed = 0;
  int warnings = 0;
  int remaining = -1;

  // Takes the status and sub-operation counts of a C-GET or C-MOVE response.
  void record(const RetrieveResponse& response) {
    status = response.m_status;
    completed = response.m_numberOfCompletedSubops;
    failed = response.m_numberOfFailedSubops;
    warnings = response.m_numberOfWarningSubops;
    remaining = response.m_numberOfRemainingSubops;
    finalSeen = response.m_status != STATUS_Pending;
  }
};

// C-GET: instances arrive as C-STORE requests on the same association.
class GetScu : public detail::Scu {
 public:
  GetScu(detail::RetrieveCache& cache, const std::function<void(const RetrieveProgress&)>& progress,
         const std::atomic<bool>* cancel)
      : m_cache(cache), m_progress(progress), m_cancel(cancel) {}

  RetrieveOutcome outcome;
  bool cancelSent = false;
  T_ASC_PresentationContextID getContext = 0;

 protected:
  OFCondition handleSTORERequest(const T_ASC_PresentationContextID /*presID*/, DcmDataset* incoming,
                                 OFBool& continueSession, Uint16& status) override {
    if (incoming == nullptr) return DIMSE_NULLKEY;
    if (cancelSent) {
      // After C-CANCEL the peer should stop; what still arrives is dropped.
      delete incoming;
      status = STATUS_STORE_Refused_OutOfResources;
      if (Clock::now() - m_cancelTime > std::chrono::seconds(5)) continueSession = OFFalse;
      return EC_Normal;
    }
    std::string sop;
    status = m_cache.write(incoming, sop);
    RetrieveProgress p;
    p.received = m_cache.received();
    p.remaining = outcome.remaining;
    p.failed = outcome.failed;
    p.sopInstanceUid = sop;
    if (m_progress) m_progress(p);
    maybeCancel();
    return EC_Normal;
  }

  OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                 OFBool& continueSession) override {
    const OFCondition cond = DcmSCU::handleCGETResponse(presID, response, continueSession);
    if (response != nullptr) {
      outcome.record(*response);
    }
    if (continueSession) maybeCancel();
    return cond;
  }

 private:
  void maybeCancel() {
    if (cancelSent || !cancelled(m_cancel)) return;
    cancelSent = true;
    m_cancelTime = Clock::now();
    sendCANCELRequest(getContext);
  }

  detail::RetrieveCache& m_cache;
  const std::function<void(const RetrieveProgress&)>& m_progress;
  const std::atomic<bool>* m_cancel;
  Clock::time_point m_cancelTime;
};

// C-MOVE: the SCU that sends the request and follows the responses.
class MoveScu : public detail::Scu {
 public:
  explicit MoveScu(const std::atomic<bool>* cancel) : m_cancel(cancel) {}
  RetrieveOutcome outcome;
  bool cancelSent = false;
  T_ASC_PresentationContextID moveContext = 0;

 protected:
  OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse* response,
                                 OFBool& waitForNextResponse) override {
    const OFCondition cond = DcmSCU::handleMOVEResponse(presID, response, waitForNextResponse);
    if (response != nullptr) {
      outcome.record(*response);
    }
    if (waitForNextResponse && !cancelSent && cancelled(m_cancel)) {
      cancelSent = true;
      sendCANCELRequest(moveContext);
    }
    return cond;
  }

 private:
  const std::atomic<bool>* m_cancel;
};

// EdgeFuse's storage SCP for C-MOVE: listens on its own thread while the
// C-MOVE runs and writes what arrives into the cache.
class MoveReceiver : public DcmSCP {
 public:
  MoveReceiver(detail::RetrieveCache& cache, const std::function<void(const RetrieveProgress&)>& progress,
               const std::atomic<bool>* cancel)
      : m_cache(cache), m_progress(progress), m_cancel(cancel) {}

  ~MoveReceiver() override { stop(); }

  Expected<void> start(const PacsConnection& connection, int port) {
    setAETitle(connection.callingAeTitle.c_str());
    setPort(static_cast<Uint16>(port));
    setConnectionBlockingMode(DUL_NOBLOCK);
    setConnectionTimeout(1);  // how often the loop looks at the stop flag
    setACSETimeout(static_cast<Uint32>(connection.timeouts.acseSeconds));
    setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    setDIMSETimeout(static_cast<Uint32>(connection.timeouts.dimseSeconds));
    setHostLookupEnabled(OFFalse);
    const OFList<OFString> syntaxes = detail::acceptedTransferSyntaxes();
    for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs; ++i)
      addPresentationContext(dcmAllStorageSOPClassUIDs[i], syntaxes);
    addPresentationContext(UID_VerificationSOPClass, detail::uncompressedTransferSyntaxes());
    if (connection.node.tls.enabled) {
      auto layer = detail::makeTlsLayer(connection.node.tls, true);
      if (!layer) return tl::unexpected(layer.error());
      m_tls = std::move(*layer);
      getConfig().setTransportLayer(m_tls.get());
    }
    const OFCondition cond = openListenPort();
    if (cond.bad()) {
      return fail(ErrorCode::NetworkFailed,
                  "EdgeFuse cannot receive the C-MOVE: port " + std::to_string(port) +
                      " cannot be opened (in use, or a privileged port)",
                  cond.text());
    }
    m_thread = std::thread([this] { acceptAssociations(); });
    return {};
  }

  void stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
  }

  int associations() const { return m_associations.load(); }

 protected:
  OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) override {
    if (message->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(message, info);
    T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
    DcmDataset* dataset = nullptr;
    const OFCondition cond = receiveSTORERequest(request, info.presentationContextID, dataset);
    if (cond.bad()) {
      delete dataset;
      return cond;
    }
    Uint16 status = STATUS_STORE_Refused_OutOfResources;
    if (cancelled(m_cancel)) {
      delete dataset;
    } else {
      std::string sop;
      status = m_cache.write(dataset, sop);
      RetrieveProgress p;
      p.received = m_cache.received();
      p.sopInstanceUid = sop;
      if (m_progress) m_progress(p);
    }
    return sendSTOREResponse(info.presentationContextID, request, status);
  }

  void notifyAssociationAcknowledge() override { ++m_associations; }
  OFBool stopAfterConnectionTimeout() override { return m_stop.load(); }
  OFBool stopAfterCurrentAssociation() override { return m_stop.load(); }

 private:
  detail::RetrieveCache& m_cache;
  const std::function<void(const RetrieveProgress&)>& m_progress;
  const std::atomic<bool>* m_cancel;
  std::unique_ptr<DcmTLSTransportLayer> m_tls;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_associations{0};
};

DcmDataset retrieveKeys(const RetrieveRequest& request) {
  DcmDataset keys;
  keys.putAndInsertString(DCM_QueryRetrieveLevel, request.seriesUid.empty() ? "STUDY" : "SERIES");
  keys.putAndInsertString(DCM_StudyInstanceUID, request.studyUid.c_str());
  if (!request.seriesUid.empty()) keys.putAndInsertString(DCM_SeriesInstanceUID, request.seriesUid.c_str());
  return keys;
}

// Turns the outcome of a retrieve into the result, or the error that says
// why nothing was kept.
Expected<RetrieveResult> finish(const PacsConnection& connection, const RetrieveOutcome& outcome,
                                detail::RetrieveCache& cache, bool cancelSent, const std::string& what) {
  const std::string peer = detail::describePeer(connection);
  if (cancelSent) return fail(ErrorCode::Cancelled, "the retrieve was cancelled; nothing was kept");
  if (!cache.writeError().empty()) return fail(ErrorCode::WriteFailed, cache.writeError());
  if (!outcome.finalSeen) {
    return fail(ErrorCode::NetworkFailed, peer + " ended the " + what + " without a final response; nothing was kept");
  }
  if (outcome.status == STATUS_GET_Cancel_SubOperationsTerminatedDueToCancelIndication) {
    return fail(ErrorCode::Cancelled, peer + " cancelled the retrieve; nothing was kept");
  }
  const bool success = outcome.status == STATUS_Success;
  const bool warning = outcome.status == STATUS_GET_Warning_SubOperationsCompleteOneOrMoreFailures;
  if (!success && !warning) {
    return fail(ErrorCode::PeerRefused, peer + " refused the " + what + " (status " + hexStatus(outcome.status) + ")",
                DU_cmoveStatusString(outcome.status));
  }
  if (outcome.failed > 0) {
    return fail(ErrorCode::PeerRefused,
                peer + " could not send " + std::to_string(outcome.failed) + " of " +
                    std::to_string(outcome.failed + outcome.completed + outcome.warnings) +
                    " instances; nothing was kept",
                "status " + hexStatus(outcome.status));
  }
  if (cache.received() == 0) {
    return fail(ErrorCode::FileNotFound, peer + " has no instances for this study or series");
  }
  if (cache.received() < outcome.completed + outcome.warnings) {
    return fail(ErrorCode::NetworkFailed, peer + " reported " + std::to_string(outcome.completed + outcome.warnings) +
                                              " instances sent but " + std::to_string(cache.received()) +
                                              " arrived; nothing was kept");
  }
  auto result = cache.commit();
  if (!result) return result;
  result->warnings = outcome.warnings;
  return result;
}

Expected<void> checkUid(const std::string& uid, const char* what, bool required) {
  if (uid.empty() && required) return fail(ErrorCode::InvalidArgument, std::string("a retrieve needs the ") + what);
  for (char c : uid) {
    if (!((c >= '0' && c <= '9') || c == '.')) {
      return fail(ErrorCode::InvalidArgument, std::string("the ") + what + " holds only digits and dots", uid);
    }
  }
  return {};
}

Expected<RetrieveResult> retrieveByGet(const PacsConnection& connection, const RetrieveRequest& request,
                                       detail::RetrieveCache& cache,
                                       const std::function<void(const RetrieveProgress&)>& progress,
                                       const std::atomic<bool>* cancel) {
  GetScu scu(cache, progress, cancel);
  scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, detail::uncompressedTransferSyntaxes());
  for (const std::string& sopClass : storageSopClasses()) {
    scu.addPresentationContext(sopClass.c_str(), detail::uncompressedTransferSyntaxes(), ASC_SC_ROLE_SCP);
  }
  std::unique_ptr<DcmTLSTransportLayer> tls;
  if (auto ok = detail::openAssociation(scu, connection, tls); !ok) return tl::unexpected(ok.error());
  scu.getContext = scu.findAnyPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
  if (scu.getContext == 0) {
    scu.abortAssociation();
    return fail(ErrorCode::PeerRefused,
                detail::describePeer(connection) + " does not offer C-GET (Study Root); try C-MOVE (pacs move)");
  }
  DcmDataset keys = retrieveKeys(request);
  const OFCondition cond = scu.sendCGETRequest(scu.getContext, &keys, nullptr);
  if (cond.bad() && !scu.cancelSent) {
    Error e = detail::dimseError(cond, connection, "C-GET");
    e.message += "; nothing was kept";
    scu.abortAssociation();
    return tl::unexpected(e);
  }
  if (scu.cancelSent && !scu.outcome.finalSeen) {
    scu.abortAssociation();
  } else {
    detail::closeAssociation(scu);
  }
  return finish(connection, scu.outcome, cache, scu.cancelSent, "C-GET");
}

Expected<RetrieveResult> retrieveByMove(const PacsConnection& connection, const RetrieveRequest& request,
                                        detail::RetrieveCache& cache,
                                        const std::function<void(const RetrieveProgress&)>& progress,
                                        const std::atomic<bool>* cancel) {
  if (request.receivePort < 1 || request.receivePort > 65535) {
    return fail(ErrorCode::InvalidArgument, "the C-MOVE receiving port must be 1 to 65535",
                std::to_string(request.receivePort));
  }
  detail::ensureNetReady();
  MoveReceiver receiver(cache, progress, cancel);
  if (auto ok = receiver.start(connection, request.receivePort); !ok) return tl::unexpected(ok.error());
  MoveScu scu(cancel);
  scu.addPresentationContext(UID_MOVEStudyRootQueryRetrieveInformationModel, detail::uncompressedTransferSyntaxes());
  std::unique_ptr<DcmTLSTransportLayer> tls;
  if (auto ok = detail::openAssociation(scu, connection, tls); !ok) return tl::unexpected(ok.error());
  scu.moveContext = scu.findAnyPresentationContextID(UID_MOVEStudyRootQueryRetrieveInformationModel, "");
  if (scu.moveContext == 0) {
    scu.abortAssociation();
    return fail(ErrorCode::PeerRefused,
                detail::describePeer(connection) + " does not offer C-MOVE (Study Root); try C-GET (pacs get)");
  }
  DcmDataset keys = retrieveKeys(request);
  const OFCondition cond = scu.sendMOVERequest(scu.moveContext, connection.callingAeTitle.c_str(), &keys, nullptr);
  if (cond.bad() && !scu.cancelSent) {
    Error e = detail::dimseError(cond, connection, "C-MOVE");
    e.message += "; nothing was kept";
    scu.abortAssociation();
    return tl::unexpected(e);
  }
  detail::closeAssociation(scu);
  // The final response comes after the peer's sub-association has ended;
  // give the receiver a moment to finish writing the last instance.
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (cache.received() < scu.outcome.completed + scu.outcome.warnings && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  receiver.stop();
  if (scu.outcome.finalSeen && scu.outcome.status == 0xA801) {
    return fail(ErrorCode::PeerRefused, detail::describePeer(connection) + " does not know the move destination '" +
                                            connection.callingAeTitle + "': add EdgeFuse's AE title, host and port " +
                                            std::to_string(request.receivePort) + " to the PACS");
  }
  return finish(connection, scu.outcome, cache, scu.cancelSent, "C-MOVE");
}

}  // namespace

Expected<RetrieveResult> retrieve(const PacsConnection& connection, const RetrieveRequest& request,
                                  const std::function<void(const RetrieveProgress&)>& progress,
                                  const std::atomic<bool>* cancel) {
  if (auto ok = checkUid(request.studyUid, "study instance UID", true); !ok) return tl::unexpected(ok.error());
  if (auto ok = checkUid(request.seriesUid, "series instance UID", false); !ok) return tl::unexpected(ok.error());
  auto cache = detail::RetrieveCache::create(request.cacheDir);
  if (!cache) return tl::unexpected(cache.error());
  if (request.method == RetrieveMethod::Move) return retrieveByMove(connection, request, **cache, progress, cancel);
  return retrieveByGet(connection, request, **cache, progress, cancel);
}

bool tlsAvailable() {
#ifdef WITH_OPENSSL
  return true;
#else
  return false;
#endif
}

}  // namespace edgefuse::net
