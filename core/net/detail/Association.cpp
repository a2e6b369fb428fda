// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/detail/Association.h"

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace edgefuse::net::detail {

void ensureNetReady() {
  static std::once_flag once;
  std::call_once(once, [] {
    // DCMTK logs its own errors on the console; EdgeFuse turns each failure
    // into an Error value with one sentence instead.
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DcmTLSTransportLayer::initializeOpenSSL();
  });
}

std::string describePeer(const PacsConnection& connection) {
  const PacsNode& node = connection.node;
  std::string where = node.aeTitle + " at " + node.host + ":" + std::to_string(node.port);
  return node.name.empty() ? where : "node " + node.name + " (" + where + ")";
}

Expected<std::unique_ptr<DcmTLSTransportLayer>> makeTlsLayer(const TlsSettings& tls, bool acceptor) {
  ensureNetReady();
  auto layer = std::make_unique<DcmTLSTransportLayer>(acceptor ? NET_ACCEPTOR : NET_REQUESTOR, nullptr, OFFalse);
  if (!*layer) return fail(ErrorCode::Internal, "the TLS layer could not be created");
  if (layer->setTLSProfile(TSP_Profile_BCP195).bad() || layer->activateCipherSuites().bad()) {
    return fail(ErrorCode::Internal, "the TLS cipher suites (BCP 195) could not be activated");
  }
  if (!tls.caCertificate.empty() &&
      layer->addTrustedCertificateFile(tls.caCertificate.c_str(), DCF_Filetype_PEM).bad()) {
    return fail(ErrorCode::InvalidArgument, "the CA certificate could not be read (PEM expected)", tls.caCertificate);
  }
  if (!tls.certificate.empty()) {
    if (layer->setPrivateKeyFile(tls.privateKey.c_str(), DCF_Filetype_PEM).bad()) {
      return fail(ErrorCode::InvalidArgument, "the TLS private key could not be read (PEM expected)", tls.privateKey);
    }
    if (layer->setCertificateFile(tls.certificate.c_str(), DCF_Filetype_PEM).bad()) {
      return fail(ErrorCode::InvalidArgument, "the TLS certificate could not be read (PEM expected)", tls.certificate);
    }
    if (!layer->checkPrivateKeyMatchesCertificate()) {
      return fail(ErrorCode::InvalidArgument, "the TLS private key does not match the certificate", tls.certificate);
    }
  } else if (acceptor) {
    return fail(ErrorCode::InvalidArgument,
                "receiving over TLS (C-MOVE) needs EdgeFuse's own certificate and private key");
  }
  layer->setCertificateVerification(tls.verifyPeer ? DCV_requireCertificate : DCV_ignoreCertificate);
  return layer;
}

Expected<void> openAssociation(Scu& scu, const PacsConnection& connection, std::unique_ptr<DcmTLSTransportLayer>& tls) {
  ensureNetReady();
  const PacsNode& node = connection.node;
  if (auto ok = checkNode(node); !ok) return ok;
  if (auto ok = checkAeTitle(connection.callingAeTitle); !ok) {
    return fail(ErrorCode::InvalidArgument, "the calling AE title is not valid: " + ok.error().message,
                connection.callingAeTitle);
  }
  scu.setAETitle(connection.callingAeTitle.c_str());
  scu.setPeerAETitle(node.aeTitle.c_str());
  scu.setPeerHostName(node.host.c_str());
  scu.setPeerPort(static_cast<Uint16>(node.port));
  scu.setConnectionTimeout(connection.timeouts.connectSeconds);
  scu.setACSETimeout(static_cast<Uint32>(connection.timeouts.acseSeconds));
  scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  scu.setDIMSETimeout(static_cast<Uint32>(connection.timeouts.dimseSeconds));
  OFCondition cond = scu.initNetwork();
  if (cond.bad()) {
    return fail(ErrorCode::NetworkFailed, "the network could not be set up for " + describePeer(connection),
                cond.text());
  }
  if (node.tls.enabled) {
    // After initNetwork: DcmSCU attaches the layer to the network it created.
    auto layer = makeTlsLayer(node.tls, false);
    if (!layer) return tl::unexpected(layer.error());
    tls = std::move(*layer);
    if (scu.useSecureConnection(tls.get()).bad()) {
      return fail(ErrorCode::Internal, "TLS could not be switched on for " + describePeer(connection));
    }
  }
  cond = scu.negotiateAssociation();
  if (cond.good()) return {};
  const std::string peer = describePeer(connection);
  if (cond == DUL_ASSOCIATIONREJECTED) {
    return fail(ErrorCode::PeerRefused,
                peer + " refused the association: check its AE title ('" + node.aeTitle +
                    "') and that it knows EdgeFuse's AE title ('" + connection.callingAeTitle + "')",
                cond.text());
  }
  if (cond == NET_EC_NoAcceptablePresentationContexts) {
    return fail(ErrorCode::PeerRefused, peer + " accepted none of the requested services or transfer syntaxes",
                cond.text());
  }
  const std::string text = cond.text();
  if (node.tls.enabled && (text.find("TLS") != std::string::npos || text.find("SSL") != std::string::npos ||
                           text.find("certificate") != std::string::npos || text.find("secure") != std::string::npos)) {
    return fail(ErrorCode::NetworkFailed,
                "the TLS handshake with " + peer +
                    " failed: its certificate is not trusted, or it does not trust EdgeFuse's certificate",
                text);
  }
  if (text.find("imed out") != std::string::npos || text.find("imeout") != std::string::npos ||
      cond == DUL_READTIMEOUT) {
    return fail(ErrorCode::NetworkFailed,
                peer + " did not answer within the connection or association timeout (" +
                    std::to_string(connection.timeouts.connectSeconds) + " s / " +
                    std::to_string(connection.timeouts.acseSeconds) + " s)",
                text);
  }
  if (node.tls.enabled && (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_NETWORKCLOSED)) {
    return fail(ErrorCode::NetworkFailed,
                peer + " closed the connection during the TLS handshake: it may not trust EdgeFuse's certificate",
                text);
  }
  return fail(ErrorCode::NetworkFailed, peer + " could not be reached (connection refused or host unknown)", text);
}

Error dimseError(const OFCondition& condition, const PacsConnection& connection, const std::string& what) {
  const std::string peer = describePeer(connection);
  if (condition == DIMSE_NODATAAVAILABLE || condition == DUL_READTIMEOUT) {
    return {ErrorCode::NetworkFailed,
            peer + " did not answer the " + what + " within the DIMSE timeout (" +
                std::to_string(connection.timeouts.dimseSeconds) + " s)",
            condition.text()};
  }
  if (condition == DUL_PEERABORTEDASSOCIATION || condition == DUL_NETWORKCLOSED ||
      condition == DUL_PEERREQUESTEDRELEASE || condition == DIMSE_READPDVFAILED) {
    return {ErrorCode::NetworkFailed, peer + " closed the connection during the " + what, condition.text()};
  }
  if (condition == DIMSE_NOVALIDPRESENTATIONCONTEXTID) {
    return {ErrorCode::PeerRefused, peer + " did not accept the " + what + " service", condition.text()};
  }
  return {ErrorCode::NetworkFailed, "the " + what + " with " + peer + " failed", condition.text()};
}

void closeAssociation(DcmSCU& scu) {
  if (!scu.isConnected()) return;
  if (scu.releaseAssociation().bad()) scu.abortAssociation();
}

OFList<OFString> uncompressedTransferSyntaxes() {
  OFList<OFString> syntaxes;
  syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
  syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
  return syntaxes;
}

OFList<OFString> acceptedTransferSyntaxes() {
  OFList<OFString> syntaxes = uncompressedTransferSyntaxes();
  for (const char* uid :
       {UID_BigEndianExplicitTransferSyntax, UID_DeflatedExplicitVRLittleEndianTransferSyntax,
        UID_JPEGProcess14SV1TransferSyntax, UID_JPEGProcess14TransferSyntax, UID_JPEGLSLosslessTransferSyntax,
        UID_RLELosslessTransferSyntax, UID_JPEG2000LosslessOnlyTransferSyntax, UID_JPEGProcess1TransferSyntax,
        UID_JPEGProcess2_4TransferSyntax, UID_JPEGLSLossyTransferSyntax, UID_JPEG2000TransferSyntax}) {
    syntaxes.push_back(uid);
  }
  return syntaxes;
}

std::string safeName(const std::string& uid) {
  std::string out;
  for (char c : uid) out += (c >= '0' && c <= '9') || c == '.' ? c : '_';
  if (out.empty() || out == "." || out == ".." || out.front() == '.') out = "uid_" + out;
  return out.substr(0, 64);
}

}  // namespace edgefuse::net::detail
