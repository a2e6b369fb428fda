// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/ClassifierTypes.h"

#include <algorithm>
#include <cctype>

namespace edgefuse {

const char* imageKindName(ImageKind kind) {
  switch (kind) {
    case ImageKind::Unknown:
      return "unknown";
    case ImageKind::MriSource:
      return "mri";
    case ImageKind::OtherSource:
      return "ct-spect-pet";
    case ImageKind::Fused:
      return "fused";
  }
  return "unknown";
}

Expected<ImageKind> parseImageKind(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "unknown" || lower == "auto") return ImageKind::Unknown;
  if (lower == "mri" || lower == "mr") return ImageKind::MriSource;
  if (lower == "ct-spect-pet" || lower == "ct" || lower == "spect" || lower == "pet" || lower == "nm" ||
      lower == "other") {
    return ImageKind::OtherSource;
  }
  if (lower == "fused") return ImageKind::Fused;
  return fail(ErrorCode::InvalidArgument,
              "unknown image kind '" + std::string(text) + "' (expected mri, ct, spect, pet, fused or unknown)");
}

}  // namespace edgefuse
