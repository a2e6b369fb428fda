// SPDX-License-Identifier: GPL-3.0-or-later
// core/net against a real Orthanc (labels pacs, realdata): the CT head series
// of ../shared/data/dicom/slicer-ct-head and two copies with non-ASCII
// patient names (ISO_IR 100 and ISO_IR 192) made here with dcmodify.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "OrthancServer.h"
#include "core/net/PacsClient.h"
#include "support/TestSupport.h"

using namespace edgefuse;
using namespace edgefuse::net;
namespace fs = std::filesystem;

namespace {

const char* kCtStudy = "1.2.826.0.1.3680043.2.1125.1.73379483469717886505187028001198162";
const char* kCtSeries = "1.2.826.0.1.3680043.2.1125.1.65375240934815452318141136507497058";
const std::string kLatinName = "M\xc3\xbcller^J\xc3\xbcrgen";                           // Müller^Jürgen
const std::string kJapaneseName = "\xe5\xb1\xb1\xe7\x94\xb0^\xe5\xa4\xaa\xe9\x83\x8e";  // 山田^太郎

std::string attribute(const std::string& file, const DcmTagKey& tag) {
  DcmFileFormat f;
  if (f.loadFile(file.c_str()).bad()) return {};
  OFString v;
  f.getDataset()->findAndGetOFString(tag, v);
  return v.c_str();
}

// The pixel data of a file, decoded to its native bytes.
std::string pixelBytes(const std::string& file) {
  DcmFileFormat f;
  if (f.loadFile(file.c_str()).bad()) return {};
  DcmDataset* d = f.getDataset();
  d->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
  DcmElement* e = nullptr;
  if (d->findAndGetElement(DCM_PixelData, e).bad() || e == nullptr) return {};
  const void* data = nullptr;
  if (e->getVR() == EVR_OW) {
    Uint16* words = nullptr;
    e->getUint16Array(words);
    data = words;
  } else {
    Uint8* bytes = nullptr;
    e->getUint8Array(bytes);
    data = bytes;
  }
  if (data == nullptr) return {};
  return std::string(static_cast<const char*>(data), e->getLength());
}

std::vector<std::string> filesIn(const fs::path& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(folder, ec)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// True when nothing in `cache` looks like a retrieved series: no study
// folders and no staging folders left behind.
::testing::AssertionResult nothingLooksComplete(const fs::path& cache) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(cache, ec)) {
    return ::testing::AssertionFailure() << "the cache holds " << e.path();
  }
  return ::testing::AssertionSuccess();
}

class PacsOrthancTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto shared = test::sharedDir();
    if (!shared) {
      s_skip = "needs the shared research data at ../shared (or $EDGEFUSE_SHARED_DIR); absent";
      return;
    }
    s_ctFolder = *shared + "/data/dicom/slicer-ct-head";
    char pattern[] = "/tmp/edgefuse-pacs-XXXXXX";
    s_root = mkdtemp(pattern);
    s_movePort = test::freePort();
    s_server = std::make_unique<test::OrthancServer>();
    test::OrthancServer::Options options;
    options.edgefusePort = s_movePort;
    fs::create_directories(s_root / "orthanc");
    s_skip = s_server->start((s_root / "orthanc").string(), options);
    if (!s_skip.empty()) return;
    for (const std::string& file : filesIn(s_ctFolder)) {
      if (!s_server->upload(file)) {
        s_skip = "Orthanc refused an upload of " + file;
        return;
      }
    }
    // Two one-instance studies with non-ASCII names, in Latin-1 and UTF-8.
    struct Copy {
      const char* folder;
      std::string name;  // in the file's own encoding
      const char* charset;
      const char* id;
      const char* date;
      const char* modality;
    };
    const Copy copies[] = {{"latin1", "M\xfcller^J\xfcrgen", "ISO_IR 100", "LATIN1-001", "20200315", "CT"},
                           {"utf8", kJapaneseName, "ISO_IR 192", "UTF8-001", "20210620", "MR"}};
    for (const Copy& c : copies) {
      const fs::path folder = s_root / c.folder;
      fs::create_directories(folder);
      const std::string file = (folder / "1.dcm").string();
      fs::copy_file(fs::path(s_ctFolder) / "CTHead1.dcm", file);
      const int rc = test::runProgram({"dcmodify", "-nb", "-gst", "-gse", "-gin", "-i",
                                       std::string("(0008,0005)=") + c.charset, "-i", "(0010,0010)=" + c.name, "-i",
                                       std::string("(0010,0020)=") + c.id, "-i", std::string("(0008,0020)=") + c.date,
                                       "-i", std::string("(0008,0060)=") + c.modality, file});
      if (rc != 0 || !s_server->upload(file)) {
        s_skip = "dcmodify (package dcmtk) could not make the non-ASCII test file";
        return;
      }
    }
  }

  static void TearDownTestSuite() {
    if (s_server) s_server->stop();
    s_server.reset();
    std::error_code ec;
    if (!s_root.empty()) fs::remove_all(s_root, ec);
  }

  void SetUp() override {
    if (!s_skip.empty()) GTEST_SKIP() << s_skip;
    m_cache = s_root / ("cache-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(m_cache);
  }

  static PacsConnection connection() {
    PacsConnection c;
    c.node = {"test", s_server->aeTitle(), "127.0.0.1", s_server->dicomPort(), {}};
    c.callingAeTitle = "EDGEFUSE";
    c.timeouts = {5, 10, 20};
    return c;
  }

  static std::vector<PacsMatch> findOrFail(const PacsQuery& query) {
    auto r = find(connection(), query);
    EXPECT_TRUE(r) << r.error().describe();
    return r ? *r : std::vector<PacsMatch>{};
  }

  // Every original instance arrived, with identical pixels.
  static void expectSameSeries(const RetrieveResult& result) {
    ASSERT_EQ(result.series.size(), 1u);
    EXPECT_EQ(result.series[0].studyUid, kCtStudy);
    EXPECT_EQ(result.series[0].seriesUid, kCtSeries);
    std::map<std::string, std::string> retrieved;
    for (const std::string& file : filesIn(result.series[0].folder)) {
      retrieved[attribute(file, DCM_SOPInstanceUID)] = file;
    }
    const auto originals = filesIn(s_ctFolder);
    EXPECT_EQ(retrieved.size(), originals.size());
    EXPECT_EQ(result.instances, static_cast<int>(originals.size()));
    for (const std::string& original : originals) {
      auto it = retrieved.find(attribute(original, DCM_SOPInstanceUID));
      ASSERT_NE(it, retrieved.end()) << original << " was not retrieved";
      const std::string a = pixelBytes(original);
      EXPECT_FALSE(a.empty());
      EXPECT_EQ(a, pixelBytes(it->second)) << original;
    }
  }

  static inline std::string s_skip;
  static inline fs::path s_root;
  static inline std::string s_ctFolder;
  static inline int s_movePort = 0;
  static inline std::unique_ptr<test::OrthancServer> s_server;
  fs::path m_cache;
};

TEST_F(PacsOrthancTest, EchoAnswers) {
  auto ms = echo(connection());
  ASSERT_TRUE(ms) << ms.error().describe();
  EXPECT_GT(*ms, 0.0);
}

TEST_F(PacsOrthancTest, FindsStudiesByIdNameDateAndModality) {
  PacsQuery byId;
  byId.patientId = "8775070";
  auto m = findOrFail(byId);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].studyUid, kCtStudy);
  EXPECT_EQ(m[0].patientName, "Austrialian");
  EXPECT_EQ(m[0].studyDate, "20090102");
  EXPECT_EQ(m[0].instances, 93);
  EXPECT_NE(std::find(m[0].modalities.begin(), m[0].modalities.end(), "CT"), m[0].modalities.end());

  PacsQuery byName;
  byName.patientName = "Austr*";
  m = findOrFail(byName);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].patientId, "8775070");

  PacsQuery byDate;
  byDate.studyDate = "20090101-20091231";
  m = findOrFail(byDate);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].studyUid, kCtStudy);
  byDate.studyDate = "20200101-";
  m = findOrFail(byDate);
  ASSERT_EQ(m.size(), 2u);  // the two non-ASCII copies

  PacsQuery byModality;
  byModality.modality = "MR";
  m = findOrFail(byModality);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].patientId, "UTF8-001");

  PacsQuery nothing;
  nothing.patientId = "NO-SUCH-PATIENT";
  EXPECT_TRUE(findOrFail(nothing).empty());
}

