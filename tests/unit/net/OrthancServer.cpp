// SPDX-License-Identifier: GPL-3.0-or-later
#include "OrthancServer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace edgefuse::test {
namespace {

pid_t spawn(const std::vector<std::string>& argv, const std::string& logFile) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = open(logFile.empty() ? "/dev/null" : logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

bool waitWithTimeout(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace

int runProgram(const std::vector<std::string>& argv, const std::string& logFile) {
  const pid_t pid = spawn(argv, logFile);
  if (pid < 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int freePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t length = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
  close(fd);
  return ntohs(addr.sin_port);
}

OrthancServer::~OrthancServer() {
  stop();
}

std::string OrthancServer::start(const std::string& folder, const Options& options) {
  if (runProgram({"sh", "-c", "command -v Orthanc"}) != 0) {
    return "Orthanc is not installed (Debian package 'orthanc': apt-get install orthanc)";
  }
  if (runProgram({"sh", "-c", "command -v curl"}) != 0) return "curl is not installed";
  m_options = options;
  if (m_options.edgefusePort <= 0) m_options.edgefusePort = freePort();
  m_dicomPort = freePort();
  m_httpPort = freePort();
  nlohmann::json config = {{"Name", "EdgeFuseTestPACS"},
                           {"StorageDirectory", folder + "/db"},
                           {"IndexDirectory", folder + "/db"},
                           {"HttpPort", m_httpPort},
                           {"DicomPort", m_dicomPort},
                           {"DicomAet", options.aeTitle},
                           {"DefaultEncoding", options.defaultEncoding},
                           {"RemoteAccessAllowed", false},
                           {"AuthenticationEnabled", false},
                           {"Plugins", nlohmann::json::array()},
                           {"DicomAlwaysAllowEcho", true},
                           {"DicomAlwaysAllowStore", true},
                           {"DicomAlwaysAllowFind", true},
                           {"DicomAlwaysAllowGet", true},
                           {"DicomAlwaysAllowMove", true},
                           {"DicomCheckCalledAet", true},
                           {"DicomScpTimeout", 10},
                           {"DicomAssociationCloseDelay", 0},
                           {"ConcurrentJobs", 1},
                           {"DicomModalities",
                            {{"edgefuse",
                              {{"AET", options.edgefuseAeTitle},
                               {"Host", "127.0.0.1"},
                               {"Port", m_options.edgefusePort},
                               {"UseDicomTls", options.tlsToEdgefuse}}}}}};
  if (!options.tlsCertificate.empty()) {
    config["DicomTlsEnabled"] = true;
    config["DicomTlsCertificate"] = options.tlsCertificate;
    config["DicomTlsPrivateKey"] = options.tlsPrivateKey;
    config["DicomTlsTrustedCertificates"] = options.tlsTrusted;
    config["DicomTlsRemoteCertificateRequired"] = options.tlsRequireClientCertificate;
  }
  const std::string configPath = folder + "/orthanc.json";
  std::ofstream(configPath) << config.dump(2);
  const std::string log = folder + "/orthanc.log";
  m_pid = spawn({"Orthanc", configPath}, log);
  if (m_pid < 0) return "Orthanc could not be started";
  const std::string url = "http://127.0.0.1:" + std::to_string(m_httpPort) + "/system";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      std::ifstream in(log);
      std::stringstream text;
      text << in.rdbuf();
      std::string tail = text.str();
      if (tail.size() > 600) tail = tail.substr(tail.size() - 600);
      return "Orthanc exited at start; its log ends: " + tail;
    }
    if (runProgram({"curl", "-sf", "-o", "/dev/null", url}) == 0) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  stop();
  return "Orthanc did not answer on " + url + " within 60 s";
}

void OrthancServer::stop() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGTERM);
  if (!waitWithTimeout(m_pid, std::chrono::seconds(10))) {
    ::kill(m_pid, SIGKILL);
    waitWithTimeout(m_pid, std::chrono::seconds(5));
  }
  m_pid = -1;
}

void OrthancServer::kill() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  waitWithTimeout(m_pid, std::chrono::seconds(5));
  m_pid = -1;
}

bool OrthancServer::upload(const std::string& file) const {
  return runProgram({"curl", "-sf", "-o", "/dev/null", "-X", "POST", "--data-binary", "@" + file,
                     "http://127.0.0.1:" + std::to_string(m_httpPort) + "/instances"}) == 0;
}

}  // namespace edgefuse::test
