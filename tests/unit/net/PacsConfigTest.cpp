// SPDX-License-Identifier: GPL-3.0-or-later
// core/net without a PACS: the nodes file, query checks, and the errors for
// a peer that is not there or does not answer.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "OrthancServer.h"
#include "core/net/PacsClient.h"
#include "core/net/PacsConfig.h"

using namespace edgefuse;
using namespace edgefuse::net;
namespace fs = std::filesystem;

TEST(PacsConfig, ParsesNodesLocalAeAndTimeouts) {
  const std::string text = R"({
    "local": {"ae_title": "WORKSTATION1", "port": 11113},
    "timeouts": {"connect_s": 5, "acse_s": 7, "dimse_s": 9},
    "nodes": [
      {"name": "pacs", "ae_title": "ORTHANC", "host": "pacs.example.org", "port": 4242},
      {"name": "secure", "ae_title": "SECURE", "host": "10.0.0.2", "port": 2762,
       "tls": {"enabled": true, "ca_certificate": "certs/ca.pem", "verify_peer": true}}
    ]})";
  auto config = parsePacsConfig(text, "/etc/edgefuse");
  ASSERT_TRUE(config) << config.error().describe();
  EXPECT_EQ(config->local.aeTitle, "WORKSTATION1");
  EXPECT_EQ(config->local.port, 11113);
  EXPECT_EQ(config->timeouts.connectSeconds, 5);
  EXPECT_EQ(config->timeouts.acseSeconds, 7);
  EXPECT_EQ(config->timeouts.dimseSeconds, 9);
  ASSERT_EQ(config->nodes.size(), 2u);
  EXPECT_EQ(config->nodes[0].aeTitle, "ORTHANC");
  EXPECT_FALSE(config->nodes[0].tls.enabled);
  EXPECT_TRUE(config->nodes[1].tls.enabled);
  EXPECT_EQ(config->nodes[1].tls.caCertificate, "/etc/edgefuse/certs/ca.pem");
  auto node = findNode(*config, "secure");
  ASSERT_TRUE(node);
  EXPECT_EQ(node->port, 2762);
  auto missing = findNode(*config, "nope");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("pacs, secure"), std::string::npos) << missing.error().message;
}

TEST(PacsConfig, RefusesInvalidValuesWithTheReason) {
  struct Case {
    const char* json;
    ErrorCode code;
    const char* says;
  };
  const Case cases[] = {
      {"{", ErrorCode::MalformedData, "not valid JSON"},
      {R"({"nodes": [{"name": "a", "ae_title": "THIS_AE_TITLE_IS_TOO_LONG", "host": "h", "port": 104}]})",
       ErrorCode::InvalidArgument, "1 to 16"},
      {R"({"nodes": [{"name": "a", "ae_title": "A", "host": "h", "port": 70000}]})", ErrorCode::InvalidArgument,
       "port"},
      {R"({"nodes": [{"name": "a", "ae_title": "A", "port": 104}]})", ErrorCode::InvalidArgument, "host"},
      {R"({"nodes": [{"name": "a", "ae_title": "A", "host": "h", "port": "x"}]})", ErrorCode::InvalidArgument,
       "wrong type"},
      {R"({"nodes": [{"name": "a", "ae_title": "A", "host": "h"}, {"name": "a", "ae_title": "B", "host": "h"}]})",
       ErrorCode::InvalidArgument, "same name"},
      {R"({"local": {"ae_title": "BACK\\SLASH"}})", ErrorCode::InvalidArgument, "printable ASCII"},
      {R"({"timeouts": {"dimse_s": 0}})", ErrorCode::InvalidArgument, "dimse_s"},
  };
  for (const Case& c : cases) {
    auto config = parsePacsConfig(c.json);
    ASSERT_FALSE(config) << c.json;
    EXPECT_EQ(config.error().code, c.code) << c.json;
    EXPECT_NE(config.error().describe().find(c.says), std::string::npos) << config.error().describe();
  }
}

