#pragma once

#include <string>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/fusion/FusionTypes.h"
#include "core/io/Provenance.h"

namespace edgefuse {

/// Provenance of a fusion result; `sources` are what identifies the inputs
/// (file names when anonymising, the full paths or UIDs otherwise).
Provenance provenanceOf(const FusionResult& result, const std::vector<std::string>& sources);

/// Writes a fusion result as PNG (16-bit grey or 8-bit RGB) with provenance
/// text chunks, atomically, refusing to overwrite the sources.
Expected<void> exportFusedPng(const FusionResult& result, const std::string& path,
                              const std::vector<std::string>& sourcePaths, const OutputPolicy& policy);

}  // namespace edgefuse
