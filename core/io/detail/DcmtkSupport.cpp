// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/detail/DcmtkSupport.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvr.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <cmath>
#include <cstdlib>
#include <mutex>

namespace edgefuse::detail {

void ensureDcmtkReady() {
  static std::once_flag once;
  std::call_once(once, [] {
    // DCMTK prints its own warnings and errors on the console; EdgeFuse turns
    // every failure into an Error value with its own message instead.
    OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    // Attributes a writer stored with VR UN are read with their dictionary VR
    // (e.g. a Modality "RTDOSE" stored as UN), as DICOM PS3.5 6.2.2 permits.
    dcmEnableUnknownVRConversion.set(OFTrue);
    // The decoders are registered once for the process and never removed:
    // deregistering while another thread decodes is not allowed.
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
  });
}

namespace {

struct SyntaxName {
  const char* uid;
  const char* name;
  bool decodable;
};

// The transfer syntaxes of PS3.6 Table A-1 that images use. "decodable"
// says whether DCMTK 3.6.7 with the registered codecs reads the pixels.
constexpr SyntaxName kSyntaxes[] = {
    {"1.2.840.10008.1.2", "Implicit VR Little Endian", true},
    {"1.2.840.10008.1.2.1", "Explicit VR Little Endian", true},
    {"1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true},
    {"1.2.840.10008.1.2.2", "Explicit VR Big Endian", true},
    {"1.2.840.10008.1.2.4.50", "JPEG Baseline", true},
    {"1.2.840.10008.1.2.4.51", "JPEG Extended", true},
    {"1.2.840.10008.1.2.4.53", "JPEG Spectral Selection", true},
    {"1.2.840.10008.1.2.4.55", "JPEG Full Progression", true},
    {"1.2.840.10008.1.2.4.57", "JPEG Lossless", true},
    {"1.2.840.10008.1.2.4.70", "JPEG Lossless SV1", true},
    {"1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true},
    {"1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true},
    {"1.2.840.10008.1.2.5", "RLE Lossless", true},
    // DCMTK 3.6.7 has no decoder for these.
    {"1.2.840.10008.1.2.4.90", "JPEG 2000", false},
    {"1.2.840.10008.1.2.4.91", "JPEG 2000", false},
    {"1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2", false},
    {"1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2", false},
    {"1.2.840.10008.1.2.4.94", "JPIP", false},
    {"1.2.840.10008.1.2.4.95", "JPIP Deflate", false},
    {"1.2.840.10008.1.2.4.100", "MPEG2", false},
    {"1.2.840.10008.1.2.4.101", "MPEG2 High Level", false},
    {"1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264", false},
    {"1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD", false},
    {"1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 2D", false},
    {"1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 3D", false},
    {"1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo", false},
    {"1.2.840.10008.1.2.4.107", "HEVC/H.265 Main", false},
    {"1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10", false},
    {"1.2.840.10008.1.2.4.110", "JPEG XL Lossless", false},
    {"1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", false},
    {"1.2.840.10008.1.2.4.112", "JPEG XL", false},
    {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000", false},
    {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000", false},
    {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", false},
    {"1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", false},
};

}  // namespace

std::string transferSyntaxName(const std::string& uid) {
  for (const auto& s : kSyntaxes) {
    if (uid == s.uid) return s.name;
  }
  return uid;
}

bool canDecodeTransferSyntax(const std::string& uid) {
  for (const auto& s : kSyntaxes) {
    if (uid == s.uid) return s.decodable;
  }
  return false;
}

std::string stringValue(DcmItem& item, const DcmTagKey& tag, unsigned long pos) {
  OFString value;
  if (item.findAndGetOFString(tag, value, pos).bad()) return {};
  std::string s(value.c_str(), value.length());
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::string allValues(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) return {};
  std::string s(value.c_str(), value.length());
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

unsigned long valueCount(DcmItem& item, const DcmTagKey& tag) {
  DcmElement* element = nullptr;
  if (item.findAndGetElement(tag, element).bad() || element == nullptr) return 0;
  return element->getVM();
}

std::optional<double> numberValue(DcmItem& item, const DcmTagKey& tag, unsigned long pos) {
  DcmElement* element = nullptr;
  if (item.findAndGetElement(tag, element).bad() || element == nullptr || element->getLength() == 0) {
    return std::nullopt;
  }
  double value = 0.0;
  switch (element->ident()) {
    case EVR_US: {
      Uint16 v = 0;
      if (element->getUint16(v, pos).bad()) return std::nullopt;
      value = v;
      break;
    }
    case EVR_SS: {
      Sint16 v = 0;
      if (element->getSint16(v, pos).bad()) return std::nullopt;
      value = v;
      break;
    }
    case EVR_UL: {
      Uint32 v = 0;
      if (element->getUint32(v, pos).bad()) return std::nullopt;
      value = v;
      break;
    }
    case EVR_SL: {
      Sint32 v = 0;
      if (element->getSint32(v, pos).bad()) return std::nullopt;
      value = v;
      break;
    }
    case EVR_FL: {
      Float32 v = 0;
      if (element->getFloat32(v, pos).bad()) return std::nullopt;
      value = v;
      break;
    }
    case EVR_FD: {
      Float64 v = 0;
      if (element->getFloat64(v, pos).bad()) return std::nullopt;
      value = v;
      break;
    }
    default: {
      // DS, IS and anything else stored as text: parse it strictly.
      OFString text;
      if (element->getOFString(text, pos).bad()) return std::nullopt;
      std::string s(text.c_str(), text.length());
      const auto first = s.find_first_not_of(' ');
      if (first == std::string::npos) return std::nullopt;
      s = s.substr(first, s.find_last_not_of(' ') - first + 1);
      char* end = nullptr;
      value = std::strtod(s.c_str(), &end);
      if (end == s.c_str() || *end != '\0') return std::nullopt;
      break;
    }
  }
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

bool hasMalformedNumber(DcmItem& item, const DcmTagKey& tag) {
  DcmElement* element = nullptr;
  if (item.findAndGetElement(tag, element).bad() || element == nullptr || element->getLength() == 0) return false;
  return !numberValue(item, tag, 0).has_value();
}

DcmItem* sequenceItem(DcmItem& item, const DcmTagKey& sequence, unsigned long index) {
  DcmItem* found = nullptr;
  if (item.findAndGetSequenceItem(sequence, found, static_cast<signed long>(index)).bad()) return nullptr;
  return found;
}

std::string newUid(const char* root) {
  char buffer[100];
  dcmGenerateUniqueIdentifier(buffer, root);
  return buffer;
}

}  // namespace edgefuse::detail
