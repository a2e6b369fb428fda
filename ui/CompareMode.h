// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <optional>

namespace edgefuse::ui {

/// What the fused view shows.
enum class CompareMode {
  Fused,         ///< the fused image
  Blend,         ///< classical overlay: A in grey, B through its colour map at an adjustable opacity
  Checkerboard,  ///< tiles alternate between the fused image and a source
  Wipe,          ///< fused image left of a movable divider, a source right of it
};

/// The source that checkerboard and wipe compare the fused image with.
enum class ComparePartner { SourceA, SourceB };

/// Stable identifier for settings ("fused", "blend", "checkerboard", "wipe").
QString compareModeId(CompareMode mode);
std::optional<CompareMode> compareModeFromId(const QString& id);
/// Translated name for menus and the toolbar. GUI thread.
QString compareModeDisplayName(CompareMode mode);

}  // namespace edgefuse::ui