TEST_F(PacsOrthancTest, FindsNonAsciiNamesAndReturnsThemAsUtf8) {
  PacsQuery latin;
  latin.patientId = "LATIN1-001";
  auto m = findOrFail(latin);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].patientName, kLatinName);

  PacsQuery japanese;
  japanese.patientId = "UTF8-001";
  m = findOrFail(japanese);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].patientName, kJapaneseName);

  // Queries with non-ASCII text are sent as ISO_IR 192.
  PacsQuery byName;
  byName.patientName = kJapaneseName;
  m = findOrFail(byName);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].patientId, "UTF8-001");
  byName.patientName = "M\xc3\xbcller*";
  m = findOrFail(byName);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].patientId, "LATIN1-001");
}

TEST_F(PacsOrthancTest, ConvertsLatin1AnswersToUtf8) {
  // An Orthanc that answers C-FIND in ISO_IR 100.
  const fs::path folder = s_root / "latin1-server";
  fs::create_directories(folder);
  test::OrthancServer latin1;
  test::OrthancServer::Options options;
  options.defaultEncoding = "Latin1";
  const std::string why = latin1.start(folder.string(), options);
  ASSERT_TRUE(why.empty()) << why;
  ASSERT_TRUE(latin1.upload((s_root / "latin1" / "1.dcm").string()));
  PacsConnection c = connection();
  c.node.port = latin1.dicomPort();
  PacsQuery q;
  q.patientName = "M\xc3\xbcller*";
  auto m = find(c, q);
  ASSERT_TRUE(m) << m.error().describe();
  ASSERT_EQ(m->size(), 1u);
  EXPECT_EQ((*m)[0].characterSet, "ISO_IR 100");
  EXPECT_EQ((*m)[0].patientName, kLatinName);
}

TEST_F(PacsOrthancTest, FindsTheSeriesOfAStudy) {
  PacsQuery q;
  q.level = QueryLevel::Series;
  q.studyUid = kCtStudy;
  auto m = findOrFail(q);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].seriesUid, kCtSeries);
  EXPECT_EQ(m[0].modality, "CT");
  EXPECT_EQ(m[0].instances, 93);
}

TEST_F(PacsOrthancTest, GetRetrievesAWholeSeriesPixelIdentical) {
  RetrieveRequest request;
  request.studyUid = kCtStudy;
  request.seriesUid = kCtSeries;
  request.cacheDir = m_cache.string();
  int calls = 0;
  auto result = retrieve(connection(), request, [&](const RetrieveProgress& p) { calls = p.received; });
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(calls, 93);
  EXPECT_EQ(fs::path(result->series[0].folder), m_cache / kCtStudy / kCtSeries);
  expectSameSeries(*result);
  // Retrieving again replaces the copy and leaves no staging folder.
  auto again = retrieve(connection(), request);
  ASSERT_TRUE(again) << again.error().describe();
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(m_cache)) entries.push_back(e.path().filename().string());
  EXPECT_EQ(entries, std::vector<std::string>{kCtStudy});
}

TEST_F(PacsOrthancTest, MoveRetrievesAWholeStudyPixelIdentical) {
  RetrieveRequest request;
  request.method = RetrieveMethod::Move;
  request.studyUid = kCtStudy;
  request.cacheDir = m_cache.string();
  request.receivePort = s_movePort;
  auto result = retrieve(connection(), request);
  ASSERT_TRUE(result) << result.error().describe();
  expectSameSeries(*result);
}

TEST_F(PacsOrthancTest, MoveToAnUnknownDestinationSaysSo) {
  PacsConnection c = connection();
  c.callingAeTitle = "UNKNOWNAE";
  RetrieveRequest request;
  request.method = RetrieveMethod::Move;
  request.studyUid = kCtStudy;
  request.cacheDir = m_cache.string();
  request.receivePort = test::freePort();
  auto result = retrieve(c, request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::PeerRefused) << result.error().describe();
  EXPECT_TRUE(nothingLooksComplete(m_cache));
}

