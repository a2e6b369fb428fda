// SPDX-License-Identifier: GPL-3.0-or-later
// C-ECHO and C-FIND (Study Root) with DcmSCU.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmnet/diutil.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "core/net/PacsClient.h"
#include "core/net/detail/Association.h"

namespace edgefuse::net {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && s[start] == ' ') ++start;
  return s.substr(start);
}

std::string value(DcmItem& item, const DcmTagKey& tag) {
  OFString v;
  if (item.findAndGetOFStringArray(tag, v).bad()) return {};
  return trimmed(v.c_str());
}

bool isDate(const std::string& s) {
  if (s.size() != 8) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Text of a response in UTF-8. Answers without a Specific Character Set that
// still carry 8-bit text are read as Latin-1, the commonest case in practice.
void convertToUtf8(DcmDataset& dataset, std::string& characterSet) {
  characterSet = value(dataset, DCM_SpecificCharacterSet);
  if (dataset.convertToUTF8().good()) return;
  dataset.convertCharacterSet("ISO_IR 100", "ISO_IR 192", 0, OFTrue);
}

PacsMatch matchFrom(DcmDataset& dataset, QueryLevel level) {
  PacsMatch match;
  convertToUtf8(dataset, match.characterSet);
  match.patientName = value(dataset, DCM_PatientName);
  match.patientId = value(dataset, DCM_PatientID);
  match.studyUid = value(dataset, DCM_StudyInstanceUID);
  match.studyDate = value(dataset, DCM_StudyDate);
  match.studyDescription = value(dataset, DCM_StudyDescription);
  match.accessionNumber = value(dataset, DCM_AccessionNumber);
  const std::string modalities = value(dataset, DCM_ModalitiesInStudy);
  std::size_t start = 0;
  while (start < modalities.size()) {
    std::size_t end = modalities.find('\\', start);
    if (end == std::string::npos) end = modalities.size();
    if (end > start) match.modalities.push_back(trimmed(modalities.substr(start, end - start)));
    start = end + 1;
  }
  const DcmTagKey countTag =
      level == QueryLevel::Study ? DCM_NumberOfStudyRelatedInstances : DCM_NumberOfSeriesRelatedInstances;
  if (level == QueryLevel::Series) {
    match.seriesUid = value(dataset, DCM_SeriesInstanceUID);
    match.modality = value(dataset, DCM_Modality);
    match.seriesDescription = value(dataset, DCM_SeriesDescription);
    match.seriesNumber = value(dataset, DCM_SeriesNumber);
  }
  const std::string count = value(dataset, countTag);
  if (!count.empty()) {
    try {
      match.instances = std::stoi(count);
    } catch (const std::exception&) {
      match.instances = -1;
    }
  }
  return match;
}

// The query dataset: the keys with values, and empty return keys.
DcmDataset queryKeys(const PacsQuery& query) {
  DcmDataset keys;
  const bool series = query.level == QueryLevel::Series;
  keys.putAndInsertString(DCM_QueryRetrieveLevel, series ? "SERIES" : "STUDY");
  // Always UTF-8: the query's text may need it, and peers such as Orthanc
  // answer in the query's character set, so that names in any script
  // survive the answer.
  keys.putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
  keys.putAndInsertString(DCM_PatientName, query.patientName.c_str());
  keys.putAndInsertString(DCM_PatientID, query.patientId.c_str());
  keys.putAndInsertString(DCM_StudyInstanceUID, query.studyUid.c_str());
  keys.putAndInsertString(DCM_StudyDate, query.studyDate.c_str());
  keys.putAndInsertString(DCM_StudyDescription, "");
  keys.putAndInsertString(DCM_AccessionNumber, query.accessionNumber.c_str());
  if (series) {
    keys.putAndInsertString(DCM_SeriesInstanceUID, "");
    keys.putAndInsertString(DCM_Modality, query.modality.c_str());
    keys.putAndInsertString(DCM_SeriesDescription, "");
    keys.putAndInsertString(DCM_SeriesNumber, "");
    keys.putAndInsertString(DCM_NumberOfSeriesRelatedInstances, "");
  } else {
    keys.putAndInsertString(DCM_ModalitiesInStudy, query.modality.c_str());
    keys.putAndInsertString(DCM_NumberOfStudyRelatedInstances, "");
  }
  return keys;
}

}  // namespace

