// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/detail/DicomBuild.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace edgefuse::detail {

std::string fitText(std::string s, std::size_t maxLength, bool multiValueSafe) {
  if (multiValueSafe) std::replace(s.begin(), s.end(), '\\', '/');
  if (s.size() > maxLength) s.resize(maxLength);
  return s;
}

Now now() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char date[16], time[16];
  std::strftime(date, sizeof date, "%Y%m%d", &local);
  std::strftime(time, sizeof time, "%H%M%S", &local);
  return {date, time};
}

bool isValidUid(const std::string& uid) {
  if (uid.empty() || uid.size() > 64 || uid.front() == '.' || uid.back() == '.') return false;
  for (std::size_t i = 0; i < uid.size(); ++i) {
    const char c = uid[i];
    if (c == '.') {
      if (uid[i + 1] == '.') return false;
    } else if (c < '0' || c > '9') {
      return false;
    } else if (c == '0' && (i == 0 || uid[i - 1] == '.') && i + 1 < uid.size() && uid[i + 1] != '.') {
      return false;
    }
  }
  return true;
}

std::string decimalString(double v) {
  if (!std::isfinite(v)) return "0";
  if (std::abs(v) < 1e-12) v = 0.0;
  char buffer[40];
  for (int digits = 15; digits > 0; --digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    if (std::char_traits<char>::length(buffer) <= 16) return buffer;
  }
  return "0";
}

Expected<void> saveDataset(DcmFileFormat& file, const std::string& path) {
  const OFCondition status =
      file.saveFile(OFFilename(path.c_str()), EXS_LittleEndianExplicit, EET_ExplicitLength, EGL_withoutGL);
  if (status.bad())
    return fail(ErrorCode::WriteFailed, std::string("cannot write the DICOM file: ") + status.text(), path);
  return {};
}

}  // namespace edgefuse::detail
