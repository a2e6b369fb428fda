// SPDX-License-Identifier: GPL-3.0-or-later
// C-STORE of files and folders with DcmSCU.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "core/net/PacsClient.h"
#include "core/net/detail/Association.h"

namespace edgefuse::net {
namespace {

namespace fs = std::filesystem;

bool isUncompressed(const std::string& uid) {
  return uid == UID_LittleEndianExplicitTransferSyntax || uid == UID_LittleEndianImplicitTransferSyntax;
}

std::string hexStatus(int status) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(status));
  return hex;
}

// The files named by `paths`, folders searched recursively, in name order.
Expected<std::vector<std::string>> collectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      return fail(ErrorCode::FileNotFound, "a file or folder to send does not exist", path);
    }
  }
  if (files.empty()) return fail(ErrorCode::FileNotFound, "no files to send in the given folders");
  return files;
}

// Reads what a C-STORE needs to know of a file: SOP class and instance, and
// its transfer syntax. The pixel data is not read here.
bool describeFile(StoreItem& item) {
  DcmFileFormat file;
  if (file.loadFileUntilTag(item.path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect,
                            DCM_PixelData)
          .bad()) {
    item.message = "not a DICOM file";
    return false;
  }
  OFString v;
  DcmDataset* dataset = file.getDataset();
  if (dataset->findAndGetOFString(DCM_SOPClassUID, v).good()) item.sopClassUid = v.c_str();
  if (dataset->findAndGetOFString(DCM_SOPInstanceUID, v).good()) item.sopInstanceUid = v.c_str();
  item.transferSyntax = DcmXfer(dataset->getOriginalXfer()).getXferID();
  if (item.sopClassUid.empty() || item.sopInstanceUid.empty()) {
    item.message = "the file has no SOP Class UID or SOP Instance UID";
    return false;
  }
  if (file.getMetaInfo() != nullptr && file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, v).good() &&
      !v.empty()) {
    item.transferSyntax = v.c_str();
  }
  return true;
}

}  // namespace

Expected<StoreReport> store(const PacsConnection& connection, const std::vector<std::string>& paths,
                            const std::function<void(int done, int total)>& progress, const std::atomic<bool>* cancel) {
  auto files = collectFiles(paths);
  if (!files) return tl::unexpected(files.error());
  detail::ensureNetReady();
  StoreReport report;
  // Presentation contexts: each SOP class uncompressed, and each other
  // transfer syntax a file is in on its own, so the peer can take it as is.
  std::map<std::string, std::set<std::string>> contexts;
  for (const std::string& path : *files) {
    StoreItem item;
    item.path = path;
    if (describeFile(item)) {
      std::set<std::string>& syntaxes = contexts[item.sopClassUid];
      if (!isUncompressed(item.transferSyntax)) syntaxes.insert(item.transferSyntax);
    }
    report.items.push_back(std::move(item));
  }
  std::size_t contextCount = 0;
  for (const auto& [sopClass, syntaxes] : contexts) contextCount += 1 + syntaxes.size();
  if (contexts.empty()) return fail(ErrorCode::UnsupportedFormat, "none of the files to send is a DICOM file");
  if (contextCount > 128) {
    return fail(ErrorCode::InvalidArgument,
                "the files need " + std::to_string(contextCount) +
                    " presentation contexts (SOP classes and transfer syntaxes); one association allows 128: send "
                    "them in parts");
  }
  detail::Scu scu;
  scu.setDatasetConversionMode(OFTrue);
  for (const auto& [sopClass, syntaxes] : contexts) {
    scu.addPresentationContext(sopClass.c_str(), detail::uncompressedTransferSyntaxes());
    for (const std::string& syntax : syntaxes) {
      OFList<OFString> one;
      one.push_back(syntax.c_str());
      scu.addPresentationContext(sopClass.c_str(), one);
    }
  }
  std::unique_ptr<DcmTLSTransportLayer> tls;
  if (auto ok = detail::openAssociation(scu, connection, tls); !ok) return tl::unexpected(ok.error());
  const int total = static_cast<int>(report.items.size());
  int done = 0;
  bool lost = false;
  std::string lostReason;
  for (StoreItem& item : report.items) {
    ++done;
    if (item.sopClassUid.empty()) {
      // Not DICOM: already described.
    } else if (lost) {
      item.message = "not sent: " + lostReason;
    } else if (cancel != nullptr && cancel->load()) {
      item.message = "not sent: cancelled";
    } else {
      T_ASC_PresentationContextID pcid =
          scu.findPresentationContextID(item.sopClassUid.c_str(), item.transferSyntax.c_str());
      if (pcid == 0) {
        for (const char* syntax : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}) {
          pcid = scu.findPresentationContextID(item.sopClassUid.c_str(), syntax);
          if (pcid != 0) {
            item.transferSyntax = syntax;
            break;
          }
        }
      }
      if (pcid == 0) {
        item.message = "the peer does not accept this SOP class (" + item.sopClassUid + ")";
      } else {
        Uint16 status = 0;
        const OFCondition cond = scu.sendSTORERequest(pcid, item.path.c_str(), nullptr, status);
        if (cond.bad()) {
          const Error e = detail::dimseError(cond, connection, "C-STORE");
          if (!scu.isConnected() || e.message.find("closed the connection") != std::string::npos ||
              e.message.find("timeout") != std::string::npos) {
            lost = true;
            lostReason = e.message;
          }
          item.message = e.message + (e.context.empty() ? "" : " (" + e.context + ")");
          if (cond == EC_CannotChangeRepresentation || cond.text() == std::string("No conversion possible")) {
            item.message = "the file could not be converted to a transfer syntax the peer accepts";
          }
        } else {
          item.status = status;
          if (status == STATUS_Success) {
            item.ok = true;
          } else if ((status & 0xF000) == 0xB000) {
            item.ok = true;
            item.message = "stored with a warning (status " + hexStatus(status) + ")";
          } else {
            item.message = "the peer refused the instance (status " + hexStatus(status) + ")";
          }
        }
      }
    }
    if (item.ok) {
      ++report.stored;
    } else {
      ++report.failed;
    }
    if (progress) progress(done, total);
  }
  if (lost) {
    scu.abortAssociation();
  } else {
    detail::closeAssociation(scu);
  }
  return report;
}

}  // namespace edgefuse::net
