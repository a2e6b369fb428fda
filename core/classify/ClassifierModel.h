// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"

namespace edgefuse {

/// Resolves a classifier model specification to its checked manifest,
/// without loading the network:
/// - empty: the shipped default (kDefaultClassifierName);
/// - a folder that holds model.json: a project or plug-in model;
/// - a plain name: resources/models/<name> of the installation or build.
/// Checks model.json (format, labels, input shape, preprocessing, saliency)
/// and the sha256 of the weights file; every problem is a ModelNotFound,
/// ModelInvalid or ChecksumMismatch error that names the field or file.
/// Thread-safe.
Expected<ClassifierModelInfo> resolveClassifierModel(const std::string& spec);

/// Parses and checks the text of a model.json that lies in the folder `dir`.
/// Reads no files: the weights' checksum is left to resolveClassifierModel.
Expected<ClassifierModelInfo> parseClassifierManifest(const std::string& manifestText, const std::string& dir);

/// Whether an image of `kind` lies outside what `model` was trained on, and
/// the sentence that says so (see Classification::note). `colour` is true for
/// a colour (RGB) image, which is never a plain MRI slice. Thread-safe.
struct DistributionCheck {
  ImageKind kind = ImageKind::Unknown;  ///< the kind after inference from the image
  bool outOfDistribution = false;
  std::string note;
};
DistributionCheck checkDistribution(const ClassifierModelInfo& model, ImageKind kind, const std::string& dicomModality,
                                    bool colour);

}  // namespace edgefuse
