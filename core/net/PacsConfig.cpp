// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/net/PacsConfig.h"

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/base/AtomicFile.h"

namespace edgefuse::net {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string resolve(const std::string& path, const std::string& baseDir) {
  if (path.empty() || baseDir.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(baseDir) / path).lexically_normal().string();
}

std::string homeFolder(const char* xdgVariable, const char* fallback) {
  if (const char* xdg = std::getenv(xdgVariable); xdg && *xdg) return xdg;
  const char* home = std::getenv("HOME");
  return (fs::path(home && *home ? home : ".") / fallback).string();
}

Expected<void> checkPort(int port, const std::string& what) {
  if (port < 1 || port > 65535) {
    return fail(ErrorCode::InvalidArgument, what + " must be a port number between 1 and 65535", std::to_string(port));
  }
  return {};
}

// Reads one optional member of the expected type; a member of another type is
// an error that names it.
template <typename T>
Expected<void> readMember(const json& object, const char* key, T& out, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  try {
    out = it->get<T>();
  } catch (const json::exception&) {
    return fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" has the wrong type", where);
  }
  return {};
}

Expected<TlsSettings> readTls(const json& j, const std::string& baseDir, const std::string& where) {
  TlsSettings tls;
  if (!j.is_object()) return fail(ErrorCode::InvalidArgument, "\"tls\" must be an object", where);
  for (auto ok :
       {readMember(j, "enabled", tls.enabled, where), readMember(j, "ca_certificate", tls.caCertificate, where),
        readMember(j, "certificate", tls.certificate, where), readMember(j, "private_key", tls.privateKey, where),
        readMember(j, "verify_peer", tls.verifyPeer, where)}) {
    if (!ok) return tl::unexpected(ok.error());
  }
  tls.caCertificate = resolve(tls.caCertificate, baseDir);
  tls.certificate = resolve(tls.certificate, baseDir);
  tls.privateKey = resolve(tls.privateKey, baseDir);
  return tls;
}

json tlsJson(const TlsSettings& tls) {
  return {{"enabled", tls.enabled},
          {"ca_certificate", tls.caCertificate},
          {"certificate", tls.certificate},
          {"private_key", tls.privateKey},
          {"verify_peer", tls.verifyPeer}};
}

}  // namespace

Expected<void> checkAeTitle(const std::string& aeTitle) {
  if (aeTitle.empty() || aeTitle.size() > 16) {
    return fail(ErrorCode::InvalidArgument, "an AE title must have 1 to 16 characters", aeTitle);
  }
  bool onlySpaces = true;
  for (unsigned char c : aeTitle) {
    if (c < 0x20 || c > 0x7e || c == '\\') {
      return fail(ErrorCode::InvalidArgument, "an AE title may hold only printable ASCII characters without '\\'",
                  aeTitle);
    }
    if (c != ' ') onlySpaces = false;
  }
  if (onlySpaces) return fail(ErrorCode::InvalidArgument, "an AE title must not be only spaces", aeTitle);
  return {};
}

Expected<void> checkNode(const PacsNode& node) {
  const std::string where = node.name.empty() ? node.host : "node " + node.name;
  if (auto ok = checkAeTitle(node.aeTitle); !ok) {
    return fail(ErrorCode::InvalidArgument, "the AE title of " + where + " is not valid: " + ok.error().message,
                node.aeTitle);
  }
  if (node.host.empty()) return fail(ErrorCode::InvalidArgument, "no host given for " + where);
  if (auto ok = checkPort(node.port, "the port of " + where); !ok) return ok;
  if (node.tls.enabled) {
    if (node.tls.verifyPeer && node.tls.caCertificate.empty()) {
      return fail(ErrorCode::InvalidArgument,
                  "TLS with peer verification needs a CA certificate (\"ca_certificate\") for " + where);
    }
    if (node.tls.certificate.empty() != node.tls.privateKey.empty()) {
      return fail(ErrorCode::InvalidArgument,
                  "a TLS client certificate needs its private key, and a key its certificate, for " + where);
    }
    for (const std::string* file : {&node.tls.caCertificate, &node.tls.certificate, &node.tls.privateKey}) {
      std::error_code ec;
      if (!file->empty() && !fs::is_regular_file(*file, ec)) {
        return fail(ErrorCode::FileNotFound, "a TLS file of " + where + " does not exist", *file);
      }
    }
  }
  return {};
}

