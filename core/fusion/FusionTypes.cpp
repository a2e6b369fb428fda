// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/FusionTypes.h"

#include <algorithm>
#include <cctype>

namespace edgefuse {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

template <typename Enum, std::size_t N>
Expected<Enum> parseFrom(std::string_view text, const std::pair<const char*, Enum> (&table)[N], const char* what) {
  const std::string key = lower(text);
  std::string choices;
  for (const auto& [name, value] : table) {
    if (key == name) return value;
    choices += choices.empty() ? name : std::string(", ") + name;
  }
  return fail(ErrorCode::InvalidArgument,
              std::string("unknown ") + what + " '" + std::string(text) + "' (choose one of: " + choices + ")");
}

constexpr std::pair<const char*, Strategy> kStrategies[] = {
    {"addition", Strategy::Addition}, {"average", Strategy::Average}, {"fer", Strategy::Fer}, {"l1nw", Strategy::L1nw},
    {"al1nw", Strategy::Al1nw},       {"fl1n", Strategy::Fl1n},       {"max", Strategy::Max}, {"sfnn", Strategy::Sfnn}};
constexpr std::pair<const char*, Method> kMethods[] = {
    {"network", Method::Network}, {"average", Method::Average}, {"max", Method::Max}, {"laplacian", Method::Laplacian}};
constexpr std::pair<const char*, BnMode> kBnModes[] = {{"running", BnMode::Running}, {"batch", BnMode::Batch}};
constexpr std::pair<const char*, Normalization> kNormalizations[] = {{"minmax", Normalization::MinMax},
                                                                     {"range", Normalization::Range}};
constexpr std::pair<const char*, DevicePreference> kDevices[] = {
    {"auto", DevicePreference::Auto}, {"cpu", DevicePreference::Cpu}, {"cuda", DevicePreference::Cuda}};

template <typename Enum, std::size_t N>
const char* nameIn(Enum value, const std::pair<const char*, Enum> (&table)[N]) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace

const char* strategyName(Strategy s) {
  return nameIn(s, kStrategies);
}
const char* methodName(Method m) {
  return nameIn(m, kMethods);
}
const char* bnModeName(BnMode b) {
  return nameIn(b, kBnModes);
}
const char* devicePreferenceName(DevicePreference d) {
  return nameIn(d, kDevices);
}
Expected<Strategy> parseStrategy(std::string_view text) {
  return parseFrom(text, kStrategies, "strategy");
}
Expected<Method> parseMethod(std::string_view text) {
  return parseFrom(text, kMethods, "method");
}
Expected<BnMode> parseBnMode(std::string_view text) {
  return parseFrom(text, kBnModes, "BatchNorm mode");
}
Expected<Normalization> parseNormalization(std::string_view text) {
  return parseFrom(text, kNormalizations, "normalisation");
}
Expected<DevicePreference> parseDevicePreference(std::string_view text) {
  return parseFrom(text, kDevices, "device");
}

std::vector<Strategy> allStrategies() {
  std::vector<Strategy> out;
  for (const auto& entry : kStrategies) out.push_back(entry.second);
  return out;
}

}  // namespace edgefuse
