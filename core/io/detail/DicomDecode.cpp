// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/detail/DicomDecode.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/image/Windowing.h"
#include "core/io/detail/DicomLengthCheck.h"

namespace edgefuse::detail {
namespace {

// Values longer than this stay in the file until used (the pixel data), so
// that scanning a folder reads headers only.
constexpr Uint32 kLazyLoadBytes = 4096;

// CT values are clipped to this HU interval for the nominal range: air is
// -1000 HU, dense cortical bone ~3000 HU; 12-bit scanners store -1024..3071.
constexpr double kCtNominalMinHu = -1024.0;
constexpr double kCtNominalMaxHu = 3071.0;

std::string tagText(const DcmTagKey& tag) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "(%04X,%04X)", tag.getGroup(), tag.getElement());
  return buffer;
}

bool hasDicmMagic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[132] = {};
  in.read(header, sizeof header);
  return in.gcount() == 132 && std::string(header + 128, 4) == "DICM";
}

template <std::size_t N>
std::optional<std::array<double, N>> numbers(DcmItem* item, const DcmTagKey& tag) {
  if (item == nullptr || valueCount(*item, tag) < N) return std::nullopt;
  std::array<double, N> values{};
  for (std::size_t i = 0; i < N; ++i) {
    auto v = numberValue(*item, tag, static_cast<unsigned long>(i));
    if (!v) return std::nullopt;
    values[i] = *v;
  }
  return values;
}

// A functional group macro of an enhanced multi-frame object: the per-frame
// group of `frame` wins over the shared group.
DcmItem* groupMacro(DcmDataset& ds, unsigned long frame, const DcmTagKey& macro) {
  if (DcmItem* perFrame = sequenceItem(ds, DCM_PerFrameFunctionalGroupsSequence, frame)) {
    if (DcmItem* m = sequenceItem(*perFrame, macro)) return m;
  }
  if (DcmItem* shared = sequenceItem(ds, DCM_SharedFunctionalGroupsSequence)) {
    if (DcmItem* m = sequenceItem(*shared, macro)) return m;
  }
  return nullptr;
}

struct Layout {
  int rows = 0;
  int columns = 0;
  int samplesPerPixel = 1;
  int bitsAllocated = 0;
  int bitsStored = 0;
  int highBit = 0;
  bool isSigned = false;
  int planarConfiguration = 0;
  std::string photometric;
  std::uint64_t frames = 1;

  std::uint64_t pixelsPerFrame() const {
    return static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(columns);
  }
  bool isSubsampled422() const { return photometric == "YBR_FULL_422" || photometric == "YBR_PARTIAL_422"; }
  // Bytes of one uncompressed frame (not used for 1-bit data, which packs
  // frames without byte alignment).
  std::uint64_t frameBytes() const {
    const std::uint64_t samples = isSubsampled422() ? pixelsPerFrame() * 2 : pixelsPerFrame() * samplesPerPixel;
    return samples * static_cast<std::uint64_t>(bitsAllocated / 8);
  }
};

// Raw sample `index` of a little-endian buffer. `swapWords` repairs 32-bit
// values of a big-endian OW element, which DCMTK swaps as 16-bit words.
std::uint32_t rawSample(const std::uint8_t* p, std::size_t index, int bitsAllocated, bool swapWords) {
  switch (bitsAllocated) {
    case 8:
      return p[index];
    case 16:
      return static_cast<std::uint32_t>(p[2 * index]) | (static_cast<std::uint32_t>(p[2 * index + 1]) << 8);
    default: {
      const std::uint8_t* q = p + 4 * index;
      std::uint32_t v = static_cast<std::uint32_t>(q[0]) | (static_cast<std::uint32_t>(q[1]) << 8) |
                        (static_cast<std::uint32_t>(q[2]) << 16) | (static_cast<std::uint32_t>(q[3]) << 24);
      if (swapWords) v = (v >> 16) | (v << 16);
      return v;
    }
  }
}

// The stored value: BitsStored bits ending at HighBit, sign-extended when
// PixelRepresentation is 1.
double storedValue(std::uint32_t raw, const Layout& layout) {
  const int shift = layout.highBit + 1 - layout.bitsStored;
  const std::uint64_t mask = (std::uint64_t{1} << layout.bitsStored) - 1;
  const std::uint64_t v = (static_cast<std::uint64_t>(raw) >> shift) & mask;
  if (layout.isSigned && ((v >> (layout.bitsStored - 1)) & 1U) != 0) {
    return static_cast<double>(static_cast<std::int64_t>(v) - (std::int64_t{1} << layout.bitsStored));
  }
  return static_cast<double>(v);
}

struct Lut {
  std::vector<double> entries;
  double firstMapped = 0.0;
  int bits = 16;
  double lookup(double index) const {
    const double i = std::clamp(index - firstMapped, 0.0, static_cast<double>(entries.size() - 1));
    return entries[static_cast<std::size_t>(i)];
  }
};

// Expands segmented palette data (PS3.3 C.7.9.2): discrete and linear
// segments; indirect segments are refused.
Expected<std::vector<double>> expandSegmented(const Uint16* words, unsigned long count, std::size_t entries,
                                              const std::string& path) {
  std::vector<double> out;
  unsigned long i = 0;
  while (i + 1 < count && out.size() < entries) {
    const Uint16 opcode = words[i];
    const Uint16 length = words[i + 1];
    i += 2;
    if (opcode == 0) {
      for (Uint16 k = 0; k < length && i < count; ++k) out.push_back(words[i++]);
    } else if (opcode == 1) {
      if (out.empty() || i >= count)
        return fail(ErrorCode::MalformedData, "segmented palette starts with a ramp", path);
      const double y0 = out.back();
      const double y1 = words[i++];
      for (Uint16 k = 1; k <= length; ++k) out.push_back(y0 + (y1 - y0) * k / length);
    } else {
      return fail(ErrorCode::UnsupportedFormat, "segmented palette with indirect segments is not supported", path);
    }
  }
  if (out.size() < entries)
    return fail(ErrorCode::MalformedData, "segmented palette data shorter than its descriptor", path);
  out.resize(entries);
  return out;
}

