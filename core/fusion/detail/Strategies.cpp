// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/detail/Strategies.h"

#include <algorithm>
#include <cmath>

namespace edgefuse::detail {
namespace {

// Columns of the randomized range finder and its power iterations: enough to
// make the bounds tight for the smooth softmax maps of these networks.
constexpr std::int64_t kSketchColumns = 16;
constexpr int kPowerIterations = 2;
// Relative safety margin on float32 bounds.
constexpr double kBoundMargin = 1e-3;

at::Tensor orthonormalColumns(const at::Tensor& y) {
  return std::get<0>(at::linalg_qr(y, "reduced"));
}

}  // namespace

at::Tensor nuclearNormsExhaustive(const at::Tensor& maps) {
  const auto sizes = maps.sizes();
  const at::Tensor flat = maps.to(at::kDouble).reshape({sizes[0] * sizes[1], sizes[2], sizes[3]});
  return at::linalg_svdvals(flat).sum(-1).reshape({sizes[0], sizes[1]}).cpu();
}

std::vector<double> maxNuclearNorms(const at::Tensor& maps, int* exactCount) {
  const std::int64_t n = maps.size(0), c = maps.size(1), h = maps.size(2), w = maps.size(3);
  const std::int64_t rank = std::min(h, w);
  const std::int64_t k = std::min<std::int64_t>(kSketchColumns, rank);
  const at::Tensor m = maps.to(at::kFloat).reshape({n * c, h, w}).contiguous();

  // Randomized range finder with power iterations (Halko et al. 2011).
  auto generator = at::make_generator<at::CPUGeneratorImpl>(20240607);
  const at::Tensor omega = at::randn({w, k}, generator, at::TensorOptions().dtype(at::kFloat)).to(m.device());
  at::Tensor q = orthonormalColumns(at::matmul(m, omega));
  const at::Tensor mt = m.transpose(1, 2);
  for (int i = 0; i < kPowerIterations; ++i) {
    q = orthonormalColumns(at::matmul(m, orthonormalColumns(at::matmul(mt, q))));
  }
  const at::Tensor b = at::matmul(q.transpose(1, 2), m);  // (NC, k, w)
  const at::Tensor sketchNuclear = at::linalg_svdvals(b.to(at::kDouble)).sum(-1);
  const at::Tensor fro2 = m.to(at::kDouble).pow(2).sum({1, 2});
  const at::Tensor sketchFro2 = b.to(at::kDouble).pow(2).sum({1, 2});
  const at::Tensor residual = (fro2 - sketchFro2).clamp_min(0.0).sqrt();
  const at::Tensor lower = at::maximum(sketchNuclear, fro2.sqrt()).cpu();
  const at::Tensor upper = (sketchNuclear + std::sqrt(static_cast<double>(rank - k)) * residual).cpu();
  const double* up = upper.data_ptr<double>();

  // Exact norm of each sample's most promising channel first, then of every
  // channel that can still beat it, each group in one batched call.
  const at::Tensor firsts = lower.view({n, c}).argmax(1) + at::arange(n, at::kLong) * c;
  const at::Tensor firstNorms =
      at::linalg_svdvals(m.index_select(0, firsts.to(m.device())).to(at::kDouble)).sum(-1).cpu();
  std::vector<double> result(firstNorms.data_ptr<double>(), firstNorms.data_ptr<double>() + n);
  int exact = static_cast<int>(n);
  std::vector<std::int64_t> contenders;
  for (std::int64_t s = 0; s < n; ++s) {
    const std::int64_t first = firsts[s].item<std::int64_t>();
    for (std::int64_t i = s * c; i < (s + 1) * c; ++i) {
      if (i != first && up[i] * (1.0 + kBoundMargin) >= result[static_cast<std::size_t>(s)]) contenders.push_back(i);
    }
  }
  if (!contenders.empty()) {
    const at::Tensor index = at::tensor(contenders, at::kLong);
    const at::Tensor norms = at::linalg_svdvals(m.index_select(0, index.to(m.device())).to(at::kDouble)).sum(-1).cpu();
    const double* values = norms.data_ptr<double>();
    for (std::size_t j = 0; j < contenders.size(); ++j) {
      auto& best = result[static_cast<std::size_t>(contenders[j] / c)];
      best = std::max(best, values[j]);
    }
    exact += static_cast<int>(contenders.size());
  }
  if (exactCount) *exactCount = exact;
  return result;
}

SfnnWeights sfnnWeights(const at::Tensor& fa, const at::Tensor& fb, bool exhaustive) {
  // The reference's F.softmax without dim on a 4-D tensor uses dim = 1 (channels).
  const at::Tensor soft = at::softmax(at::cat({fa, fb}, 0), 1);
  SfnnWeights out;
  if (exhaustive) {
    const at::Tensor norms = nuclearNormsExhaustive(soft);
    const auto* p = norms.data_ptr<double>();
    const std::int64_t c = norms.size(1);
    out.nuclearNormsA.assign(p, p + c);
    out.nuclearNormsB.assign(p + c, p + 2 * c);
    out.maxNuclearNormA = *std::max_element(out.nuclearNormsA.begin(), out.nuclearNormsA.end());
    out.maxNuclearNormB = *std::max_element(out.nuclearNormsB.begin(), out.nuclearNormsB.end());
    out.exactNorms = static_cast<int>(2 * c);
  } else {
    const auto maxima = maxNuclearNorms(soft, &out.exactNorms);
    out.maxNuclearNormA = maxima[0];
    out.maxNuclearNormB = maxima[1];
  }
  const double a2 = out.maxNuclearNormA * out.maxNuclearNormA;
  const double b2 = out.maxNuclearNormB * out.maxNuclearNormB;
  out.weightA = a2 / (a2 + b2);
  out.weightB = b2 / (a2 + b2);
  return out;
}

at::Tensor fuseFeatures(Strategy strategy, const at::Tensor& fa, const at::Tensor& fb,
                        std::vector<std::pair<double, double>>* weights) {
  const std::int64_t n = fa.size(0);
  auto perSample = [&](const at::Tensor& wa, const at::Tensor& wb) {
    const at::Tensor waCpu = wa.to(at::kDouble).cpu(), wbCpu = wb.to(at::kDouble).cpu();
    if (weights) {
      weights->clear();
      for (std::int64_t i = 0; i < n; ++i) {
        weights->emplace_back(waCpu[i].item<double>(), wbCpu[i].item<double>());
      }
    }
    return wa.to(fa.scalar_type()).view({n, 1, 1, 1}) * fa + wb.to(fa.scalar_type()).view({n, 1, 1, 1}) * fb;
  };
  switch (strategy) {
    case Strategy::Addition:
      return fa + fb;
    case Strategy::Average:
      return (fa + fb) / 2;
    case Strategy::Fer: {
      const at::Tensor ea = fa * fa, eb = fb * fb;
      at::Tensor sum = ea + eb;
      sum = at::where(sum == 0, at::ones_like(sum), sum);
      return (ea / sum) * fa + (eb / sum) * fb;
    }
    case Strategy::L1nw:
    case Strategy::Al1nw:
    case Strategy::Fl1n: {
      // L1 norms in float64: a 64×256×256 map sums to ~10⁶ and float32
      // accumulation would lose digits.
      const at::Tensor la = fa.to(at::kDouble).abs().sum({1, 2, 3});
      const at::Tensor lb = fb.to(at::kDouble).abs().sum({1, 2, 3});
      if (strategy == Strategy::L1nw) return perSample(la, lb);
      if (strategy == Strategy::Al1nw) return perSample(la / 2, lb / 2);
      const at::Tensor total = at::where(la + lb == 0, at::ones_like(la), la + lb);
      const at::Tensor half = at::full_like(la, 0.5);
      return perSample(at::where(la + lb == 0, half, la / total), at::where(la + lb == 0, half, lb / total));
    }
    case Strategy::Max:
      return at::maximum(fa, fb);
    case Strategy::Sfnn: {
      const auto maxima = maxNuclearNorms(at::softmax(at::cat({fa, fb}, 0), 1));
      std::vector<double> wa(static_cast<std::size_t>(n)), wb(static_cast<std::size_t>(n));
      for (std::size_t i = 0; i < wa.size(); ++i) {
        const double a2 = maxima[i] * maxima[i], b2 = maxima[i + wa.size()] * maxima[i + wa.size()];
        wa[i] = a2 / (a2 + b2);
        wb[i] = b2 / (a2 + b2);
      }
      return perSample(at::tensor(wa, at::kDouble).to(fa.device()), at::tensor(wb, at::kDouble).to(fa.device()));
    }
  }
  return (fa + fb) / 2;
}

}  // namespace edgefuse::detail
