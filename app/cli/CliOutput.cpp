// SPDX-License-Identifier: GPL-3.0-or-later

#include "CliOutput.h"

#include <iostream>

namespace edgefuse::cli {

int reportError(const Error& error, bool json) {
  std::cerr << "edgefuse-cli: error: " << error.describe() << "\n";
  if (json) {
    nlohmann::json j;
    j["error"] = {{"code", errorCodeName(error.code)},
                  {"message", error.message},
                  {"context", error.context},
                  {"exit_code", exitCodeFor(error.code)}};
    std::cout << j.dump(2) << "\n";
  }
  return exitCodeFor(error.code);
}

void addFusionOptions(ArgParser& parser) {
  parser.option("model", "NAME|DIR|FILE",
                "Fusion model: a shipped model name, a model folder with model.json, or an authors'-layout "
                "weights file (.pt) such as dilran_last.cpu.pt",
                kDefaultModelName);
  parser.option("method", "M", "network | average | max | laplacian", "network");
  parser.option("strategy", "S", "Feature fusion strategy: addition | average | fer | l1nw | al1nw | fl1n | max | sfnn",
                "sfnn");
  parser.option("device", "D", "auto | cpu | cuda (auto uses CUDA when available and says so)", "auto");
  parser.option("bn-mode", "MODE",
                "BatchNorm statistics: running (stored) | batch (each image's own); default: the model's");
  parser.option("normalize", "MODE",
                "Input scaling: minmax (per image) | range (divide by the pixel type's maximum); default: the model's");
  parser.option("threads", "N", "CPU threads (0 = all cores)", "0");
}

Expected<EngineConfig> engineConfigFrom(const ArgParser& parser) {
  EngineConfig config;
  config.model = parser.value("model");
  auto device = parseDevicePreference(parser.value("device"));
  if (!device) return tl::unexpected(device.error());
  config.device = *device;
  try {
    config.threads = std::stoi(parser.value("threads"));
  } catch (const std::exception&) {
    return fail(ErrorCode::InvalidArgument, "--threads needs a whole number");
  }
  if (config.threads < 0) return fail(ErrorCode::InvalidArgument, "--threads must be 0 or more");
  auto method = parseMethod(parser.value("method"));
  if (!method) return tl::unexpected(method.error());
  // The classical methods need no model; a missing model is then no error.
  config.requireModel = *method == Method::Network;
  return config;
}

Expected<FusionOptions> fusionOptionsFrom(const ArgParser& parser) {
  FusionOptions options;
  auto method = parseMethod(parser.value("method"));
  if (!method) return tl::unexpected(method.error());
  options.method = *method;
  auto strategy = parseStrategy(parser.value("strategy"));
  if (!strategy) return tl::unexpected(strategy.error());
  options.strategy = *strategy;
  if (parser.has("bn-mode")) {
    auto bn = parseBnMode(parser.value("bn-mode"));
    if (!bn) return tl::unexpected(bn.error());
    options.bnMode = *bn;
  }
  if (parser.has("normalize")) {
    auto n = parseNormalization(parser.value("normalize"));
    if (!n) return tl::unexpected(n.error());
    options.normalization = *n;
  }
  return options;
}

nlohmann::json resultJson(const FusionResult& r) {
  nlohmann::json j;
  j["device"] = r.device;
  j["model"] = {{"name", r.modelName}, {"version", r.modelVersion}, {"sha256", r.modelSha256}};
  j["method"] = r.method;
  if (!r.strategy.empty()) j["strategy"] = r.strategy;
  if (!r.bnMode.empty()) j["bn_mode"] = r.bnMode;
  j["normalization"] = r.normalization;
  j["size"] = {r.fused.width, r.fused.height};
  j["colour"] = r.colour;
  if (r.weightA) {
    const char* key = r.strategy == "sfnn" ? "sfnn_weights" : "weights";
    j[key] = {{"a", *r.weightA}, {"b", *r.weightB}};
  }
  nlohmann::json timings = nlohmann::json::object();
  for (const auto& t : r.timings) timings[t.stage] = t.ms;
  j["timings_ms"] = timings;
  j["total_ms"] = r.totalMs;
  j["notes"] = r.notes;
  return j;
}

}  // namespace edgefuse::cli