Expected<Lut> readLut(DcmItem& item, const DcmTagKey& descriptorTag, const DcmTagKey& dataTag,
                      const std::optional<DcmTagKey>& segmentedTag, const std::string& what, const std::string& path) {
  auto descriptor = numbers<3>(&item, descriptorTag);
  if (!descriptor)
    return fail(ErrorCode::MalformedData, what + " descriptor " + tagText(descriptorTag) + " missing or malformed",
                path);
  Lut lut;
  const auto n = static_cast<std::size_t>((*descriptor)[0] == 0 ? 65536 : (*descriptor)[0]);
  lut.firstMapped = (*descriptor)[1];
  lut.bits = static_cast<int>((*descriptor)[2]);
  if (lut.bits != 8 && lut.bits != 16) {
    return fail(ErrorCode::UnsupportedFormat,
                what + " with " + std::to_string(lut.bits) + " bits per entry is not supported", path);
  }
  DcmElement* element = nullptr;
  bool segmented = false;
  if (item.findAndGetElement(dataTag, element).bad() || element == nullptr) {
    if (segmentedTag && item.findAndGetElement(*segmentedTag, element).good() && element != nullptr) {
      segmented = true;
    } else {
      return fail(ErrorCode::MalformedData, what + " data " + tagText(dataTag) + " missing", path);
    }
  }
  Uint16* words = nullptr;
  if (element->getUint16Array(words).bad() || words == nullptr) {
    return fail(ErrorCode::MalformedData, what + " data cannot be read", path);
  }
  const unsigned long count = element->getLength() / 2;
  if (segmented) {
    auto expanded = expandSegmented(words, count, n, path);
    if (!expanded) return tl::unexpected(expanded.error());
    lut.entries = std::move(*expanded);
  } else if (lut.bits == 16 || count >= n) {
    if (count < n) return fail(ErrorCode::MalformedData, what + " data shorter than its descriptor", path);
    lut.entries.assign(words, words + n);
    if (lut.bits == 8) {
      // One 8-bit entry per word; some writers put it in the high byte.
      const bool highByte = std::all_of(lut.entries.begin(), lut.entries.end(),
                                        [](double v) { return static_cast<Uint16>(v) % 256 == 0; }) &&
                            std::any_of(lut.entries.begin(), lut.entries.end(), [](double v) { return v > 255; });
      for (double& v : lut.entries) v = highByte ? std::floor(v / 256) : std::fmod(v, 256.0);
    }
  } else {
    // 8-bit entries packed two per word (little-endian byte order).
    if (count * 2 < n) return fail(ErrorCode::MalformedData, what + " data shorter than its descriptor", path);
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(words);
    lut.entries.assign(bytes, bytes + n);
  }
  return lut;
}

std::string describeObject(DcmDataset& ds) {
  const std::string sopClass = stringValue(ds, DCM_SOPClassUID);
  const std::string modality = stringValue(ds, DCM_Modality);
  const char* name = sopClass.empty() ? nullptr : dcmFindNameOfUID(sopClass.c_str(), nullptr);
  std::string text = modality.empty() ? std::string("DICOM") : modality;
  if (name != nullptr) text += std::string(" (") + name + ")";
  return text;
}

ImageIdentity readIdentity(DcmDataset& ds) {
  ImageIdentity id;
  id.patientName = stringValue(ds, DCM_PatientName);
  id.patientId = stringValue(ds, DCM_PatientID);
  id.patientBirthDate = stringValue(ds, DCM_PatientBirthDate);
  id.patientSex = stringValue(ds, DCM_PatientSex);
  id.studyInstanceUid = stringValue(ds, DCM_StudyInstanceUID);
  id.seriesInstanceUid = stringValue(ds, DCM_SeriesInstanceUID);
  id.sopInstanceUid = stringValue(ds, DCM_SOPInstanceUID);
  id.sopClassUid = stringValue(ds, DCM_SOPClassUID);
  id.frameOfReferenceUid = stringValue(ds, DCM_FrameOfReferenceUID);
  id.studyId = stringValue(ds, DCM_StudyID);
  id.studyDate = stringValue(ds, DCM_StudyDate);
  id.studyTime = stringValue(ds, DCM_StudyTime);
  id.studyDescription = stringValue(ds, DCM_StudyDescription);
  id.seriesDate = stringValue(ds, DCM_SeriesDate);
  id.seriesTime = stringValue(ds, DCM_SeriesTime);
  id.seriesDescription = stringValue(ds, DCM_SeriesDescription);
  id.acquisitionDate = stringValue(ds, DCM_AcquisitionDate);
  id.contentDate = stringValue(ds, DCM_ContentDate);
  id.accessionNumber = stringValue(ds, DCM_AccessionNumber);
  id.referringPhysicianName = stringValue(ds, DCM_ReferringPhysicianName);
  id.bodyPartExamined = stringValue(ds, DCM_BodyPartExamined);
  id.laterality = stringValue(ds, DCM_Laterality);
  id.specificCharacterSet = allValues(ds, DCM_SpecificCharacterSet);
  id.manufacturer = stringValue(ds, DCM_Manufacturer);
  id.institutionName = stringValue(ds, DCM_InstitutionName);
  if (auto n = numberValue(ds, DCM_SeriesNumber)) id.seriesNumber = static_cast<int>(*n);
  if (auto n = numberValue(ds, DCM_InstanceNumber)) id.instanceNumber = static_cast<int>(*n);
  return id;
}

