// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A real Orthanc (Debian package `orthanc`) for the PACS tests: started as a
// child process on loopback with its own configuration and storage in a
// temporary folder, stopped by its process id.

#include <sys/types.h>

#include <string>
#include <vector>

namespace edgefuse::test {

/// Runs a program (argv[0] looked up in PATH), waits for it, returns its exit
/// status (-1 when it could not be started). Output goes to `logFile` or is
/// discarded.
int runProgram(const std::vector<std::string>& argv, const std::string& logFile = {});

/// A TCP port on 127.0.0.1 that was free a moment ago.
int freePort();

class OrthancServer {
 public:
  struct Options {
    std::string aeTitle = "TESTPACS";
    std::string edgefuseAeTitle = "EDGEFUSE";
    int edgefusePort = 0;  ///< EdgeFuse's C-MOVE receiving port, listed in DicomModalities
    std::string tlsCertificate, tlsPrivateKey, tlsTrusted;  ///< all set: DICOM TLS on
    bool tlsRequireClientCertificate = false;
    bool tlsToEdgefuse = false;            ///< C-MOVE sub-operations to EdgeFuse over TLS
    std::string defaultEncoding = "Utf8";  ///< the character set of Orthanc's C-FIND answers
  };

  OrthancServer() = default;
  ~OrthancServer();
  OrthancServer(const OrthancServer&) = delete;
  OrthancServer& operator=(const OrthancServer&) = delete;

  /// Writes the configuration into `folder`, starts Orthanc and waits until
  /// its REST API answers. Returns "" or why it could not start.
  std::string start(const std::string& folder, const Options& options);

  /// Stops it (SIGTERM, then SIGKILL after 10 s); idempotent.
  void stop();
  /// Kills it at once (a peer that disappears).
  void kill();

  /// Uploads a DICOM file through the REST API.
  bool upload(const std::string& file) const;

  int dicomPort() const { return m_dicomPort; }
  const std::string& aeTitle() const { return m_options.aeTitle; }
  bool running() const { return m_pid > 0; }

 private:
  pid_t m_pid = -1;
  int m_dicomPort = 0;
  int m_httpPort = 0;
  Options m_options;
};

}  // namespace edgefuse::test
