// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-cli pacs echo|find|get|move|store: parsing and wiring only; the
// DICOM networking is done by core/net.

#include <atomic>
#include <csignal>
#include <iostream>

#include "CliOutput.h"
#include "Commands.h"
#include "core/net/PacsClient.h"

namespace edgefuse::cli {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void onInterrupt(int) {
  g_cancel = true;
}

void addConnectionOptions(ArgParser& parser) {
  parser.option("node", "NAME", "A node of the nodes file");
  parser.option("nodes", "FILE", "The nodes file (see docs/pacs.md)", net::defaultPacsConfigPath());
  parser.option("host", "HOST", "The peer's host, instead of --node");
  parser.option("port", "PORT", "The peer's port (with --host)", "104");
  parser.option("aet", "AET", "The peer's AE title (the called AE title, with --host)");
  parser.option("calling-aet", "AET", "EdgeFuse's AE title (default: the nodes file's, else EDGEFUSE)");
  parser.option("tls-ca", "FILE", "With --host: use TLS and trust peers signed by this CA certificate (PEM)");
  parser.option("tls-cert", "FILE", "With --host and --tls-ca: EdgeFuse's own certificate (PEM)");
  parser.option("tls-key", "FILE", "With --tls-cert: its private key (PEM)");
  parser.option("connect-timeout", "S", "Seconds to wait for the TCP connection (default: the nodes file's, else 10)");
  parser.option("acse-timeout", "S", "Seconds to wait for the association (default: the nodes file's, else 30)");
  parser.option("dimse-timeout", "S", "Seconds to wait for each DIMSE message (default: the nodes file's, else 60)");
  parser.flag("json", "Print the result as JSON on stdout");
}

Expected<int> seconds(const ArgParser& parser, const char* name, int fallback) {
  if (!parser.has(name)) return fallback;
  try {
    std::size_t used = 0;
    const int value = std::stoi(parser.value(name), &used);
    if (used == parser.value(name).size() && value >= 1 && value <= 3600) return value;
  } catch (const std::exception&) {
  }
  return fail(ErrorCode::InvalidArgument, std::string("--") + name + " needs a whole number of seconds (1 to 3600)",
              parser.value(name));
}

struct Peer {
  net::PacsConnection connection;
  net::LocalAe local;
};

// The connection from --node/--nodes or --host/--port/--aet. The nodes file
// is optional with --host (it then gives EdgeFuse's AE title, port and the
// timeouts when it exists).
Expected<Peer> peerFrom(const ArgParser& parser) {
  Peer peer;
  net::PacsConfig config;
  const bool haveFile = parser.has("nodes") || parser.has("node");
  if (parser.has("node") && parser.has("host")) {
    return fail(ErrorCode::InvalidArgument, "give either --node or --host, not both");
  }
  if (!parser.has("node") && !parser.has("host")) {
    return fail(ErrorCode::InvalidArgument, "give --node NAME (from the nodes file) or --host, --port and --aet");
  }
  auto read = net::readPacsConfig(parser.value("nodes"));
  if (read) {
    config = *read;
  } else if (haveFile) {
    return tl::unexpected(read.error());
  }
  if (parser.has("node")) {
    auto node = net::findNode(config, parser.value("node"));
    if (!node) return tl::unexpected(node.error());
    peer.connection.node = *node;
  } else {
    if (!parser.has("aet")) return fail(ErrorCode::InvalidArgument, "--host needs --aet (the peer's AE title)");
    net::PacsNode& node = peer.connection.node;
    node.host = parser.value("host");
    node.aeTitle = parser.value("aet");
    try {
      node.port = std::stoi(parser.value("port"));
    } catch (const std::exception&) {
      return fail(ErrorCode::InvalidArgument, "--port needs a port number", parser.value("port"));
    }
    if (parser.has("tls-ca")) {
      node.tls.enabled = true;
      node.tls.caCertificate = parser.value("tls-ca");
      node.tls.certificate = parser.value("tls-cert");
      node.tls.privateKey = parser.value("tls-key");
    } else if (parser.has("tls-cert") || parser.has("tls-key")) {
      return fail(ErrorCode::InvalidArgument, "--tls-cert and --tls-key need --tls-ca");
    }
  }
  peer.local = config.local;
  peer.connection.callingAeTitle = parser.has("calling-aet") ? parser.value("calling-aet") : config.local.aeTitle;
  net::Timeouts& t = peer.connection.timeouts;
  t = config.timeouts;
  for (auto [name, value] : {std::pair<const char*, int*>{"connect-timeout", &t.connectSeconds},
                             {"acse-timeout", &t.acseSeconds},
                             {"dimse-timeout", &t.dimseSeconds}}) {
    auto s = seconds(parser, name, *value);
    if (!s) return tl::unexpected(s.error());
    *value = *s;
  }
  if (auto ok = net::checkNode(peer.connection.node); !ok) return tl::unexpected(ok.error());
  return peer;
}

std::string peerName(const net::PacsConnection& c) {
  const std::string where = c.node.aeTitle + "@" + c.node.host + ":" + std::to_string(c.node.port);
  return c.node.name.empty() ? where : c.node.name + " (" + where + ")";
}

nlohmann::json matchJson(const net::PacsMatch& m, net::QueryLevel level) {
  nlohmann::json j = {{"patient_name", m.patientName},
                      {"patient_id", m.patientId},
                      {"study_uid", m.studyUid},
                      {"study_date", m.studyDate},
                      {"study_description", m.studyDescription},
                      {"accession_number", m.accessionNumber}};
  if (level == net::QueryLevel::Study) {
    j["modalities"] = m.modalities;
  } else {
    j["series_uid"] = m.seriesUid;
    j["modality"] = m.modality;
    j["series_description"] = m.seriesDescription;
    j["series_number"] = m.seriesNumber;
  }
  j["instances"] = m.instances < 0 ? nlohmann::json(nullptr) : nlohmann::json(m.instances);
  return j;
}

int runEcho(int argc, char** argv) {
  ArgParser parser("edgefuse-cli pacs echo (--node NAME | --host H --port P --aet AET) [--json]",
                   "Checks that a PACS answers (C-ECHO) and prints the round trip.");
  addConnectionOptions(parser);
  if (auto ok = parser.parse(argc, argv, 3); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  auto peer = peerFrom(parser);
  if (!peer) return reportError(peer.error(), json);
  auto ms = net::echo(peer->connection);
  if (!ms) return reportError(ms.error(), json);
  if (json) {
    std::cout << nlohmann::json{{"ok", true}, {"peer", peerName(peer->connection)}, {"ms", *ms}}.dump(2) << "\n";
  } else {
    std::cout << "echo: " << peerName(peer->connection) << " answered in " << static_cast<int>(*ms + 0.5) << " ms\n";
  }
  return 0;
}

int runFind(int argc, char** argv) {
  ArgParser parser(
      "edgefuse-cli pacs find (--node NAME | --host H --port P --aet AET) [--level study|series] "
      "[--patient-name P] [--patient-id ID] [--study-date FROM-TO] [--modality M] [--accession A] [--study-uid U] "
      "[--json]",
      "Searches a PACS (C-FIND, Study Root) for studies or series. Text is printed as UTF-8 whatever character "
      "set the PACS answers in.");
  addConnectionOptions(parser);
  parser.option("level", "study|series", "What to list", "study");
  parser.option("patient-name", "P", "Patient name, DICOM wildcards * and ? allowed (e.g. 'Doe^J*')");
  parser.option("patient-id", "ID", "Patient ID");
  parser.option("study-date", "FROM-TO", "Study date YYYYMMDD or range YYYYMMDD-YYYYMMDD (an end may be left out)");
  parser.option("modality", "M", "Modality (study level: any series of that modality)");
  parser.option("accession", "A", "Accession number");
  parser.option("study-uid", "U", "Study instance UID (at series level: the series of that study)");
  if (auto ok = parser.parse(argc, argv, 3); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  net::PacsQuery query;
  const std::string level = parser.value("level");
  if (level == "series") {
    query.level = net::QueryLevel::Series;
  } else if (level != "study") {
    return reportError({ErrorCode::InvalidArgument, "--level must be study or series", level}, json);
  }
  query.patientName = parser.value("patient-name");
  query.patientId = parser.value("patient-id");
  query.studyDate = parser.value("study-date");
  query.modality = parser.value("modality");
  query.accessionNumber = parser.value("accession");
  query.studyUid = parser.value("study-uid");
  if (auto ok = net::checkQuery(query); !ok) return reportError(ok.error(), json);
  auto peer = peerFrom(parser);
  if (!peer) return reportError(peer.error(), json);
  auto matches = net::find(peer->connection, query);
  if (!matches) return reportError(matches.error(), json);
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& m : *matches) list.push_back(matchJson(m, query.level));
    std::cout << nlohmann::json{{"level", level}, {"count", matches->size()}, {"matches", list}}.dump(2) << "\n";
    return 0;
  }
  for (const auto& m : *matches) {
    std::cout << m.patientName << " | " << m.patientId << " | " << m.studyDate << " | ";
    if (query.level == net::QueryLevel::Study) {
      std::string modalities;
      for (const auto& x : m.modalities) modalities += (modalities.empty() ? "" : "\\") + x;
      std::cout << modalities << " | " << m.studyDescription << " | study " << m.studyUid;
    } else {
      std::cout << m.modality << " | " << m.seriesDescription << " | series " << m.seriesUid;
    }
    std::cout << " | " << (m.instances < 0 ? std::string("?") : std::to_string(m.instances)) << " instances\n";
  }
  std::cerr << matches->size() << (matches->size() == 1 ? " match\n" : " matches\n");
  return 0;
}

int runRetrieve(int argc, char** argv, net::RetrieveMethod method) {
  const bool move = method == net::RetrieveMethod::Move;
  ArgParser parser(std::string("edgefuse-cli pacs ") + (move ? "move" : "get") +
                       " (--node NAME | --host H --port P --aet AET) --study-uid U [--series-uid S] [--out-dir DIR]" +
                       (move ? " [--receive-port P]" : "") + " [--json]",
                   move ? "Retrieves a study or series with C-MOVE: the PACS sends it to EdgeFuse's own storage SCP, "
                          "which listens on --receive-port while the retrieve runs (the PACS must know EdgeFuse's AE "
                          "title, host and that port). Files go to DIR/<study UID>/<series UID>/; a retrieve that "
                          "fails or is interrupted (Ctrl-C sends C-CANCEL) leaves nothing behind."
                        : "Retrieves a study or series with C-GET (no port to open). Files go to DIR/<study "
                          "UID>/<series UID>/; a retrieve that fails or is interrupted (Ctrl-C sends C-CANCEL) "
                          "leaves nothing behind.");
  addConnectionOptions(parser);
  parser.option("study-uid", "U", "Study instance UID (required)");
  parser.option("series-uid", "S", "Series instance UID (default: the whole study)");
  parser.option("out-dir", "DIR", "The cache folder", net::defaultPacsCacheDir());
  if (move)
    parser.option("receive-port", "P", "Port of EdgeFuse's storage SCP (default: the nodes file's, else 11112)");
  if (auto ok = parser.parse(argc, argv, 3); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  if (!parser.has("study-uid")) return reportError({ErrorCode::InvalidArgument, "--study-uid is required", ""}, json);
  auto peer = peerFrom(parser);
  if (!peer) return reportError(peer.error(), json);
  net::RetrieveRequest request;
  request.method = method;
  request.studyUid = parser.value("study-uid");
  request.seriesUid = parser.value("series-uid");
  request.cacheDir = parser.value("out-dir");
  request.receivePort = peer->local.port;
  if (move && parser.has("receive-port")) {
    try {
      request.receivePort = std::stoi(parser.value("receive-port"));
    } catch (const std::exception&) {
      return reportError(
          {ErrorCode::InvalidArgument, "--receive-port needs a port number", parser.value("receive-port")}, json);
    }
  }
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  auto progress = [json](const net::RetrieveProgress& p) {
    if (json) return;
    std::cerr << "\rreceived " << p.received;
    if (p.remaining >= 0) std::cerr << " (" << p.remaining << " remaining)";
    std::cerr << std::flush;
  };
  auto result = net::retrieve(peer->connection, request, progress, &g_cancel);
  if (!json) std::cerr << "\n";
  if (!result) return reportError(result.error(), json);
  if (json) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& s : result->series) {
      series.push_back(
          {{"study_uid", s.studyUid}, {"series_uid", s.seriesUid}, {"folder", s.folder}, {"instances", s.instances}});
    }
    std::cout << nlohmann::json{{"method", move ? "c-move" : "c-get"},
                                {"instances", result->instances},
                                {"warnings", result->warnings},
                                {"series", series}}
                     .dump(2)
              << "\n";
  } else {
    for (const auto& s : result->series) {
      std::cout << "series " << s.seriesUid << ": " << s.instances << " instances in " << s.folder << "\n";
    }
  }
  return 0;
}

