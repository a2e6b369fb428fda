// SPDX-License-Identifier: GPL-3.0-or-later

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
/// text chunks, atomically, refusing to overwrite the sources. The text holds
/// no patient data from the files, but names the sources by file name; with
/// `anonymize` it calls them "A" and "B" and no text (notes included) names a
/// source path or file name, since file names often carry patient names.
Expected<void> exportFusedPng(const FusionResult& result, const std::string& path,
                              const std::vector<std::string>& sourcePaths, const OutputPolicy& policy,
                              bool anonymize = false);

/// What may never be written over or into when exporting from these sources:
/// each source path, and the folder of each DICOM source file (a series
/// folder must not gain a foreign series). Thread-safe.
std::vector<std::string> protectedSourcePaths(const std::vector<ImageMeta>& sources);

/// Files an export wrote, and what the user should know about it.
struct ExportReport {
  std::vector<std::string> files;
  std::vector<std::string> notes;
};

/// Writes fusion results as a new DICOM Secondary Capture series in the study
/// of the anatomical source A (see writeDerivedDicomSeries and docs/dicom.md):
/// `results[i]` was fused from `sourcesA[i]` and `sourcesB[i]`; both are
/// referenced in SourceImageSequence; provenance goes into
/// DerivationDescription and ImageComments with the "not for primary
/// diagnosis" statement. One result: `path` is the file; several (a volume,
/// in slice order): `path` is the series folder. `anonymize` applies the
/// PS3.15 basic profile. Never writes over or into a source (see
/// protectedSourcePaths). Thread-safe.
Expected<ExportReport> exportFusedDicom(const std::vector<FusionResult>& results,
                                        const std::vector<ImageMeta>& sourcesA, const std::vector<ImageMeta>& sourcesB,
                                        const std::string& path, bool anonymize, const OutputPolicy& policy);

/// Writes the fused slices of a volume as PNG files 0001.png, … into a new
/// folder `path`, atomically (see writeFolderAtomically), each with
/// provenance text chunks (`anonymize` as for exportFusedPng). Thread-safe.
Expected<ExportReport> exportFusedPngSeries(const std::vector<FusionResult>& results,
                                            const std::vector<std::string>& sourcePaths, const std::string& path,
                                            const OutputPolicy& policy, bool anonymize = false);

}  // namespace edgefuse
