// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// The golden fixture written by tools/metrics_golden.py and the inputs it
// describes, rebuilt with the same float32 arithmetic as the script.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/image/Image.h"
#include "core/metrics/MetricReport.h"

namespace edgefuse::test {

inline nlohmann::json loadGolden() {
  std::ifstream in(EDGEFUSE_METRICS_GOLDEN);
  if (!in) return {};
  return nlohmann::json::parse(in);
}

/// An integer grey level 0..255 as a [0,1] float (k/255 in float).
inline float level(long k) {
  return static_cast<float>(k) / 255.0f;
}

inline Image fuseImages(const Image& a, const Image& b, const std::string& method) {
  Image f(a.width, a.height, 1);
  for (std::size_t i = 0; i < f.pixels.size(); ++i) {
    f.pixels[i] = method == "average" ? (a.pixels[i] + b.pixels[i]) * 0.5f : std::max(a.pixels[i], b.pixels[i]);
  }
  return f;
}

struct Triple {
  Image a, b, f;
};

/// The synthetic patterns of metrics_golden.py (integer formulas, size×size).
inline Triple syntheticTriple(const std::string& pattern, int size) {
  Image zone(size, size, 1), checker(size, size, 1), ramp(size, size, 1), square(size, size, 1);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      zone.at(x, y) = level((x * x + y * y) % 256);
      checker.at(x, y) = level((((x / 8) + (y / 8)) % 2) * 200 + 20);
      ramp.at(x, y) = level((7 * x + 3 * y) % 256);
      square.at(x, y) = level((x * x + 5 * y) % 256);
    }
  }
  if (pattern == "texture_average") return {ramp, square, fuseImages(ramp, square, "average")};
  if (pattern == "zone_checker_maximum") return {zone, checker, fuseImages(zone, checker, "maximum")};
  if (pattern == "shift_by_two") {
    Image f = zone;
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) f.at(x, y) = zone.at(std::max(x - 2, 0), y);
    }
    return {zone, checker, f};
  }
  if (pattern == "identical_to_a") return {zone, ramp, zone};
  if (pattern == "constant_b") {
    Image b(size, size, 1, level(128));
    return {zone, b, fuseImages(zone, b, "average")};
  }
  ADD_FAILURE() << "unknown synthetic pattern " << pattern;
  return {};
}

/// Relative tolerance of each metric against the golden values (1e-4 unless
/// stated, with the reason in docs/metrics.md), plus an absolute floor of
/// 1e-9 for values that are 0.
inline double goldenTolerance(const std::string& key) {
  // FMI: 1e-5, tighter than the others. Its pair step runs in single
  // precision and agrees to ~1.3e-7; without the double-precision pass over
  // windows whose pdf has values below 1e-5 (kFloatSafePdf) the synthetic
  // gradient case is 5.4e-5 off, which this tolerance catches.
  if (key.rfind("fmi", 0) == 0) return 1e-5;
  return 1e-4;
}

/// The largest relative difference seen per metric key (for the summary that
/// the tests print and docs/metrics.md quotes).
using Agreement = std::map<std::string, double>;

inline void printAgreement(const Agreement& agreement, const char* title) {
  std::cout << title << " (largest relative difference per metric):\n";
  for (const auto& [key, value] : agreement) std::cout << "  " << key << " " << value << "\n";
}

/// True when every pixel is an 8-bit level k/255 (quantising changes
/// nothing).
inline bool isEightBit(const Image& image) {
  for (float v : image.pixels) {
    if (v != static_cast<float>(std::floor(255.0 * v + 0.5)) / 255.0f) return false;
  }
  return true;
}

/// The metrics MetricReport computes in two conventions: on the 8-bit images
/// (the key) and on the full-precision images (key + "_float").
inline bool hasFloatVariant(const std::string& key) {
  for (const char* k : {"fmi", "fmi_gradient", "fmi_dct", "vif", "vif_sum", "qabf"}) {
    if (key == k) return true;
  }
  return false;
}

/// Compares every value of a report with a case's golden block. The golden
/// values were computed on the images as given (full precision): they are
/// compared with the "_float" keys, and also with the 8-bit keys when the
/// case's images are 8-bit already (`eightBitInputs`: both conventions agree).
inline void expectMatchesGolden(const MetricReport& report, const nlohmann::json& golden, const std::string& name,
                                Agreement* agreement = nullptr, bool eightBitInputs = false) {
  auto compare = [&](const std::map<std::string, double>& values, const nlohmann::json& expected, const char* block) {
    for (const auto& [goldenKey, value] : expected.items()) {
      std::vector<std::string> keys;
      if (hasFloatVariant(goldenKey)) {
        keys.push_back(goldenKey + "_float");
        if (eightBitInputs) keys.push_back(goldenKey);
      } else {
        keys.push_back(goldenKey);
      }
      for (const auto& key : keys) {
        const auto it = values.find(key);
        ASSERT_NE(it, values.end()) << name << ": " << block << " lacks " << key;
        const double g = value.get<double>();
        const double tolerance = goldenTolerance(key) * std::abs(g) + 1e-9;
        if (agreement) {
          const double relative = std::abs(it->second - g) / std::max(std::abs(g), 1e-9);
          double& worst = (*agreement)[key];
          worst = std::max(worst, relative);
        }
        EXPECT_NEAR(it->second, g, tolerance) << name << ": " << block << "." << key << " (relative error "
                                              << std::abs(it->second - g) / std::max(std::abs(g), 1e-300) << ")";
      }
    }
  };
  compare(report.values, golden["metrics"], "metrics");
  compare(report.sourceA, golden["per_source"]["a"], "per_source.a");
  compare(report.sourceB, golden["per_source"]["b"], "per_source.b");
  std::size_t withVariants = 0;
  for (const auto& item : golden["metrics"].items()) withVariants += hasFloatVariant(item.key()) ? 2 : 1;
  EXPECT_EQ(report.values.size(), withVariants) << name;
}

}  // namespace edgefuse::test
