// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/detail/Preprocess.h"

#include <torch/nn/functional/upsampling.h>

#include <algorithm>
#include <cmath>

#include "core/image/Color.h"
#include "core/image/Normalize.h"

namespace edgefuse::detail {
namespace {

namespace F = torch::nn::functional;

at::Tensor resizeBilinear(const at::Tensor& x, int height, int width, bool antialias) {
  return F::interpolate(x, F::InterpolateFuncOptions()
                               .size(std::vector<std::int64_t>{height, width})
                               .mode(torch::kBilinear)
                               .align_corners(false)
                               .antialias(antialias));
}

std::string sizeText(int w, int h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

}  // namespace

Expected<PreparedInput> prepareInput(const Image& image, const ClassifierPreprocessing& p) {
  if (image.empty()) return fail(ErrorCode::InvalidArgument, "the image to classify is empty");
  if (image.channels != 1 && image.channels != 3) {
    return fail(ErrorCode::UnsupportedFormat,
                "the classifier takes grey or RGB images, not " + std::to_string(image.channels) + " channels");
  }
  PreparedInput out;
  Image source = image;
  if (image.channels == 3 && image.isGreyStoredAsRgb()) {
    source = image.channel(0);
    out.notes.push_back("grey image stored as RGB: classified as grey");
  } else if (image.channels == 3 && p.inputChannels == 1) {
    source = lumaOf(image);
    source.meta = image.meta;
    out.notes.push_back("colour image: classified on its BT.601 luma (the model takes one channel)");
  }
  std::vector<std::string> scalingNotes;
  const Image unit = normalizeToUnit(source, p.intensity, &scalingNotes);
  for (auto& n : scalingNotes) out.notes.push_back(std::move(n));

  const int c = unit.channels;
  // Interleaved HWC floats → (1, C, h, w).
  at::Tensor t = at::from_blob(const_cast<float*>(unit.pixels.data()), {unit.height, unit.width, c}, at::kFloat)
                     .permute({2, 0, 1})
                     .unsqueeze(0)
                     .clone(at::MemoryFormat::Contiguous);  // own the pixels: `unit` dies here
  const double scale =
      std::min(static_cast<double>(p.inputWidth) / unit.width, static_cast<double>(p.inputHeight) / unit.height);
  const int w = std::clamp(static_cast<int>(std::lround(unit.width * scale)), 1, p.inputWidth);
  const int h = std::clamp(static_cast<int>(std::lround(unit.height * scale)), 1, p.inputHeight);
  if (w != unit.width || h != unit.height) {
    t = resizeBilinear(t, h, w, scale < 1.0).clamp(0.0, 1.0);
    out.notes.push_back("resized from " + sizeText(unit.width, unit.height) + " to " + sizeText(w, h) +
                        " (aspect ratio kept) for the model's " + sizeText(p.inputWidth, p.inputHeight) + " input");
  }
  out.placement = {(p.inputWidth - w) / 2, (p.inputHeight - h) / 2, w, h};
  if (w != p.inputWidth || h != p.inputHeight) {
    at::Tensor padded = at::full({1, c, p.inputHeight, p.inputWidth}, p.padValue, at::kFloat);
    padded.narrow(2, out.placement.y, h).narrow(3, out.placement.x, w).copy_(t);
    t = padded;
    out.notes.push_back("padded to " + sizeText(p.inputWidth, p.inputHeight) + " (centred)");
  }
  out.unit = t;
  return out;
}

at::Tensor standardise(const at::Tensor& unit, const ClassifierPreprocessing& p) {
  at::Tensor x = unit;
  if (x.size(1) == 1 && p.inputChannels > 1) x = x.expand({x.size(0), p.inputChannels, x.size(2), x.size(3)});
  const at::Tensor mean = at::tensor(p.mean, at::kFloat).view({1, -1, 1, 1}).to(x.device());
  const at::Tensor stdev = at::tensor(p.std, at::kFloat).view({1, -1, 1, 1}).to(x.device());
  return (x - mean) / stdev;
}

at::Tensor toImageGrid(const at::Tensor& map, const Placement& placement, int width, int height) {
  const at::Tensor cropped = map.narrow(2, placement.y, placement.height).narrow(3, placement.x, placement.width);
  if (placement.width == width && placement.height == height) return cropped.contiguous();
  return resizeBilinear(cropped.contiguous(), height, width, placement.width > width || placement.height > height);
}

}  // namespace edgefuse::detail
