// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/io: building and saving DICOM datasets, shared by the
// derived-series writer and the Spatial Registration writer. Included only
// by core/io .cpp files (DCMTK types are not part of the API).

#include <dcmtk/config/osconfig.h>  // must precede every other DCMTK header
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <string>

#include "core/base/Error.h"

namespace edgefuse::detail {

/// Writes every attribute into one item, or remembers the first failure.
class DatasetBuilder {
 public:
  explicit DatasetBuilder(DcmItem& item) : m_item(item) {}
  void put(const DcmTagKey& tag, const std::string& value) {
    if (m_status.good()) m_status = m_item.putAndInsertString(tag, value.c_str());
  }
  void putUint16(const DcmTagKey& tag, Uint16 value) {
    if (m_status.good()) m_status = m_item.putAndInsertUint16(tag, value);
  }
  /// A new item appended to `sequence` (created when absent), or nullptr.
  DcmItem* newItem(const DcmTagKey& sequence) {
    DcmItem* item = nullptr;
    if (m_status.good()) m_status = m_item.findOrCreateSequenceItem(sequence, item, -2);
    return m_status.good() ? item : nullptr;
  }
  /// Takes over the first failure of a builder of a nested item.
  void adopt(const DatasetBuilder& nested) {
    if (m_status.good() && nested.m_status.bad()) m_status = nested.m_status;
  }
  OFCondition& status() { return m_status; }

 private:
  DcmItem& m_item;
  OFCondition m_status = EC_Normal;
};

/// LO/SH/CS values may not hold backslashes (the value separator) and have
/// length limits; our own texts are cut to fit.
std::string fitText(std::string s, std::size_t maxLength, bool multiValueSafe);

/// Local date (YYYYMMDD) and time (HHMMSS) of now.
struct Now {
  std::string date;
  std::string time;
};
Now now();

/// A UID as PS3.5 9.1 defines it: digits and dots, at most 64 characters, no
/// empty component, no leading zero in a component.
bool isValidUid(const std::string& uid);

/// A Decimal String value (at most 16 characters, PS3.5 6.2) as close to `v`
/// as 16 characters allow.
std::string decimalString(double v);

/// Saves a file as Explicit VR Little Endian (WriteFailed on failure).
Expected<void> saveDataset(DcmFileFormat& file, const std::string& path);

}  // namespace edgefuse::detail