// Header checks that need no pixel access; everything a hostile or broken
// header could use to make us allocate or index wrongly is refused here.
Expected<Layout> readLayout(DcmDataset& ds, const std::string& path, std::vector<std::string>& notes) {
  Layout layout;
  const auto rows = numberValue(ds, DCM_Rows);
  const auto columns = numberValue(ds, DCM_Columns);
  if (!rows || !columns || *rows < 1 || *columns < 1) {
    return fail(ErrorCode::MalformedData, "Rows (0028,0010) or Columns (0028,0011) missing or zero", path);
  }
  layout.rows = static_cast<int>(*rows);
  layout.columns = static_cast<int>(*columns);
  layout.samplesPerPixel = static_cast<int>(numberValue(ds, DCM_SamplesPerPixel).value_or(1));
  if (layout.samplesPerPixel != 1 && layout.samplesPerPixel != 3) {
    return fail(ErrorCode::UnsupportedFormat,
                "SamplesPerPixel " + std::to_string(layout.samplesPerPixel) + " is not supported (only 1 or 3)", path);
  }
  const auto bitsAllocated = numberValue(ds, DCM_BitsAllocated);
  if (!bitsAllocated) return fail(ErrorCode::MalformedData, "BitsAllocated (0028,0100) missing", path);
  layout.bitsAllocated = static_cast<int>(*bitsAllocated);
  if (layout.bitsAllocated != 1 && layout.bitsAllocated != 8 && layout.bitsAllocated != 16 &&
      layout.bitsAllocated != 32) {
    return fail(ErrorCode::UnsupportedFormat,
                "BitsAllocated " + std::to_string(layout.bitsAllocated) + " is not supported (only 1, 8, 16, 32)",
                path);
  }
  layout.bitsStored = static_cast<int>(numberValue(ds, DCM_BitsStored).value_or(layout.bitsAllocated));
  layout.highBit = static_cast<int>(numberValue(ds, DCM_HighBit).value_or(layout.bitsStored - 1));
  if (layout.bitsStored < 1 || layout.bitsStored > layout.bitsAllocated || layout.highBit < layout.bitsStored - 1 ||
      layout.highBit > layout.bitsAllocated - 1) {
    return fail(ErrorCode::MalformedData,
                "inconsistent BitsAllocated/BitsStored/HighBit (" + std::to_string(layout.bitsAllocated) + "/" +
                    std::to_string(layout.bitsStored) + "/" + std::to_string(layout.highBit) + ")",
                path);
  }
  const double representation = numberValue(ds, DCM_PixelRepresentation).value_or(0);
  if (representation != 0 && representation != 1) {
    return fail(ErrorCode::MalformedData, "PixelRepresentation (0028,0103) must be 0 or 1", path);
  }
  layout.isSigned = representation == 1;
  layout.planarConfiguration = static_cast<int>(numberValue(ds, DCM_PlanarConfiguration).value_or(0));
  layout.photometric = stringValue(ds, DCM_PhotometricInterpretation);
  if (layout.photometric.empty()) {
    layout.photometric = layout.samplesPerPixel == 3 ? "RGB" : "MONOCHROME2";
    notes.push_back("PhotometricInterpretation missing: " + layout.photometric + " assumed");
  }
  if (hasMalformedNumber(ds, DCM_NumberOfFrames)) {
    return fail(ErrorCode::MalformedData,
                "NumberOfFrames (0028,0008) is not a number: '" + stringValue(ds, DCM_NumberOfFrames) + "'", path);
  }
  const double frames = numberValue(ds, DCM_NumberOfFrames).value_or(1.0);
  if (frames < 1 || frames != std::floor(frames) || frames > 4294967295.0) {
    return fail(ErrorCode::MalformedData, "NumberOfFrames (0028,0008) must be a whole number of at least 1", path);
  }
  layout.frames = static_cast<std::uint64_t>(frames);

  const std::string& pi = layout.photometric;
  const bool mono = pi == "MONOCHROME1" || pi == "MONOCHROME2";
  const bool colour = pi == "RGB" || pi == "YBR_FULL" || pi == "YBR_FULL_422" || pi == "YBR_PARTIAL_422" ||
                      pi == "YBR_PARTIAL_420" || pi == "YBR_ICT" || pi == "YBR_RCT";
  if (!mono && !colour && pi != "PALETTE COLOR") {
    return fail(ErrorCode::UnsupportedFormat, "photometric interpretation " + pi + " is not supported", path);
  }
  if ((colour && layout.samplesPerPixel != 3) || (!colour && layout.samplesPerPixel != 1)) {
    return fail(ErrorCode::MalformedData,
                pi + " with SamplesPerPixel " + std::to_string(layout.samplesPerPixel) + " is inconsistent", path);
  }
  if (layout.bitsAllocated == 1 && !mono) {
    return fail(ErrorCode::UnsupportedFormat, "1-bit pixel data is supported for monochrome images only", path);
  }
  if (layout.isSubsampled422() && layout.columns % 2 != 0) {
    return fail(ErrorCode::MalformedData, pi + " needs an even number of columns", path);
  }
  const std::uint64_t samples =
      layout.pixelsPerFrame() * static_cast<std::uint64_t>(layout.samplesPerPixel) * layout.frames;
  if (samples > kMaxDecodedSamples) {
    return fail(ErrorCode::ImageTooLarge,
                "the header declares " + std::to_string(layout.rows) + "x" + std::to_string(layout.columns) + "x" +
                    std::to_string(layout.samplesPerPixel) + " samples x " + std::to_string(layout.frames) +
                    " frames, more than EdgeFuse's limit of " + std::to_string(kMaxDecodedSamples) + " samples",
                path);
  }
  return layout;
}