int runStore(int argc, char** argv) {
  ArgParser parser("edgefuse-cli pacs store (--node NAME | --host H --port P --aet AET) FILE_OR_DIR... [--json]",
                   "Sends DICOM files (folders are searched recursively) to a PACS with C-STORE, in each file's "
                   "transfer syntax when the PACS accepts it, else uncompressed. Prints one line per instance; the "
                   "exit code is 13 when any instance was not stored.");
  addConnectionOptions(parser);
  parser.positional("FILE_OR_DIR", "DICOM files or folders to send", true);
  if (auto ok = parser.parse(argc, argv, 3); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  auto peer = peerFrom(parser);
  if (!peer) return reportError(peer.error(), json);
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  auto report = net::store(peer->connection, parser.positionals(), {}, &g_cancel);
  if (!report) return reportError(report.error(), json);
  if (json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : report->items) {
      items.push_back({{"path", item.path},
                       {"sop_instance_uid", item.sopInstanceUid},
                       {"sop_class_uid", item.sopClassUid},
                       {"transfer_syntax", item.transferSyntax},
                       {"status", item.status},
                       {"ok", item.ok},
                       {"message", item.message}});
    }
    std::cout << nlohmann::json{{"stored", report->stored}, {"failed", report->failed}, {"items", items}}.dump(2)
              << "\n";
  } else {
    for (const auto& item : report->items) {
      std::cout << (item.ok ? "stored  " : "FAILED  ") << item.path;
      if (!item.message.empty()) std::cout << ": " << item.message;
      std::cout << "\n";
    }
  }
  if (report->failed > 0) {
    const Error e{ErrorCode::PeerRefused,
                  std::to_string(report->failed) + " of " + std::to_string(report->items.size()) +
                      " files were not stored (see the lines above)",
                  peerName(peer->connection)};
    std::cerr << "edgefuse-cli: error: " << e.describe() << "\n";
    return exitCodeFor(e.code);
  }
  std::cerr << report->stored << " instances stored on " << peerName(peer->connection) << "\n";
  return 0;
}

}  // namespace