Expected<PacsConfig> parsePacsConfig(const std::string& text, const std::string& baseDir) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    return fail(ErrorCode::MalformedData, std::string("the nodes file is not valid JSON: ") + e.what());
  }
  if (!root.is_object()) return fail(ErrorCode::MalformedData, "the nodes file must hold a JSON object");
  PacsConfig config;
  if (auto it = root.find("local"); it != root.end()) {
    if (!it->is_object()) return fail(ErrorCode::InvalidArgument, "\"local\" must be an object");
    if (auto ok = readMember(*it, "ae_title", config.local.aeTitle, "local"); !ok) return tl::unexpected(ok.error());
    if (auto ok = readMember(*it, "port", config.local.port, "local"); !ok) return tl::unexpected(ok.error());
  }
  if (auto ok = checkAeTitle(config.local.aeTitle); !ok) {
    return fail(ErrorCode::InvalidArgument, "EdgeFuse's own AE title is not valid: " + ok.error().message,
                config.local.aeTitle);
  }
  if (auto ok = checkPort(config.local.port, "EdgeFuse's receiving port"); !ok) return tl::unexpected(ok.error());
  if (auto it = root.find("timeouts"); it != root.end()) {
    if (!it->is_object()) return fail(ErrorCode::InvalidArgument, "\"timeouts\" must be an object");
    for (auto [key, value] : {std::pair<const char*, int*>{"connect_s", &config.timeouts.connectSeconds},
                              {"acse_s", &config.timeouts.acseSeconds},
                              {"dimse_s", &config.timeouts.dimseSeconds}}) {
      if (auto ok = readMember(*it, key, *value, "timeouts"); !ok) return tl::unexpected(ok.error());
      if (*value < 1 || *value > 3600) {
        return fail(ErrorCode::InvalidArgument, std::string("timeouts.") + key + " must be 1 to 3600 seconds",
                    std::to_string(*value));
      }
    }
  }
  if (auto it = root.find("nodes"); it != root.end()) {
    if (!it->is_array()) return fail(ErrorCode::InvalidArgument, "\"nodes\" must be an array");
    for (const json& j : *it) {
      if (!j.is_object()) return fail(ErrorCode::InvalidArgument, "each node must be an object");
      PacsNode node;
      std::string where = "node " + std::to_string(config.nodes.size() + 1);
      for (auto ok : {readMember(j, "name", node.name, where), readMember(j, "ae_title", node.aeTitle, where),
                      readMember(j, "host", node.host, where), readMember(j, "port", node.port, where)}) {
        if (!ok) return tl::unexpected(ok.error());
      }
      if (node.name.empty()) return fail(ErrorCode::InvalidArgument, "a node has no \"name\"", where);
      for (const PacsNode& other : config.nodes) {
        if (other.name == node.name) return fail(ErrorCode::InvalidArgument, "two nodes have the same name", node.name);
      }
      if (auto t = j.find("tls"); t != j.end() && !t->is_null()) {
        auto tls = readTls(*t, baseDir, "node " + node.name);
        if (!tls) return tl::unexpected(tls.error());
        node.tls = *tls;
      }
      if (auto ok = checkAeTitle(node.aeTitle); !ok) {
        return fail(ErrorCode::InvalidArgument,
                    "the AE title of node " + node.name + " is not valid: " + ok.error().message, node.aeTitle);
      }
      if (node.host.empty()) return fail(ErrorCode::InvalidArgument, "node " + node.name + " has no \"host\"");
      if (auto ok = checkPort(node.port, "the port of node " + node.name); !ok) return tl::unexpected(ok.error());
      config.nodes.push_back(std::move(node));
    }
  }
  return config;
}

Expected<PacsConfig> readPacsConfig(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return fail(ErrorCode::FileNotFound,
                "the nodes file does not exist (create it as docs/pacs.md describes, or give --host, --port and "
                "--aet)",
                path);
  }
  auto text = readFile(path);
  if (!text) return tl::unexpected(text.error());
  auto config = parsePacsConfig(*text, fs::absolute(path, ec).parent_path().string());
  if (!config) {
    Error e = config.error();
    e.context = e.context.empty() ? path : path + ": " + e.context;
    return tl::unexpected(e);
  }
  return config;
}

std::string pacsConfigJson(const PacsConfig& config) {
  json nodes = json::array();
  for (const PacsNode& node : config.nodes) {
    nodes.push_back({{"name", node.name},
                     {"ae_title", node.aeTitle},
                     {"host", node.host},
                     {"port", node.port},
                     {"tls", tlsJson(node.tls)}});
  }
  json root = {{"local", {{"ae_title", config.local.aeTitle}, {"port", config.local.port}}},
               {"timeouts",
                {{"connect_s", config.timeouts.connectSeconds},
                 {"acse_s", config.timeouts.acseSeconds},
                 {"dimse_s", config.timeouts.dimseSeconds}}},
               {"nodes", nodes}};
  return root.dump(2) + "\n";
}

Expected<void> writePacsConfig(const std::string& path, const PacsConfig& config) {
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  return writeFileAtomically(path, pacsConfigJson(config));
}

std::string defaultPacsConfigPath() {
  return (fs::path(homeFolder("XDG_CONFIG_HOME", ".config")) / "edgefuse" / "nodes.json").string();
}

std::string defaultPacsCacheDir() {
  return (fs::path(homeFolder("XDG_CACHE_HOME", ".cache")) / "edgefuse" / "pacs").string();
}

Expected<PacsNode> findNode(const PacsConfig& config, const std::string& name) {
  std::string known;
  for (const PacsNode& node : config.nodes) {
    if (node.name == name) return node;
    known += (known.empty() ? "" : ", ") + node.name;
  }
  return fail(ErrorCode::InvalidArgument,
              "no node called '" + name + "' in the nodes file" +
                  (known.empty() ? " (it has none)" : " (known: " + known + ")"),
              name);
}

}  // namespace edgefuse::net