// The modality LUT of one frame: a table, or slope/intercept.
struct ModalityMapping {
  std::optional<Lut> table;
  double slope = 1.0;
  double intercept = 0.0;
  std::string units;
  double apply(double stored) const { return table ? table->lookup(stored) : stored * slope + intercept; }
};

Expected<ModalityMapping> readModalityMapping(DcmDataset& ds, unsigned long frame, const std::string& modality,
                                              const std::string& path, std::vector<std::string>& notes) {
  ModalityMapping m;
  if (DcmItem* lutItem = sequenceItem(ds, DCM_ModalityLUTSequence)) {
    auto lut = readLut(*lutItem, DCM_LUTDescriptor, DCM_LUTData, std::nullopt, "Modality LUT", path);
    if (!lut) return tl::unexpected(lut.error());
    m.table = std::move(*lut);
    m.units = stringValue(*lutItem, DCM_ModalityLUTType);
    if (frame == 0) notes.push_back("Modality LUT Sequence applied");
    return m;
  }
  DcmItem* source = groupMacro(ds, frame, DCM_PixelValueTransformationSequence);
  if (source == nullptr) source = &ds;
  const auto slope = numberValue(*source, DCM_RescaleSlope);
  const auto intercept = numberValue(*source, DCM_RescaleIntercept);
  if (hasMalformedNumber(*source, DCM_RescaleSlope) || hasMalformedNumber(*source, DCM_RescaleIntercept)) {
    return fail(ErrorCode::MalformedData, "RescaleSlope/RescaleIntercept (0028,1053/1052) is not a number", path);
  }
  m.slope = slope.value_or(1.0);
  m.intercept = intercept.value_or(0.0);
  if (m.slope == 0.0) return fail(ErrorCode::MalformedData, "RescaleSlope (0028,1053) is zero", path);
  std::string rescaleType = stringValue(*source, DCM_RescaleType);
  if (modality == "RTDOSE") {
    if (auto scaling = numberValue(ds, DCM_DoseGridScaling)) m.slope = *scaling;
    m.units = stringValue(ds, DCM_DoseUnits);
  } else if (!rescaleType.empty() && rescaleType != "US") {
    m.units = rescaleType;
  } else if (modality == "CT" && rescaleType.empty()) {
    m.units = "HU";
  } else if (modality == "PT") {
    m.units = stringValue(ds, DCM_Units);
  }
  if (frame == 0) {
    if (modality == "CT" && rescaleType == "US") {
      notes.push_back("CT with RescaleType US (unspecified): values are not necessarily HU");
    }
    if (modality == "CT" && !slope && !intercept) notes.push_back("CT without RescaleSlope/Intercept: 1/0 assumed");
  }
  return m;
}

struct FrameGeometry {
  std::optional<std::array<double, 3>> position;
  std::optional<std::array<double, 6>> orientation;
  std::optional<std::array<double, 2>> spacing;
  std::optional<double> thickness;
};

FrameGeometry readGeometry(DcmDataset& ds, unsigned long frame) {
  FrameGeometry g;
  DcmItem* measures = groupMacro(ds, frame, DCM_PixelMeasuresSequence);
  g.spacing = numbers<2>(measures, DCM_PixelSpacing);
  if (!g.spacing) g.spacing = numbers<2>(&ds, DCM_PixelSpacing);
  if (measures != nullptr) g.thickness = numberValue(*measures, DCM_SliceThickness);
  if (!g.thickness) g.thickness = numberValue(ds, DCM_SliceThickness);
  g.position = numbers<3>(groupMacro(ds, frame, DCM_PlanePositionSequence), DCM_ImagePositionPatient);
  if (!g.position) g.position = numbers<3>(&ds, DCM_ImagePositionPatient);
  g.orientation = numbers<6>(groupMacro(ds, frame, DCM_PlaneOrientationSequence), DCM_ImageOrientationPatient);
  if (!g.orientation) g.orientation = numbers<6>(&ds, DCM_ImageOrientationPatient);
  // RT Dose (and other legacy multi-frame volumes): frame offsets along the
  // slice normal from the first frame's position.
  if (frame > 0 && g.position && g.orientation && valueCount(ds, DCM_GridFrameOffsetVector) > frame) {
    if (auto offset = numberValue(ds, DCM_GridFrameOffsetVector, frame)) {
      const auto& o = *g.orientation;
      const std::array<double, 3> normal{o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5],
                                         o[0] * o[4] - o[1] * o[3]};
      auto first = numberValue(ds, DCM_GridFrameOffsetVector, 0).value_or(0.0);
      for (int k = 0; k < 3; ++k) (*g.position)[k] += (*offset - first) * normal[k];
    }
  }
  return g;
}

