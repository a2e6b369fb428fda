// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGui/qrgb.h>
#include <QString>
#include <QVector>
#include <optional>

namespace edgefuse::ui {

/// Colour maps for grey images (the second, functional image and the blend
/// overlay). Viridis is perceptually uniform and readable with the common
/// colour-vision deficiencies.
enum class ColorMapKind { Grey, Hot, PetRainbow, Viridis };

/// All colour maps, in menu order.
QVector<ColorMapKind> allColorMaps();

/// 256-entry lookup table (index 0 = lowest value in the window). Thread-safe.
const QVector<QRgb>& colorTable(ColorMapKind kind);

/// Stable identifier for settings: "grey", "hot", "pet-rainbow", "viridis".
QString colorMapId(ColorMapKind kind);
std::optional<ColorMapKind> colorMapFromId(const QString& id);

/// Translated name for menus ("PET rainbow", "Viridis (colour-blind safe)"). GUI thread.
QString colorMapDisplayName(ColorMapKind kind);

}  // namespace edgefuse::ui