TEST_F(PacsOrthancTest, StoresADerivedSeriesIntoTheStudyAndFindsItBack) {
  const fs::path derived = m_cache / "derived";
  fs::create_directories(derived);
  std::vector<std::string> originals = filesIn(s_ctFolder);
  originals.resize(3);
  for (std::size_t i = 0; i < originals.size(); ++i) {
    fs::copy_file(originals[i], derived / (std::to_string(i) + ".dcm"));
  }
  // One new series UID for all three, new instance UIDs for each.
  const std::string seriesUid = "1.2.826.0.1.3680043.8.498.99887766554433221100";
  std::vector<std::string> args = {"dcmodify",
                                   "-nb",
                                   "-gin",
                                   "-i",
                                   "(0020,000e)=" + seriesUid,
                                   "-i",
                                   "(0008,103e)=EdgeFuse derived (test)",
                                   "-i",
                                   "(0020,0011)=9001"};
  for (const std::string& f : filesIn(derived)) args.push_back(f);
  ASSERT_EQ(test::runProgram(args), 0);
  fs::create_directories(derived / "not-dicom");
  std::ofstream(derived / "not-dicom" / "readme.txt") << "not a DICOM file";

  int lastDone = 0;
  auto report = store(connection(), {derived.string()}, [&](int done, int) { lastDone = done; });
  ASSERT_TRUE(report) << report.error().describe();
  EXPECT_EQ(report->stored, 3);
  EXPECT_EQ(report->failed, 1);
  EXPECT_EQ(lastDone, 4);
  for (const StoreItem& item : report->items) {
    if (item.path.find("readme") != std::string::npos) {
      EXPECT_FALSE(item.ok);
      EXPECT_EQ(item.message, "not a DICOM file");
    } else {
      EXPECT_TRUE(item.ok) << item.path << ": " << item.message;
      EXPECT_EQ(item.status, 0);
    }
  }
  PacsQuery q;
  q.level = QueryLevel::Series;
  q.studyUid = kCtStudy;
  auto m = findOrFail(q);
  ASSERT_EQ(m.size(), 2u);
  auto it = std::find_if(m.begin(), m.end(), [&](const PacsMatch& x) { return x.seriesUid == seriesUid; });
  ASSERT_NE(it, m.end());
  EXPECT_EQ(it->studyUid, kCtStudy);
  EXPECT_EQ(it->instances, 3);
  EXPECT_EQ(it->seriesDescription, "EdgeFuse derived (test)");
}

