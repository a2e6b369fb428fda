// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once
// Internal to core/io: DCMTK glue shared by the DICOM reader and writer.
// Included only by core/io .cpp files (DCMTK types are not part of the API).

#include <dcmtk/config/osconfig.h>  // must precede every other DCMTK header
#include <dcmtk/dcmdata/dcitem.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace edgefuse::detail {

/// Largest number of samples (rows × columns × samples per pixel × frames)
/// one read may decode: 2^28 samples, 1 GiB as float. Headers asking for
/// more are refused before anything is allocated.
inline constexpr std::uint64_t kMaxDecodedSamples = std::uint64_t{1} << 28;

/// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and quietens DCMTK's
/// console logger (EdgeFuse reports errors itself). Idempotent and
/// thread-safe (std::call_once); every DCMTK user calls it first.
void ensureDcmtkReady();

/// A short human name of a transfer syntax UID ("JPEG 2000", "RLE Lossless",
/// …), or the UID itself when unknown.
std::string transferSyntaxName(const std::string& uid);

/// True when EdgeFuse (DCMTK 3.6.7 with the registered codecs) can decode
/// pixel data in this transfer syntax.
bool canDecodeTransferSyntax(const std::string& uid);

/// Trimmed string value `pos` of an attribute, or "" when absent.
std::string stringValue(DcmItem& item, const DcmTagKey& tag, unsigned long pos = 0);

/// All values of an attribute joined with backslashes, or "".
std::string allValues(DcmItem& item, const DcmTagKey& tag);

/// Number of values of an attribute (0 when absent or empty).
unsigned long valueCount(DcmItem& item, const DcmTagKey& tag);

/// Value `pos` of a numeric attribute (DS, IS, US, SS, UL, SL, FL, FD), or
/// nullopt when absent, empty, not a number or not finite.
std::optional<double> numberValue(DcmItem& item, const DcmTagKey& tag, unsigned long pos = 0);

/// True when the attribute is present with a value that is not a number
/// (e.g. NumberOfFrames "1A"), so that callers can report malformed data.
bool hasMalformedNumber(DcmItem& item, const DcmTagKey& tag);

/// Item `index` of a sequence attribute, or nullptr.
DcmItem* sequenceItem(DcmItem& item, const DcmTagKey& sequence, unsigned long index = 0);

/// A new UID from DCMTK's generator under `root` (e.g. SITE_SERIES_UID_ROOT).
std::string newUid(const char* root);

}  // namespace edgefuse::detail