int runPacs(int argc, char** argv) {
  const std::string usage =
      "Usage: edgefuse-cli pacs echo|find|get|move|store [options]\n\n"
      "  echo   check that a PACS answers (C-ECHO)\n"
      "  find   search studies or series (C-FIND)\n"
      "  get    retrieve a study or series (C-GET)\n"
      "  move   retrieve a study or series (C-MOVE to EdgeFuse's own storage SCP)\n"
      "  store  send DICOM files or folders (C-STORE)\n\n"
      "Run 'edgefuse-cli pacs COMMAND --help' for the options; nodes are described in docs/pacs.md.\n";
  if (argc < 3 || std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h") {
    std::cout << usage;
    return argc < 3 ? 2 : 0;
  }
  const std::string command = argv[2];
  if (command == "echo") return runEcho(argc, argv);
  if (command == "find") return runFind(argc, argv);
  if (command == "get") return runRetrieve(argc, argv, net::RetrieveMethod::Get);
  if (command == "move") return runRetrieve(argc, argv, net::RetrieveMethod::Move);
  if (command == "store") return runStore(argc, argv);
  return reportError(
      {ErrorCode::InvalidArgument, "unknown pacs command '" + command + "' (echo, find, get, move, store)", ""}, false);
}

}  // namespace edgefuse::cli
