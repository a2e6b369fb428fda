// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse::net {

/// DICOM over TLS for one node (DCMTK's TLS layer with OpenSSL). Paths are
/// PEM files; relative paths in a nodes file are relative to that file.
struct TlsSettings {
  bool enabled = false;
  std::string caCertificate;  ///< trusted CA certificate(s) that must sign the peer's certificate
  std::string certificate;    ///< EdgeFuse's own certificate (client authentication); optional
  std::string privateKey;     ///< the private key of `certificate`
  bool verifyPeer = true;     ///< refuse a peer whose certificate is not signed by `caCertificate`
};

/// How long EdgeFuse waits, in seconds: for the TCP connection, for the
/// association (ACSE) and for each DIMSE message.
struct Timeouts {
  int connectSeconds = 10;
  int acseSeconds = 30;
  int dimseSeconds = 60;
};

/// A remote DICOM node (a PACS).
struct PacsNode {
  std::string name;     ///< what the user calls it (`--node NAME`)
  std::string aeTitle;  ///< the node's AE title (the called AE title)
  std::string host;
  int port = 104;
  TlsSettings tls;
};

/// EdgeFuse's own application entity: the calling AE title, and the port on
/// which it receives C-MOVE sub-operations (the PACS must know both).
struct LocalAe {
  std::string aeTitle = "EDGEFUSE";
  int port = 11112;
};

/// The contents of a nodes file (docs/pacs.md).
struct PacsConfig {
  LocalAe local;
  Timeouts timeouts;
  std::vector<PacsNode> nodes;
};

/// Parses a nodes file's JSON text. `baseDir` resolves relative certificate
/// paths. InvalidArgument for a value that is not valid (an AE title longer
/// than 16 characters, a port outside 1..65535), MalformedData for JSON that
/// does not parse. Thread-safe.
Expected<PacsConfig> parsePacsConfig(const std::string& json, const std::string& baseDir = {});

/// Reads a nodes file (FileNotFound when it does not exist).
Expected<PacsConfig> readPacsConfig(const std::string& path);

/// The JSON text of a configuration, as readPacsConfig reads it.
std::string pacsConfigJson(const PacsConfig& config);

/// Writes a nodes file atomically.
Expected<void> writePacsConfig(const std::string& path, const PacsConfig& config);

/// Default nodes file: $XDG_CONFIG_HOME/edgefuse/nodes.json, else
/// ~/.config/edgefuse/nodes.json.
std::string defaultPacsConfigPath();

/// Default retrieve cache: $XDG_CACHE_HOME/edgefuse/pacs, else
/// ~/.cache/edgefuse/pacs.
std::string defaultPacsCacheDir();

/// The node called `name` (InvalidArgument naming the known nodes when absent).
Expected<PacsNode> findNode(const PacsConfig& config, const std::string& name);

/// Checks an AE title: 1 to 16 characters of printable ASCII without a
/// backslash, not only spaces.
Expected<void> checkAeTitle(const std::string& aeTitle);

/// Checks a node: AE title, a host, a port in 1..65535, and for TLS the
/// certificate files it names.
Expected<void> checkNode(const PacsNode& node);

}  // namespace edgefuse::net
