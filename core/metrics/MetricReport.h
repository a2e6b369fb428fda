// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Every fusion-quality metric of one fusion A, B → F (see MetricCatalogue.h
/// for the keys and their conventions, docs/metrics.md for the formulas).
/// A value type; safe to copy across threads.
struct MetricReport {
  /// The fusion's value of each metric by key ("psnr", "ssim", …).
  std::map<std::string, double> values;
  /// The reference-based metrics against source A alone (same keys).
  std::map<std::string, double> sourceA;
  /// The reference-based metrics against source B alone.
  std::map<std::string, double> sourceB;
  /// Degenerate input and what was done about it, one sentence each.
  std::vector<std::string> notes;
};

/// Options of computeMetrics.
struct MetricOptions {
  /// Also compute FMI, VIF and Qabf on the full-precision images (the
  /// "_float" keys; about twice their time when F is not 8-bit already).
  bool fullPrecision = false;
};

/// Computes every metric of MetricCatalogue for sources A, B and fused F
/// (the "_float" keys only with options.fullPrecision):
/// grey [0,1] images of one size, at least 41×41 pixels (VIF's smallest
/// size). Intermediates are computed once (phase congruency, FFTs, local
/// moments, histograms, window pdfs), so this is much faster than calling
/// each function of Metrics.h, and it gives the same values. Errors as those
/// functions. Thread-safe; runs on the calling thread only. Its working
/// arrays are kept for the next call on the same thread (at most 64 MiB per
/// thread, see detail/BufferPool.h).
Expected<MetricReport> computeMetrics(const Image& a, const Image& b, const Image& fused,
                                      const MetricOptions& options = {});

}  // namespace edgefuse
