// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/net: DCMTK glue shared by echo, find, retrieve and store.
// Included only by core/net .cpp files (DCMTK types are not part of the API).

#include <dcmtk/config/osconfig.h>  // must precede every other DCMTK header
#include <dcmtk/dcmnet/scu.h>
#include <dcmtk/dcmtls/tlslayer.h>

#include <memory>
#include <string>

#include "core/net/PacsClient.h"

namespace edgefuse::net::detail {

/// Quietens DCMTK's logger and registers the decoders (store converts
/// compressed files for peers that want them uncompressed). Idempotent.
void ensureNetReady();

/// "node NAME (AE AE at HOST:PORT)" for messages.
std::string describePeer(const PacsConnection& connection);

/// A TLS layer for a node's settings, as requestor (SCU) or acceptor
/// (C-MOVE receiver). InvalidArgument/FileNotFound for bad files.
Expected<std::unique_ptr<DcmTLSTransportLayer>> makeTlsLayer(const TlsSettings& tls, bool acceptor);

/// DcmSCU with its TLS switch public (it is protected in DCMTK 3.6.7).
class Scu : public DcmSCU {
 public:
  using DcmSCU::useSecureConnection;
};

/// An association to the peer: configures `scu` (AE titles, address,
/// timeouts, TLS) with the presentation contexts already added, and
/// negotiates. `tls` keeps the TLS layer alive as long as the association.
/// Refusals and failures become PeerRefused / NetworkFailed with one sentence.
Expected<void> openAssociation(Scu& scu, const PacsConnection& connection, std::unique_ptr<DcmTLSTransportLayer>& tls);

/// An Error for a failed DIMSE exchange (`what`: "C-FIND", …): timeouts and
/// a peer that went away become NetworkFailed with a sentence that says so.
Error dimseError(const OFCondition& condition, const PacsConnection& connection, const std::string& what);

/// Releases the association, or aborts it when release fails.
void closeAssociation(DcmSCU& scu);

/// The transfer syntaxes EdgeFuse accepts for incoming instances, in order
/// of preference: uncompressed first, then lossless, then lossy ones.
OFList<OFString> acceptedTransferSyntaxes();

/// Uncompressed transfer syntaxes (Explicit, Implicit VR Little Endian).
OFList<OFString> uncompressedTransferSyntaxes();

/// A UID usable as a folder or file name (digits and dots), else a safe
/// replacement, so that a peer cannot steer files outside the cache.
std::string safeName(const std::string& uid);

}  // namespace edgefuse::net::detail