std::vector<WindowPreset> readWindows(DcmDataset& ds, unsigned long frame, std::vector<std::string>& notes) {
  DcmItem* source = groupMacro(ds, frame, DCM_FrameVOILUTSequence);
  if (source == nullptr) source = &ds;
  std::vector<WindowPreset> windows;
  const unsigned long n = std::min(valueCount(*source, DCM_WindowCenter), valueCount(*source, DCM_WindowWidth));
  for (unsigned long i = 0; i < n; ++i) {
    const auto center = numberValue(*source, DCM_WindowCenter, i);
    const auto width = numberValue(*source, DCM_WindowWidth, i);
    if (!center || !width || *width < 1.0) {
      if (frame == 0) notes.push_back("window " + std::to_string(i + 1) + " in the file is invalid: ignored");
      continue;
    }
    std::string name = stringValue(*source, DCM_WindowCenterWidthExplanation, i);
    if (name.empty()) name = "file " + std::to_string(i + 1);
    windows.push_back({name, *center, *width});
  }
  if (frame == 0 && sequenceItem(ds, DCM_VOILUTSequence) != nullptr) {
    notes.push_back("VOI LUT Sequence present: not applied (EdgeFuse uses windows only)");
  }
  return windows;
}

// Converts one decoded colour sample triple to RGB in place.
void ybrToRgb(double& a, double& b, double& c, double maxValue, bool partial) {
  const double half = (maxValue + 1.0) / 2.0;
  const double y = a, cb = b - half, cr = c - half;
  double r = 0, g = 0, bl = 0;
  if (partial) {  // BT.601 studio range, 8-bit
    const double ys = 1.164383 * (y - 16.0);
    r = ys + 1.596027 * cr;
    g = ys - 0.391762 * cb - 0.812968 * cr;
    bl = ys + 2.017232 * cb;
  } else {  // BT.601 full range (JFIF), as PS3.3 C.7.6.3.1.2 defines YBR_FULL
    r = y + 1.402 * cr;
    g = y - 0.344136 * cb - 0.714136 * cr;
    bl = y + 1.772 * cb;
  }
  // "+ 0.0" turns a rounded -0 into 0.
  a = std::clamp(std::round(r), 0.0, maxValue) + 0.0;
  b = std::clamp(std::round(g), 0.0, maxValue) + 0.0;
  c = std::clamp(std::round(bl), 0.0, maxValue) + 0.0;
}

}  // namespace

Expected<std::unique_ptr<DcmFileFormat>> loadDicomFile(const std::string& path) {
  ensureDcmtkReady();
  if (!dcmDataDict.isDictionaryLoaded()) {
    return fail(ErrorCode::Internal, "DCMTK's data dictionary is not loaded (check DCMDICTPATH)", path);
  }
  if (auto lengths = checkDeflatedElementLengths(path); !lengths) return tl::unexpected(lengths.error());
  auto file = std::make_unique<DcmFileFormat>();
  OFCondition status =
      file->loadFile(OFFilename(path.c_str()), EXS_Unknown, EGL_noChange, kLazyLoadBytes, ERM_autoDetect);
  if (status.good()) return file;
  if (!hasDicmMagic(path)) {
    // Without a file meta header DCMTK guesses the encoding from the first
    // bytes and can guess wrong (e.g. big endian); try the usual ones.
    for (E_TransferSyntax xfer : {EXS_LittleEndianImplicit, EXS_LittleEndianExplicit}) {
      auto retry = std::make_unique<DcmFileFormat>();
      if (retry->loadFile(OFFilename(path.c_str()), xfer, EGL_noChange, kLazyLoadBytes, ERM_dataset).good()) {
        return retry;
      }
    }
  }
  return fail(ErrorCode::MalformedData, std::string("truncated or malformed DICOM file: ") + status.text(), path);
}

bool isDicomDir(DcmFileFormat& file) {
  DcmMetaInfo* meta = file.getMetaInfo();
  if (meta != nullptr && stringValue(*meta, DCM_MediaStorageSOPClassUID) == UID_MediaStorageDirectoryStorage) {
    return true;
  }
  return file.getDataset() != nullptr && file.getDataset()->tagExists(DCM_DirectoryRecordSequence);
}

bool hasPixelData(DcmFileFormat& file) {
  return file.getDataset() != nullptr && file.getDataset()->tagExists(DCM_PixelData);
}

int declaredFrameCount(DcmFileFormat& file) {
  if (file.getDataset() == nullptr) return 1;
  const double frames = numberValue(*file.getDataset(), DCM_NumberOfFrames).value_or(1.0);
  return frames >= 1.0 && frames < 1e9 ? static_cast<int>(frames) : 1;
}