Expected<double> echo(const PacsConnection& connection) {
  detail::Scu scu;
  scu.addPresentationContext(UID_VerificationSOPClass, detail::uncompressedTransferSyntaxes());
  std::unique_ptr<DcmTLSTransportLayer> tls;
  const auto start = std::chrono::steady_clock::now();
  if (auto ok = detail::openAssociation(scu, connection, tls); !ok) return tl::unexpected(ok.error());
  const OFCondition cond = scu.sendECHORequest(0);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (cond.bad()) {
    Error e = detail::dimseError(cond, connection, "C-ECHO");
    scu.abortAssociation();
    return tl::unexpected(e);
  }
  detail::closeAssociation(scu);
  return ms;
}

Expected<void> checkQuery(const PacsQuery& query) {
  if (!query.studyDate.empty()) {
    const std::string& d = query.studyDate;
    const std::size_t dash = d.find('-');
    const bool ok = dash == std::string::npos ? isDate(d)
                                              : d.find('-', dash + 1) == std::string::npos && d.size() > 1 &&
                                                    (dash == 0 || isDate(d.substr(0, dash))) &&
                                                    (dash + 1 == d.size() || isDate(d.substr(dash + 1)));
    if (!ok) {
      return fail(ErrorCode::InvalidArgument,
                  "a study date is YYYYMMDD or a range FROM-TO (YYYYMMDD-YYYYMMDD; either end may be left out)", d);
    }
  }
  for (const std::string* uid : {&query.studyUid}) {
    for (char c : *uid) {
      if (!((c >= '0' && c <= '9') || c == '.')) {
        return fail(ErrorCode::InvalidArgument, "a UID holds only digits and dots", *uid);
      }
    }
  }
  for (const std::string* text : {&query.patientName, &query.patientId, &query.modality, &query.accessionNumber}) {
    if (text->find('\\') != std::string::npos) {
      return fail(ErrorCode::InvalidArgument, "a query value must not contain a backslash", *text);
    }
  }
  return {};
}

Expected<std::vector<PacsMatch>> find(const PacsConnection& connection, const PacsQuery& query) {
  if (auto ok = checkQuery(query); !ok) return tl::unexpected(ok.error());
  detail::Scu scu;
  scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, detail::uncompressedTransferSyntaxes());
  std::unique_ptr<DcmTLSTransportLayer> tls;
  if (auto ok = detail::openAssociation(scu, connection, tls); !ok) return tl::unexpected(ok.error());
  const T_ASC_PresentationContextID pcid =
      scu.findAnyPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
  if (pcid == 0) {
    scu.abortAssociation();
    return fail(ErrorCode::PeerRefused,
                detail::describePeer(connection) + " does not offer Study Root queries (C-FIND)");
  }
  DcmDataset keys = queryKeys(query);
  OFList<QRResponse*> responses;
  const OFCondition cond = scu.sendFINDRequest(pcid, &keys, &responses);
  std::vector<PacsMatch> matches;
  Uint16 finalStatus = 0;
  for (QRResponse* response : responses) {
    if (response->m_dataset && (response->m_status == STATUS_Pending ||
                                response->m_status == STATUS_FIND_Pending_WarningUnsupportedOptionalKeys)) {
      matches.push_back(matchFrom(*response->m_dataset, query.level));
    }
    finalStatus = response->m_status;
    delete response;
  }
  if (cond.bad()) {
    Error e = detail::dimseError(cond, connection, "C-FIND");
    scu.abortAssociation();
    return tl::unexpected(e);
  }
  detail::closeAssociation(scu);
  if (finalStatus != STATUS_Success && finalStatus != STATUS_Pending) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", finalStatus);
    return fail(ErrorCode::PeerRefused, detail::describePeer(connection) + " refused the query (status " + hex + ")",
                DU_cfindStatusString(finalStatus));
  }
  return matches;
}

}  // namespace edgefuse::net
