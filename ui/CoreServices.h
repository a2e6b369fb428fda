// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

#include "ui/Services.h"

namespace edgefuse::ui {

/// The services of core/ for the workstation: every metric of core/metrics
/// (conventions from its catalogue), the tumour classifier `classifierModel`
/// (empty = the shipped one; loaded on first use, on the worker thread, with
/// Grad-CAM saliency), and the derived DICOM export of core/pipeline. A
/// classifier that cannot be loaded stays "available" and reports the load
/// error with each classification, so the reader sees why.
Services makeCoreServices(const std::string& classifierModel = {});

}  // namespace edgefuse::ui