TEST(PacsConfig, WritesWhatItReadsAndSaysWhenTheFileIsMissing) {
  const fs::path dir = fs::temp_directory_path() / ("edgefuse-pacs-config-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  PacsConfig config;
  config.local = {"MYAE", 11200};
  config.timeouts = {3, 4, 5};
  PacsNode node;
  node.name = "main";
  node.aeTitle = "PACS";
  node.host = "127.0.0.1";
  node.port = 4242;
  config.nodes.push_back(node);
  const std::string path = (dir / "sub" / "nodes.json").string();
  ASSERT_TRUE(writePacsConfig(path, config));
  auto back = readPacsConfig(path);
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->local.aeTitle, "MYAE");
  EXPECT_EQ(back->timeouts.dimseSeconds, 5);
  ASSERT_EQ(back->nodes.size(), 1u);
  EXPECT_EQ(back->nodes[0].host, "127.0.0.1");
  auto missing = readPacsConfig((dir / "none.json").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::FileNotFound);
  fs::remove_all(dir);
}

TEST(PacsConfig, DefaultPathsFollowXdg) {
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", 1);
  EXPECT_EQ(defaultPacsConfigPath(), "/tmp/xdg-config/edgefuse/nodes.json");
  if (old) {
    setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  } else {
    unsetenv("XDG_CONFIG_HOME");
  }
}

TEST(PacsQuery, ChecksDatesAndUids) {
  PacsQuery q;
  for (const char* ok : {"20090102", "20090101-20091231", "20090101-", "-20091231"}) {
    q.studyDate = ok;
    EXPECT_TRUE(checkQuery(q)) << ok;
  }
  for (const char* bad : {"2009-01-02", "20090101-2009", "-", "200901011", "20090101--20090102"}) {
    q.studyDate = bad;
    auto r = checkQuery(q);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
  }
  q.studyDate.clear();
  q.studyUid = "1.2.3;rm";
  EXPECT_FALSE(checkQuery(q));
}

TEST(PacsErrors, CodesHaveTheirDocumentedExitCodes) {
  EXPECT_EQ(exitCodeFor(ErrorCode::NetworkFailed), 12);
  EXPECT_EQ(exitCodeFor(ErrorCode::PeerRefused), 13);
  EXPECT_STREQ(errorCodeName(ErrorCode::NetworkFailed), "network_failed");
  EXPECT_STREQ(errorCodeName(ErrorCode::PeerRefused), "peer_refused");
}

TEST(PacsErrors, APortWithoutListenerIsANetworkFailure) {
  PacsConnection c;
  c.node = {"nobody", "NOBODY", "127.0.0.1", test::freePort(), {}};
  c.timeouts = {2, 2, 2};
  auto r = echo(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NetworkFailed);
  EXPECT_NE(r.error().message.find("could not be reached"), std::string::npos) << r.error().describe();
}

TEST(PacsErrors, APeerThatNeverAnswersTimesOut) {
  // A socket that accepts TCP connections (the kernel's backlog) but never
  // speaks DICOM.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t length = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length);
  PacsConnection c;
  c.node = {"silent", "SILENT", "127.0.0.1", ntohs(addr.sin_port), {}};
  c.timeouts = {2, 2, 2};
  const auto start = std::chrono::steady_clock::now();
  auto r = echo(c);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(fd);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NetworkFailed);
  EXPECT_NE(r.error().message.find("did not answer"), std::string::npos) << r.error().describe();
  EXPECT_LT(s, 10.0);
}

TEST(PacsErrors, RetrieveNeedsAStudyUidAndKeepsNothingWhenThePeerIsAbsent) {
  const fs::path cache = fs::temp_directory_path() / ("edgefuse-pacs-cache-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  PacsConnection c;
  c.node = {"nobody", "NOBODY", "127.0.0.1", test::freePort(), {}};
  c.timeouts = {2, 2, 2};
  RetrieveRequest request;
  request.cacheDir = cache.string();
  auto noUid = retrieve(c, request);
  ASSERT_FALSE(noUid);
  EXPECT_EQ(noUid.error().code, ErrorCode::InvalidArgument);
  request.studyUid = "1.2.3";
  auto r = retrieve(c, request);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NetworkFailed);
  std::error_code ec;
  EXPECT_TRUE(fs::is_empty(cache, ec)) << "the cache holds something after a failed retrieve";
  fs::remove_all(cache);
}