// The command line against the same Orthanc: echo, find, get, a series that
// EdgeFuse itself writes (convert) stored into the CT's study and found back,
// and a wrong AE title (exit 13).
TEST_F(PacsOrthancTest, TheCommandLineEchoesFindsGetsAndStoresAnEdgeFuseSeries) {
  const std::string cli = EDGEFUSE_CLI;
  const std::vector<std::string> peer = {"--host", "127.0.0.1",        "--port", std::to_string(s_server->dicomPort()),
                                         "--aet",  s_server->aeTitle()};
  auto pacs = [&](const std::string& command, std::vector<std::string> extra, const std::string& log) {
    std::vector<std::string> argv = {cli, "pacs", command};
    argv.insert(argv.end(), peer.begin(), peer.end());
    argv.insert(argv.end(), extra.begin(), extra.end());
    return test::runProgram(argv, (m_cache / log).string());
  };
  auto text = [&](const std::string& log) {
    std::ifstream in(m_cache / log);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(pacs("echo", {}, "echo.txt"), 0) << text("echo.txt");
  EXPECT_EQ(pacs("find", {"--study-uid", kCtStudy, "--json"}, "find.txt"), 0) << text("find.txt");
  EXPECT_NE(text("find.txt").find(kCtStudy), std::string::npos) << text("find.txt");

  const fs::path out = m_cache / "get";
  ASSERT_EQ(pacs("get", {"--study-uid", kCtStudy, "--series-uid", kCtSeries, "--out-dir", out.string()}, "get.txt"), 0)
      << text("get.txt");
  const fs::path series = out / kCtStudy / kCtSeries;
  EXPECT_EQ(filesIn(series.string()).size(), filesIn(s_ctFolder).size());

  const fs::path converted = m_cache / "converted.dcm";
  ASSERT_EQ(test::runProgram({cli, "convert", series.string(), converted.string()}, (m_cache / "convert.txt").string()),
            0)
      << text("convert.txt");
  const fs::path derived = m_cache / "converted";  // convert writes a series into a folder named like OUT
  ASSERT_TRUE(fs::is_directory(derived));
  EXPECT_EQ(pacs("store", {derived.string()}, "store.txt"), 0) << text("store.txt");
  EXPECT_EQ(pacs("find", {"--level", "series", "--study-uid", kCtStudy, "--json"}, "series.txt"), 0);
  const std::string derivedSeries = attribute(filesIn(derived.string()).front(), DCM_SeriesInstanceUID);
  EXPECT_NE(text("series.txt").find(derivedSeries), std::string::npos) << text("series.txt");

  std::vector<std::string> wrong = {
      cli, "pacs", "echo", "--host", "127.0.0.1", "--port", std::to_string(s_server->dicomPort()), "--aet", "WRONG"};
  EXPECT_EQ(test::runProgram(wrong, (m_cache / "wrong.txt").string()), 13) << text("wrong.txt");
}

TEST_F(PacsOrthancTest, AWrongCalledAeTitleIsARefusedAssociation) {
  PacsConnection c = connection();
  c.node.aeTitle = "WRONGAE";
  auto r = echo(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::PeerRefused);
  EXPECT_NE(r.error().message.find("refused the association"), std::string::npos) << r.error().describe();
  EXPECT_NE(r.error().message.find("WRONGAE"), std::string::npos) << r.error().describe();
}

TEST_F(PacsOrthancTest, CancelStopsAGetAndKeepsNothing) {
  RetrieveRequest request;
  request.studyUid = kCtStudy;
  request.seriesUid = kCtSeries;
  request.cacheDir = m_cache.string();
  std::atomic<bool> cancel{false};
  int seen = 0;
  auto result = retrieve(
      connection(), request,
      [&](const RetrieveProgress& p) {
        seen = p.received;
        if (p.received == 5) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled) << result.error().describe();
  EXPECT_LT(seen, 93);
  EXPECT_TRUE(nothingLooksComplete(m_cache));
  // The PACS is still usable afterwards.
  EXPECT_TRUE(echo(connection()));
}

TEST_F(PacsOrthancTest, CancelStopsAMoveAndKeepsNothing) {
  RetrieveRequest request;
  request.method = RetrieveMethod::Move;
  request.studyUid = kCtStudy;
  request.cacheDir = m_cache.string();
  request.receivePort = s_movePort;
  std::atomic<bool> cancel{false};
  auto result = retrieve(
      connection(), request,
      [&](const RetrieveProgress& p) {
        if (p.received == 5) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::Cancelled) << result.error().describe();
  EXPECT_TRUE(nothingLooksComplete(m_cache));
  EXPECT_TRUE(echo(connection()));
}

// A second Orthanc that is killed while it sends the series.
TEST_F(PacsOrthancTest, APeerThatDiesMidRetrieveLeavesNothingComplete) {
  for (RetrieveMethod method : {RetrieveMethod::Get, RetrieveMethod::Move}) {
    const std::string name = method == RetrieveMethod::Get ? "get" : "move";
    const fs::path folder = s_root / ("dying-" + name);
    fs::create_directories(folder);
    test::OrthancServer dying;
    test::OrthancServer::Options options;
    options.edgefusePort = test::freePort();
    const std::string why = dying.start(folder.string(), options);
    ASSERT_TRUE(why.empty()) << why;
    for (const std::string& file : filesIn(s_ctFolder)) ASSERT_TRUE(dying.upload(file));
    PacsConnection c = connection();
    c.node.port = dying.dicomPort();
    RetrieveRequest request;
    request.method = method;
    request.studyUid = kCtStudy;
    request.seriesUid = kCtSeries;
    request.cacheDir = (m_cache / name).string();
    request.receivePort = options.edgefusePort;
    auto result = retrieve(c, request, [&](const RetrieveProgress& p) {
      if (p.received == 10) dying.kill();
    });
    ASSERT_FALSE(result) << name;
    EXPECT_EQ(result.error().code, ErrorCode::NetworkFailed) << name << ": " << result.error().describe();
    EXPECT_NE(result.error().message.find("nothing was kept"), std::string::npos) << result.error().describe();
    EXPECT_TRUE(nothingLooksComplete(request.cacheDir)) << name;
  }
}

// DICOM TLS with certificates made here by openssl: a test CA signs
// Orthanc's and EdgeFuse's certificates; a second CA signs nothing we meet.
class PacsTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto shared = test::sharedDir();
    if (!shared) GTEST_SKIP() << "needs the shared research data at ../shared (or $EDGEFUSE_SHARED_DIR); absent";
    if (!tlsAvailable()) GTEST_SKIP() << "this build's DCMTK has no TLS (dcmtls without OpenSSL)";
    if (test::runProgram({"sh", "-c", "command -v openssl"}) != 0) GTEST_SKIP() << "openssl is not installed";
    char pattern[] = "/tmp/edgefuse-pacs-tls-XXXXXX";
    m_dir = mkdtemp(pattern);
    const std::string d = m_dir.string() + "/";
    auto ca = [&](const std::string& name) {
      return test::runProgram({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + name + ".key",
                               "-out", d + name + ".crt", "-days", "2", "-subj", "/CN=EdgeFuse test " + name});
    };
    auto signedBy = [&](const std::string& name, const std::string& cn) {
      return test::runProgram({"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + name + ".key", "-out",
                               d + name + ".csr", "-subj", "/CN=" + cn}) == 0 &&
             test::runProgram({"openssl", "x509", "-req", "-in", d + name + ".csr", "-CA", d + "ca.crt", "-CAkey",
                               d + "ca.key", "-CAcreateserial", "-out", d + name + ".crt", "-days", "2"}) == 0;
    };
    ASSERT_EQ(ca("ca"), 0);
    ASSERT_EQ(ca("otherca"), 0);
    ASSERT_TRUE(signedBy("server", "localhost"));
    ASSERT_TRUE(signedBy("client", "EDGEFUSE"));
    test::OrthancServer::Options options;
    options.tlsCertificate = d + "server.crt";
    options.tlsPrivateKey = d + "server.key";
    options.tlsTrusted = d + "ca.crt";
    options.tlsRequireClientCertificate = true;
    options.tlsToEdgefuse = true;
    options.edgefusePort = test::freePort();
    m_movePort = options.edgefusePort;
    fs::create_directories(m_dir / "orthanc");
    const std::string why = m_server.start((m_dir / "orthanc").string(), options);
    if (!why.empty()) GTEST_SKIP() << "Orthanc with DICOM TLS could not be started: " << why;
    ASSERT_TRUE(m_server.upload(*shared + "/data/dicom/slicer-ct-head/CTHead1.dcm"));
  }

  void TearDown() override {
    m_server.stop();
    std::error_code ec;
    if (!m_dir.empty()) fs::remove_all(m_dir, ec);
  }

  PacsConnection connection() const {
    PacsConnection c;
    c.node = {"secure", m_server.aeTitle(), "127.0.0.1", m_server.dicomPort(), {}};
    c.node.tls.enabled = true;
    c.node.tls.caCertificate = (m_dir / "ca.crt").string();
    c.node.tls.certificate = (m_dir / "client.crt").string();
    c.node.tls.privateKey = (m_dir / "client.key").string();
    c.timeouts = {5, 10, 20};
    return c;
  }

  fs::path m_dir;
  int m_movePort = 0;
  test::OrthancServer m_server;
};

TEST_F(PacsTlsTest, EchoFindAndMoveOverTls) {
  auto ms = echo(connection());
  ASSERT_TRUE(ms) << ms.error().describe();
  PacsQuery q;
  q.patientId = "8775070";
  auto m = find(connection(), q);
  ASSERT_TRUE(m) << m.error().describe();
  ASSERT_EQ(m->size(), 1u);
  RetrieveRequest request;
  request.method = RetrieveMethod::Move;
  request.studyUid = kCtStudy;
  request.cacheDir = (m_dir / "cache").string();
  request.receivePort = m_movePort;
  auto moved = retrieve(connection(), request);
  ASSERT_TRUE(moved) << moved.error().describe();
  EXPECT_EQ(moved->instances, 1);
}

TEST_F(PacsTlsTest, AnUntrustedPeerIsRefused) {
  PacsConnection c = connection();
  c.node.tls.caCertificate = (m_dir / "otherca.crt").string();
  auto r = echo(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NetworkFailed);
  EXPECT_NE(r.error().message.find("TLS handshake"), std::string::npos) << r.error().describe();
  EXPECT_NE(r.error().message.find("not trusted"), std::string::npos) << r.error().describe();
}

TEST_F(PacsTlsTest, APeerThatWantsAClientCertificateRefusesUsWithoutOne) {
  PacsConnection c = connection();
  c.node.tls.certificate.clear();
  c.node.tls.privateKey.clear();
  auto r = echo(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NetworkFailed) << r.error().describe();
}

TEST_F(PacsTlsTest, PlainDicomToATlsPortFails) {
  PacsConnection c = connection();
  c.node.tls = {};
  c.timeouts = {3, 3, 3};
  auto r = echo(c);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::NetworkFailed) << r.error().describe();
}

}  // namespace
