// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QImage>

#include "core/image/Image.h"
#include "ui/ColorMap.h"
#include "ui/DisplayWindow.h"

namespace edgefuse::ui {

/// The one place where edgefuse::Image and QImage meet.

/// Renders an image for display as QImage::Format_RGB32: a grey image
/// through `window` and the colour map; an RGB image through `window` on
/// each channel (the colour map does not apply). Empty image → null QImage.
/// Thread-safe (pure function).
QImage renderImage(const Image& image, const DisplayWindow& window, ColorMapKind map = ColorMapKind::Grey);

/// Converts a QImage to an Image with values 0..255: grey (1 channel) when
/// every pixel is grey, RGB otherwise; alpha is dropped. meta.format is
/// "generated". Thread-safe.
Image imageFromQImage(const QImage& image);

/// Renders a saliency heat map (grey, [0,1]) as a translucent overlay,
/// QImage::Format_ARGB32_Premultiplied: the classifier's heat colours (see
/// core/classify/SaliencyOverlay.h), opacity growing with the heat up to
/// `opacity`, so that unremarkable regions keep the anatomy visible. Empty
/// or colour input → null QImage. Thread-safe.
QImage renderSaliency(const Image& heat, double opacity = 0.55);

}  // namespace edgefuse::ui