Expected<std::vector<Image>> decodeDicomImages(DcmFileFormat& file, const std::string& path) {
  if (gLocalByteOrder != EBO_LittleEndian) {
    return fail(ErrorCode::Internal, "EdgeFuse's DICOM reader needs a little-endian machine", path);
  }
  DcmDataset* dataset = file.getDataset();
  if (dataset == nullptr) return fail(ErrorCode::MalformedData, "no DICOM dataset", path);
  DcmDataset& ds = *dataset;
  std::vector<std::string> notes;

  const E_TransferSyntax originalXfer = ds.getOriginalXfer();
  const DcmXfer xfer(originalXfer);
  std::string tsUid;
  if (DcmMetaInfo* meta = file.getMetaInfo()) tsUid = stringValue(*meta, DCM_TransferSyntaxUID);
  if (tsUid.empty()) {
    tsUid = xfer.getXferID();
    notes.push_back(std::string("no file meta information: read as ") + transferSyntaxName(tsUid));
  }

  DcmElement* pixelElement = nullptr;
  if (ds.findAndGetElement(DCM_PixelData, pixelElement).bad() || pixelElement == nullptr) {
    if (ds.tagExists(DCM_FloatPixelData) || ds.tagExists(DCM_DoubleFloatPixelData)) {
      return fail(ErrorCode::UnsupportedFormat, "float pixel data (7FE0,0008/0009) is not supported", path);
    }
    return fail(ErrorCode::NotAnImage, "no pixel data: a " + describeObject(ds) + " object holds no image", path);
  }
  if (!canDecodeTransferSyntax(tsUid)) {
    const std::string name = transferSyntaxName(tsUid);
    return fail(ErrorCode::UnsupportedTransferSyntax,
                name == tsUid ? "unsupported transfer syntax " + tsUid
                              : "unsupported transfer syntax " + name + " (" + tsUid + ")",
                path);
  }

  auto layoutOr = readLayout(ds, path, notes);
  if (!layoutOr) return tl::unexpected(layoutOr.error());
  Layout layout = *layoutOr;
  const std::string modality = stringValue(ds, DCM_Modality);
  const bool encapsulated = xfer.isEncapsulated();
  if (encapsulated && layout.bitsAllocated == 1) {
    return fail(ErrorCode::UnsupportedFormat, "compressed 1-bit pixel data is not supported", path);
  }

  // Raw frames, little-endian, one after the other.
  std::vector<std::uint8_t> encodedFrames;
  const std::uint8_t* raw = nullptr;
  bool swapWords = false;
  std::string decodedPhotometric = layout.photometric;
  if (encapsulated) {
    auto* pixelData = dynamic_cast<DcmPixelData*>(pixelElement);
    if (pixelData == nullptr) return fail(ErrorCode::MalformedData, "pixel data element is not decodable", path);
    Uint32 frameSize = 0;
    if (pixelData->getUncompressedFrameSize(&ds, frameSize).bad() || frameSize == 0) {
      return fail(ErrorCode::MalformedData, "cannot determine the frame size of the compressed pixel data", path);
    }
    const std::uint64_t expected = layout.pixelsPerFrame() * layout.samplesPerPixel * (layout.bitsAllocated / 8);
    if (frameSize != expected) {
      return fail(ErrorCode::MalformedData, "compressed frame size does not match Rows x Columns x samples", path);
    }
    const Uint32 bufferSize = frameSize + (frameSize & 1U);
    encodedFrames.resize(static_cast<std::size_t>(expected * layout.frames) + 1);
    std::vector<std::uint8_t> buffer(bufferSize);
    Uint32 startFragment = 0;
    DcmFileCache cache;
    for (std::uint64_t f = 0; f < layout.frames; ++f) {
      OFString colourModel;
      const OFCondition status = pixelData->getUncompressedFrame(&ds, static_cast<Uint32>(f), startFragment,
                                                                 buffer.data(), bufferSize, colourModel, &cache);
      if (status.bad()) {
        return fail(ErrorCode::MalformedData,
                    "cannot decode frame " + std::to_string(f + 1) + " of " + std::to_string(layout.frames) + " (" +
                        transferSyntaxName(tsUid) + "): " + status.text(),
                    path);
      }
      if (!colourModel.empty()) decodedPhotometric = colourModel.c_str();
      std::copy(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(expected),
                encodedFrames.begin() + static_cast<std::ptrdiff_t>(f * expected));
    }
    raw = encodedFrames.data();
    if (decodedPhotometric != layout.photometric) {
      notes.push_back("decompressed " + layout.photometric + " data is " + decodedPhotometric);
    }
    if (decodedPhotometric == "YBR_FULL_422" || decodedPhotometric == "YBR_PARTIAL_422") {
      // Decompressed frames are never subsampled.
      decodedPhotometric = decodedPhotometric == "YBR_FULL_422" ? "YBR_FULL" : "YBR_PARTIAL_420";
    }
  } else {
    const std::uint64_t needed = layout.bitsAllocated == 1 ? (layout.pixelsPerFrame() * layout.frames + 7) / 8
                                                           : layout.frameBytes() * layout.frames;
    const Uint32 length = pixelElement->getLength();
    if (length == DCM_UndefinedLength || length < needed) {
      return fail(ErrorCode::MalformedData,
                  "pixel data holds " + std::to_string(length == DCM_UndefinedLength ? 0 : length) +
                      " bytes but Rows x Columns x samples x frames need " + std::to_string(needed) +
                      " (truncated or inconsistent header)",
                  path);
    }
    // More bytes than the header accounts for (beyond the even-length pad):
    // the surplus is ignored, and said; for 1-bit data a length of 8 or more
    // times the need suggests a BitsAllocated that does not fit the data.
    if (static_cast<std::uint64_t>(length) > needed + needed % 2) {
      std::string note = "pixel data holds " + std::to_string(length) + " bytes, more than the " +
                         std::to_string(needed) + " that Rows x Columns x samples x frames need: the rest is ignored";
      if (layout.bitsAllocated == 1 && static_cast<std::uint64_t>(length) >= 8 * needed) {
        note += " (BitsAllocated is 1, but there are 8 or more bits per pixel: the header may not fit the data)";
      }
      notes.push_back(note);
    }
    if (pixelElement->ident() == EVR_OB) {
      Uint8* bytes = nullptr;
      if (pixelElement->getUint8Array(bytes).bad() || bytes == nullptr) {
        return fail(ErrorCode::MalformedData, "pixel data cannot be read", path);
      }
      raw = bytes;
    } else {
      Uint16* words = nullptr;
      if (pixelElement->getUint16Array(words).bad() || words == nullptr) {
        return fail(ErrorCode::MalformedData, "pixel data cannot be read", path);
      }
      raw = reinterpret_cast<const std::uint8_t*>(words);
      swapWords = layout.bitsAllocated == 32 && xfer.isBigEndian();
    }
  }

  // Palette LUTs (one set for the file).
  std::array<Lut, 3> palette;
  const bool isPalette = layout.photometric == "PALETTE COLOR";
  if (isPalette) {
    const DcmTagKey descriptors[3] = {DCM_RedPaletteColorLookupTableDescriptor,
                                      DCM_GreenPaletteColorLookupTableDescriptor,
                                      DCM_BluePaletteColorLookupTableDescriptor};
    const DcmTagKey data[3] = {DCM_RedPaletteColorLookupTableData, DCM_GreenPaletteColorLookupTableData,
                               DCM_BluePaletteColorLookupTableData};
    const DcmTagKey segmented[3] = {DCM_SegmentedRedPaletteColorLookupTableData,
                                    DCM_SegmentedGreenPaletteColorLookupTableData,
                                    DCM_SegmentedBluePaletteColorLookupTableData};
    const char* names[3] = {"red palette", "green palette", "blue palette"};
    for (int c = 0; c < 3; ++c) {
      auto lut = readLut(ds, descriptors[c], data[c], segmented[c], names[c], path);
      if (!lut) return tl::unexpected(lut.error());
      palette[c] = std::move(*lut);
    }
    notes.push_back("PALETTE COLOR expanded to RGB");
  }

  const ImageIdentity identity = readIdentity(ds);
  const std::string lossyFlag = stringValue(ds, DCM_LossyImageCompression);
  const bool lossy = xfer.isLossy() || lossyFlag == "01";
  const bool mono = layout.photometric == "MONOCHROME1" || layout.photometric == "MONOCHROME2";
  const bool monochrome1 = layout.photometric == "MONOCHROME1";
  std::optional<double> paddingValue = numberValue(ds, DCM_PixelPaddingValue);
  std::optional<double> paddingLimit = numberValue(ds, DCM_PixelPaddingRangeLimit);
  if (layout.isSigned && paddingValue && *paddingValue >= std::ldexp(1.0, layout.bitsStored - 1)) {
    // Stored as US although the pixels are signed: reinterpret.
    *paddingValue -= std::ldexp(1.0, layout.bitsStored);
  }

  const std::size_t pixels = static_cast<std::size_t>(layout.pixelsPerFrame());
  const int outChannels = mono ? 1 : 3;
  const double storedMin = layout.isSigned ? -std::ldexp(1.0, layout.bitsStored - 1) : 0.0;
  const double storedMax =
      layout.isSigned ? std::ldexp(1.0, layout.bitsStored - 1) - 1.0 : std::ldexp(1.0, layout.bitsStored) - 1.0;
  std::vector<Image> images;
  images.reserve(static_cast<std::size_t>(layout.frames));
  std::size_t paddedTotal = 0;
  for (std::uint64_t f = 0; f < layout.frames; ++f) {
    std::vector<std::string> frameNotes;
    Image image(layout.columns, layout.rows, outChannels);
    ImageMeta& meta = image.meta;
    meta.sourcePath = path;
    meta.format = "dicom";
    meta.modality = modality;
    meta.photometric = layout.photometric;
    meta.transferSyntaxUid = tsUid;
    meta.transferSyntaxName = transferSyntaxName(tsUid);
    meta.lossyCompressed = lossy;
    meta.bitsAllocated = layout.bitsAllocated;
    meta.bitsStored = layout.bitsStored;
    meta.isSigned = layout.isSigned;
    meta.frameIndex = static_cast<int>(f);
    meta.frameCount = static_cast<int>(layout.frames);
    meta.identity = identity;

    if (mono) {
      auto mapping = readModalityMapping(ds, static_cast<unsigned long>(f), modality, path, frameNotes);
      if (!mapping) return tl::unexpected(mapping.error());
      meta.rescaleSlope = mapping->table ? 1.0 : mapping->slope;
      meta.rescaleIntercept = mapping->table ? 0.0 : mapping->intercept;
      meta.units = mapping->units;
      double lo = 0, hi = 0;
      if (mapping->table) {
        const auto [mn, mx] = std::minmax_element(mapping->table->entries.begin(), mapping->table->entries.end());
        lo = *mn;
        hi = *mx;
      } else {
        lo = std::min(mapping->apply(storedMin), mapping->apply(storedMax));
        hi = std::max(mapping->apply(storedMin), mapping->apply(storedMax));
      }
      if (meta.units == "HU" && std::max(lo, kCtNominalMinHu) < std::min(hi, kCtNominalMaxHu)) {
        lo = std::max(lo, kCtNominalMinHu);
        hi = std::min(hi, kCtNominalMaxHu);
      }
      meta.nominalMin = lo;
      meta.nominalMax = hi;
      const double padLo = paddingValue ? std::min(*paddingValue, paddingLimit.value_or(*paddingValue)) : 0.0;
      const double padHi = paddingValue ? std::max(*paddingValue, paddingLimit.value_or(*paddingValue)) : -1.0;
      std::size_t padded = 0;
      for (std::size_t i = 0; i < pixels; ++i) {
        double stored = 0.0;
        if (layout.bitsAllocated == 1) {
          const std::uint64_t bit = f * layout.pixelsPerFrame() + i;
          stored = (raw[bit / 8] >> (bit % 8)) & 1U;
        } else {
          stored = storedValue(rawSample(raw, f * pixels + i, layout.bitsAllocated, swapWords), layout);
        }
        double value = mapping->apply(stored);
        if (paddingValue && stored >= padLo && stored <= padHi) {
          value = lo;
          ++padded;
        }
        if (monochrome1) value = lo + hi - value;
        image.pixels[i] = static_cast<float>(value);
      }
      paddedTotal += padded;
      meta.windows = readWindows(ds, static_cast<unsigned long>(f), frameNotes);
      if (monochrome1) {
        for (auto& w : meta.windows) w.center = lo + hi - w.center;
      }
      if (meta.units == "HU") {
        for (const auto& preset : ctWindowPresets()) meta.windows.push_back(preset);
      }
    } else if (isPalette) {
      meta.nominalMin = 0.0;
      meta.nominalMax = std::ldexp(1.0, palette[0].bits) - 1.0;
      for (std::size_t i = 0; i < pixels; ++i) {
        const double index = storedValue(rawSample(raw, f * pixels + i, layout.bitsAllocated, swapWords), layout);
        for (int c = 0; c < 3; ++c) image.pixels[i * 3 + c] = static_cast<float>(palette[c].lookup(index));
      }
    } else {
      meta.nominalMin = 0.0;
      meta.nominalMax = std::ldexp(1.0, layout.bitsStored) - 1.0;
      const std::string& pi = decodedPhotometric;
      const bool subsampled = !encapsulated && layout.isSubsampled422();
      const bool planar = !subsampled && layout.planarConfiguration == 1;
      const std::size_t frameSamples = subsampled ? pixels * 2 : pixels * 3;
      const std::size_t base = static_cast<std::size_t>(f) * frameSamples;
      auto sample = [&](std::size_t index) {
        return storedValue(rawSample(raw, base + index, layout.bitsAllocated, swapWords), layout);
      };
      const bool ybr = pi.rfind("YBR_", 0) == 0;
      const bool partial = pi.rfind("YBR_PARTIAL", 0) == 0;
      if ((pi == "YBR_ICT" || pi == "YBR_RCT") || (partial && layout.bitsStored != 8)) {
        return fail(ErrorCode::UnsupportedFormat, "photometric interpretation " + pi + " is not supported here", path);
      }
      for (std::size_t i = 0; i < pixels; ++i) {
        double a = 0, b = 0, c = 0;
        if (subsampled) {
          // Two pixels share one Cb and Cr: Y1 Y2 Cb Cr.
          const std::size_t pair = (i / 2) * 4;
          a = sample(pair + (i % 2));
          b = sample(pair + 2);
          c = sample(pair + 3);
        } else if (planar) {
          a = sample(i);
          b = sample(pixels + i);
          c = sample(2 * pixels + i);
        } else {
          a = sample(i * 3);
          b = sample(i * 3 + 1);
          c = sample(i * 3 + 2);
        }
        if (ybr) ybrToRgb(a, b, c, meta.nominalMax, partial);
        image.pixels[i * 3] = static_cast<float>(a);
        image.pixels[i * 3 + 1] = static_cast<float>(b);
        image.pixels[i * 3 + 2] = static_cast<float>(c);
      }
      if (f == 0 && ybr) notes.push_back(pi + " converted to RGB (BT.601)");
    }

    const FrameGeometry geometry = readGeometry(ds, static_cast<unsigned long>(f));
    meta.pixelSpacingMm = geometry.spacing;
    // A spacing that cannot be a distance (NaN, infinite, zero, negative) or
    // cannot be read is unknown; said once, never dropped silently.
    if (geometry.spacing && !(std::isfinite((*geometry.spacing)[0]) && std::isfinite((*geometry.spacing)[1]) &&
                              (*geometry.spacing)[0] > 0.0 && (*geometry.spacing)[1] > 0.0)) {
      meta.pixelSpacingMm.reset();
      if (f == 0) {
        std::ostringstream text;
        text << "PixelSpacing (0028,0030) is " << (*geometry.spacing)[0] << "\\" << (*geometry.spacing)[1]
             << ", not two positive distances: the pixel spacing is unknown (it is left out of exports)";
        frameNotes.push_back(text.str());
      }
    } else if (f == 0 && !geometry.spacing && hasMalformedNumber(ds, DCM_PixelSpacing)) {
      frameNotes.push_back(
          "PixelSpacing (0028,0030) is not a pair of numbers: the pixel spacing is unknown (it is left out of "
          "exports)");
    }
    meta.sliceThicknessMm = geometry.thickness;
    meta.positionPatientMm = geometry.position;
    meta.orientationPatient = geometry.orientation;
    if (f == 0 && !geometry.spacing && valueCount(ds, DCM_ImagerPixelSpacing) >= 2) {
      frameNotes.push_back("only ImagerPixelSpacing (at the detector) is given: pixel spacing at the patient unknown");
    }
    meta.notes = notes;
    meta.notes.insert(meta.notes.end(), frameNotes.begin(), frameNotes.end());
    images.push_back(std::move(image));
  }
  if (paddedTotal > 0) {
    const std::string note =
        std::to_string(paddedTotal) + " padding pixels (PixelPaddingValue) set to the lower end of the nominal range";
    for (auto& image : images) image.meta.notes.push_back(note);
  }
  if (monochrome1) {
    for (auto& image : images) image.meta.notes.push_back("MONOCHROME1 inverted so that higher values are brighter");
  }
  // Colour data whose channels are all equal is grey (said, never silent).
  if (!mono && std::all_of(images.begin(), images.end(), [](const Image& im) { return im.isGreyStoredAsRgb(); })) {
    for (auto& image : images) {
      ImageMeta meta = std::move(image.meta);
      image = image.channel(0);
      image.meta = std::move(meta);
      image.meta.notes.push_back("grey image stored as colour: treated as grey");
    }
  }
  return images;
}

}  // namespace edgefuse::detail
