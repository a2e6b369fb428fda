// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/Baselines.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace edgefuse {
namespace {

// A plain float plane; the pyramid works on these rather than on Image to
// keep the metadata out of the inner loops.
struct Plane {
  int width = 0;
  int height = 0;
  std::vector<float> v;
  Plane(int w, int h) : width(w), height(h), v(static_cast<std::size_t>(w) * h, 0.0f) {}
  float& at(int x, int y) { return v[static_cast<std::size_t>(y) * width + x]; }
  float at(int x, int y) const { return v[static_cast<std::size_t>(y) * width + x]; }
};

constexpr float kTaps[5] = {1.0f / 16, 4.0f / 16, 6.0f / 16, 4.0f / 16, 1.0f / 16};

int reflect(int i, int n) {
  if (n == 1) return 0;
  while (i < 0 || i >= n) {
    if (i < 0) i = -i;
    if (i >= n) i = 2 * n - 2 - i;
  }
  return i;
}

Plane blur(const Plane& in) {
  Plane tmp(in.width, in.height), out(in.width, in.height);
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) {
      float s = 0.0f;
      for (int k = -2; k <= 2; ++k) s += kTaps[k + 2] * in.at(reflect(x + k, in.width), y);
      tmp.at(x, y) = s;
    }
  }
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) {
      float s = 0.0f;
      for (int k = -2; k <= 2; ++k) s += kTaps[k + 2] * tmp.at(x, reflect(y + k, in.height));
      out.at(x, y) = s;
    }
  }
  return out;
}

Plane down(const Plane& in) {
  const Plane blurred = blur(in);
  Plane out((in.width + 1) / 2, (in.height + 1) / 2);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) out.at(x, y) = blurred.at(2 * x, 2 * y);
  }
  return out;
}

// Expand to (w, h): insert zeros, blur, scale by 4 (the Burt–Adelson EXPAND).
Plane up(const Plane& in, int w, int h) {
  Plane zeros(w, h);
  for (int y = 0; y < in.height && 2 * y < h; ++y) {
    for (int x = 0; x < in.width && 2 * x < w; ++x) zeros.at(2 * x, 2 * y) = 4.0f * in.at(x, y);
  }
  return blur(zeros);
}

Plane toPlane(const Image& image) {
  Plane p(image.width, image.height);
  for (std::size_t i = 0; i < p.v.size(); ++i) p.v[i] = image.pixels[i * image.channels];
  return p;
}

Image toImage(const Plane& p, const Image& like) {
  Image out(p.width, p.height, 1);
  out.meta = like.meta;
  out.pixels = p.v;
  return out;
}

std::vector<Plane> laplacianPyramid(const Plane& image, int levels) {
  std::vector<Plane> pyramid;
  Plane current = image;
  for (int i = 0; i < levels; ++i) {
    Plane smaller = down(current);
    Plane expanded = up(smaller, current.width, current.height);
    Plane detail(current.width, current.height);
    for (std::size_t k = 0; k < detail.v.size(); ++k) detail.v[k] = current.v[k] - expanded.v[k];
    pyramid.push_back(std::move(detail));
    current = std::move(smaller);
  }
  pyramid.push_back(std::move(current));  // base
  return pyramid;
}

}  // namespace

Image fuseAverage(const Image& a, const Image& b) {
  Image out = a;
  for (std::size_t i = 0; i < out.pixels.size(); ++i) out.pixels[i] = 0.5f * (a.pixels[i] + b.pixels[i]);
  return out;
}

Image fuseMaximum(const Image& a, const Image& b) {
  Image out = a;
  for (std::size_t i = 0; i < out.pixels.size(); ++i) out.pixels[i] = std::max(a.pixels[i], b.pixels[i]);
  return out;
}

Image fuseLaplacianPyramid(const Image& a, const Image& b, int levels) {
  if (levels <= 0) {
    levels = 0;
    for (int side = std::min(a.width, a.height); side / 2 >= 8 && levels < 5; side = (side + 1) / 2) ++levels;
  }
  const auto pa = laplacianPyramid(toPlane(a), levels);
  const auto pb = laplacianPyramid(toPlane(b), levels);
  std::vector<Plane> fused;
  for (std::size_t l = 0; l < pa.size(); ++l) {
    Plane f(pa[l].width, pa[l].height);
    const bool isBase = l + 1 == pa.size();
    for (std::size_t k = 0; k < f.v.size(); ++k) {
      const float x = pa[l].v[k], y = pb[l].v[k];
      f.v[k] = isBase ? 0.5f * (x + y) : (std::fabs(x) >= std::fabs(y) ? x : y);
    }
    fused.push_back(std::move(f));
  }
  Plane current = fused.back();
  for (int l = static_cast<int>(fused.size()) - 2; l >= 0; --l) {
    Plane expanded = up(current, fused[l].width, fused[l].height);
    for (std::size_t k = 0; k < expanded.v.size(); ++k) expanded.v[k] += fused[l].v[k];
    current = std::move(expanded);
  }
  for (float& v : current.v) v = std::clamp(v, 0.0f, 1.0f);
  return toImage(current, a);
}

}  // namespace edgefuse
