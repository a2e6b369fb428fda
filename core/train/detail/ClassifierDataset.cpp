// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/train/detail/ClassifierDataset.h"

#include <torch/nn/functional/vision.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/base/AtomicFile.h"
#include "core/base/Sha256.h"
#include "core/classify/InputCheck.h"
#include "core/classify/detail/Preprocess.h"
#include "core/io/ImageReader.h"

namespace fs = std::filesystem;

namespace edgefuse::detail {

Expected<std::vector<std::string>> listLabelFolders(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return fail(ErrorCode::FileNotFound, "no such folder", folder);
  std::vector<std::string> labels;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && !name.empty() && name[0] != '.') labels.push_back(name);
  }
  std::sort(labels.begin(), labels.end());
  if (labels.size() < 2) {
    return fail(ErrorCode::NoPairs, "a labelled folder needs one sub-folder per class (at least two)", folder);
  }
  return labels;
}

Expected<LabelledImages> loadLabelledImages(const std::string& folder, const std::vector<std::string>& labels,
                                            const ClassifierPreprocessing& preprocessing, int limitPerClass) {
  LabelledImages out;
  std::vector<at::Tensor> images;
  std::vector<std::int64_t> targets;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const fs::path dir = fs::path(folder) / labels[k];
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      return fail(ErrorCode::FileNotFound, "the class folder '" + labels[k] + "' is missing", dir.string());
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && !name.empty() && name[0] != '.') files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (limitPerClass > 0 && static_cast<int>(files.size()) > limitPerClass) {
      files.resize(static_cast<std::size_t>(limitPerClass));
    }
    if (files.empty()) return fail(ErrorCode::NoPairs, "the class folder holds no images", dir.string());
    for (const auto& file : files) {
      auto bytes = readFile(file.string());
      if (!bytes) return tl::unexpected(bytes.error());
      auto image = readImage(file.string());
      if (!image) return tl::unexpected(image.error());
      out.noStructure.push_back(checkStructure(*image).noStructure);
      auto prepared = prepareInput(*image, preprocessing);
      if (!prepared) return tl::unexpected(Error{prepared.error().code, prepared.error().message, file.string()});
      if (!prepared->notes.empty()) ++out.adapted;
      images.push_back(prepared->unit);
      targets.push_back(static_cast<std::int64_t>(k));
      out.files.push_back(file.string());
      out.sha256.push_back(sha256Hex(*bytes));
    }
    out.perClass.push_back(static_cast<int>(files.size()));
  }
  out.images = at::cat(images, 0).contiguous();
  out.targets = at::tensor(targets, at::kLong);
  return out;
}

LabelledImages selectImages(const LabelledImages& all, const std::vector<std::int64_t>& index, std::size_t labels) {
  LabelledImages out;
  const at::Tensor rows = at::tensor(index, at::kLong);
  out.images = all.images.index_select(0, rows).contiguous();
  out.targets = all.targets.index_select(0, rows);
  out.perClass.assign(labels, 0);
  const at::Tensor targets = all.targets.to(at::kLong).contiguous();
  const std::int64_t* target = targets.data_ptr<std::int64_t>();
  for (auto i : index) {
    const auto k = static_cast<std::size_t>(i);
    out.files.push_back(all.files[k]);
    out.sha256.push_back(all.sha256[k]);
    out.noStructure.push_back(all.noStructure[k]);
    ++out.perClass[static_cast<std::size_t>(target[i])];
  }
  out.adapted = all.adapted;
  return out;
}

std::vector<std::int64_t> indicesWhereNoStructure(const LabelledImages& images, bool wanted) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < images.noStructure.size(); ++i) {
    if (images.noStructure[i] == wanted) out.push_back(static_cast<std::int64_t>(i));
  }
  return out;
}

at::Tensor augmentBatch(const at::Tensor& unit, const AugmentSettings& s, float padValue, std::mt19937_64& rng) {
  namespace F = torch::nn::functional;
  const std::int64_t n = unit.size(0);
  std::uniform_real_distribution<double> symmetric(-1.0, 1.0);
  std::bernoulli_distribution coin(0.5);
  constexpr double kPi = 3.14159265358979323846;
  std::vector<float> theta, gammas, gains, offsets;
  for (std::int64_t i = 0; i < n; ++i) {
    const double angle = symmetric(rng) * s.rotationDeg * kPi / 180.0;
    const double zoom = 1.0 + symmetric(rng) * s.scale;
    const double flip = s.flip && coin(rng) ? -1.0 : 1.0;
    const double tx = symmetric(rng) * s.translate * 2.0;  // affine_grid coordinates span [-1,1]
    const double ty = symmetric(rng) * s.translate * 2.0;
    // Output → input sampling matrix: rotation and zoom, x mirrored when flipped.
    const double c = std::cos(angle) / zoom, sn = std::sin(angle) / zoom;
    theta.insert(theta.end(), {static_cast<float>(c * flip), static_cast<float>(-sn), static_cast<float>(tx),
                               static_cast<float>(sn * flip), static_cast<float>(c), static_cast<float>(ty)});
    gammas.push_back(static_cast<float>(std::exp(symmetric(rng) * std::log(std::max(1.0, s.gamma)))));
    gains.push_back(static_cast<float>(1.0 + symmetric(rng) * s.contrast));
    offsets.push_back(static_cast<float>(symmetric(rng) * s.brightness));
  }
  const at::Tensor t = at::tensor(theta, at::kFloat).view({n, 2, 3});
  const at::Tensor grid = F::affine_grid(t, unit.sizes(), /*align_corners=*/false);
  at::Tensor x =
      F::grid_sample(
          unit - padValue, grid,
          F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false)) +
      padValue;
  x = x.clamp(0.0, 1.0).pow(at::tensor(gammas, at::kFloat).view({n, 1, 1, 1}));
  x = x * at::tensor(gains, at::kFloat).view({n, 1, 1, 1}) + at::tensor(offsets, at::kFloat).view({n, 1, 1, 1});
  return x;
}

}  // namespace edgefuse::detail
