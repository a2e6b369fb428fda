// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/DicomWriter.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>
#include <regex>

#include "core/base/Version.h"
#include "core/io/detail/DcmtkSupport.h"
#include "core/io/detail/DicomBuild.h"

namespace edgefuse {
namespace {

namespace fs = std::filesystem;
using detail::DatasetBuilder;
using detail::fitText;
using detail::isValidUid;
using detail::Now;
using detail::now;
using detail::saveDataset;

// Patient orientation letters of a direction (LPS): the axes it runs along,
// the strongest first.
std::string orientationLetters(double x, double y, double z) {
  std::vector<std::pair<double, char>> axes = {
      {std::abs(x), x > 0 ? 'L' : 'R'}, {std::abs(y), y > 0 ? 'P' : 'A'}, {std::abs(z), z > 0 ? 'H' : 'F'}};
  std::stable_sort(axes.begin(), axes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (const auto& [magnitude, letter] : axes) {
    if (magnitude > 1e-3) out.push_back(letter);
  }
  return out;
}

// Everything the instances of one export share.
struct SeriesContext {
  std::string studyUid;
  std::string seriesUid;
  std::string frameOfReferenceUid;
  std::string characterSet;
  Now created;
  // Basic profile "U" action: each original UID gets one new UID, the same
  // for every instance of this export.
  std::map<std::string, std::string> uidMap;

  std::string mapped(const std::string& uid, bool anonymize) {
    if (!anonymize || uid.empty()) return uid;
    auto it = uidMap.find(uid);
    if (it == uidMap.end()) it = uidMap.emplace(uid, detail::newUid(SITE_INSTANCE_UID_ROOT)).first;
    return it->second;
  }
};

Expected<void> buildDataset(DcmDataset& ds, const DerivedImage& image, int instanceNumber,
                            const DicomExportOptions& options, SeriesContext& context) {
  const Image& pixels = image.unitImage;
  const ImageMeta empty;
  const ImageMeta& first = image.sources.empty() ? empty : image.sources.front();
  const ImageIdentity& id = first.identity;
  const bool anon = options.anonymize;
  DatasetBuilder b(ds);

  // SOP Common
  b.put(DCM_SpecificCharacterSet, context.characterSet);
  if (!anon) {
    b.put(DCM_InstanceCreationDate, context.created.date);
    b.put(DCM_InstanceCreationTime, context.created.time);
  }
  b.put(DCM_SOPClassUID, UID_SecondaryCaptureImageStorage);
  b.put(DCM_SOPInstanceUID, detail::newUid(SITE_INSTANCE_UID_ROOT));

  // Patient (copied from the anatomical source, or replaced by the profile)
  b.put(DCM_PatientName, anon ? "ANONYMOUS^" : id.patientName);
  b.put(DCM_PatientID, anon ? "ANONYMOUS" : id.patientId);
  b.put(DCM_PatientBirthDate, anon ? "" : id.patientBirthDate);
  b.put(DCM_PatientSex, anon ? "" : id.patientSex);
  if (anon) {
    b.put(DCM_PatientIdentityRemoved, "YES");
    b.put(DCM_DeidentificationMethod, "PS3.15 Basic Profile (EdgeFuse)");
    if (DcmItem* code = b.newItem(DCM_DeidentificationMethodCodeSequence)) {
      DatasetBuilder c(*code);
      c.put(DCM_CodeValue, "113100");
      c.put(DCM_CodingSchemeDesignator, "DCM");
      c.put(DCM_CodeMeaning, "Basic Application Confidentiality Profile");
      if (c.status().bad()) b.status() = c.status();
    }
  }

  // General Study (the anatomical source's study; a new one if it has none)
  b.put(DCM_StudyInstanceUID, context.studyUid);
  b.put(DCM_StudyDate, anon ? "" : id.studyDate);
  b.put(DCM_StudyTime, anon ? "" : id.studyTime);
  b.put(DCM_ReferringPhysicianName, anon ? "" : id.referringPhysicianName);
  b.put(DCM_StudyID, anon ? "" : id.studyId);
  b.put(DCM_AccessionNumber, anon ? "" : id.accessionNumber);
  if (!anon && !id.studyDescription.empty()) b.put(DCM_StudyDescription, id.studyDescription);

  // General Series (new, derived)
  b.put(DCM_Modality, "OT");
  b.put(DCM_SeriesInstanceUID, context.seriesUid);
  b.put(DCM_SeriesNumber, std::to_string(options.seriesNumber));
  b.put(DCM_SeriesDescription, fitText(options.seriesDescription, 64, true));
  if (!anon) {
    b.put(DCM_SeriesDate, context.created.date);
    b.put(DCM_SeriesTime, context.created.time);
  }
  if (!id.bodyPartExamined.empty()) b.put(DCM_BodyPartExamined, fitText(id.bodyPartExamined, 16, true));
  // Laterality is Type 2C (paired body parts): copied when known; left empty
  // ("unknown") when the body part is not known either.
  if (!id.laterality.empty()) {
    b.put(DCM_Laterality, fitText(id.laterality, 16, true));
  } else if (id.bodyPartExamined.empty()) {
    b.put(DCM_Laterality, "");
  }

  // General Equipment and SC Equipment
  b.put(DCM_Manufacturer, kApplicationName);
  b.put(DCM_SoftwareVersions, std::string(kApplicationName) + " " + kVersion);
  b.put(DCM_ConversionType, "WSD");
  b.put(DCM_SecondaryCaptureDeviceManufacturer, kApplicationName);
  b.put(DCM_SecondaryCaptureDeviceManufacturerModelName, kApplicationName);
  b.put(DCM_SecondaryCaptureDeviceSoftwareVersions, kVersion);

  // General Image
  b.put(DCM_InstanceNumber, std::to_string(instanceNumber));
  std::string patientOrientation;
  if (first.orientationPatient) {
    const auto& o = *first.orientationPatient;
    patientOrientation = orientationLetters(o[0], o[1], o[2]) + "\\" + orientationLetters(o[3], o[4], o[5]);
  }
  b.put(DCM_PatientOrientation, patientOrientation);
  if (!anon) {
    b.put(DCM_ContentDate, context.created.date);
    b.put(DCM_ContentTime, context.created.time);
  }
  b.put(DCM_ImageType, "DERIVED\\SECONDARY");
  if (!options.derivationDescription.empty()) {
    b.put(DCM_DerivationDescription, fitText(options.derivationDescription, 1024, false));
  }
  for (const auto& source : image.sources) {
    const ImageIdentity& s = source.identity;
    // Not a DICOM source, or UIDs a conformant reference cannot carry.
    if (!isValidUid(s.sopInstanceUid) || !isValidUid(s.sopClassUid)) continue;
    DcmItem* item = b.newItem(DCM_SourceImageSequence);
    if (item == nullptr) break;
    DatasetBuilder r(*item);
    r.put(DCM_ReferencedSOPClassUID, s.sopClassUid);
    r.put(DCM_ReferencedSOPInstanceUID, context.mapped(s.sopInstanceUid, anon));
    if (source.frameCount > 1) r.put(DCM_ReferencedFrameNumber, std::to_string(source.frameIndex + 1));
    if (DcmItem* purpose = r.newItem(DCM_PurposeOfReferenceCodeSequence)) {
      DatasetBuilder p(*purpose);
      p.put(DCM_CodeValue, "121322");
      p.put(DCM_CodingSchemeDesignator, "DCM");
      p.put(DCM_CodeMeaning, "Source image for image processing operation");
      if (p.status().bad()) r.status() = p.status();
    }
    if (r.status().bad()) b.status() = r.status();
  }
  std::string comments = options.imageComments;
  comments += (comments.empty() ? "" : " ") + std::string(kNotForDiagnosis);
  b.put(DCM_ImageComments, fitText(comments, 10240, false));
  b.put(DCM_BurnedInAnnotation, "NO");
  const bool lossy =
      std::any_of(image.sources.begin(), image.sources.end(), [](const ImageMeta& m) { return m.lossyCompressed; });
  b.put(DCM_LossyImageCompression, lossy ? "01" : "00");
  if (anon) b.put(DCM_LongitudinalTemporalInformationModified, "REMOVED");

  // Geometry of the anatomical source, so that a multi-slice export keeps
  // the volume's geometry (Standard Extended SOP Class: Image Plane and
  // Frame of Reference attributes are not part of the SC IOD).
  if (first.pixelSpacingMm && first.pixelSpacingMm->at(0) > 0 && first.pixelSpacingMm->at(1) > 0) {
    b.put(DCM_PixelSpacing,
          detail::decimalString((*first.pixelSpacingMm)[0]) + "\\" + detail::decimalString((*first.pixelSpacingMm)[1]));
  }
  if (first.positionPatientMm && first.orientationPatient && !context.frameOfReferenceUid.empty()) {
    const auto& p = *first.positionPatientMm;
    const auto& o = *first.orientationPatient;
    b.put(DCM_FrameOfReferenceUID, context.frameOfReferenceUid);
    b.put(DCM_PositionReferenceIndicator, "");
    b.put(DCM_ImagePositionPatient,
          detail::decimalString(p[0]) + "\\" + detail::decimalString(p[1]) + "\\" + detail::decimalString(p[2]));
    b.put(DCM_ImageOrientationPatient, detail::decimalString(o[0]) + "\\" + detail::decimalString(o[1]) + "\\" +
                                           detail::decimalString(o[2]) + "\\" + detail::decimalString(o[3]) + "\\" +
                                           detail::decimalString(o[4]) + "\\" + detail::decimalString(o[5]));
    if (first.sliceThicknessMm && *first.sliceThicknessMm > 0) {
      b.put(DCM_SliceThickness, detail::decimalString(*first.sliceThicknessMm));
    }
  }

  // Image Pixel
  const bool colour = pixels.channels == 3;
  b.putUint16(DCM_SamplesPerPixel, colour ? 3 : 1);
  b.put(DCM_PhotometricInterpretation, colour ? "RGB" : "MONOCHROME2");
  b.putUint16(DCM_Rows, static_cast<Uint16>(pixels.height));
  b.putUint16(DCM_Columns, static_cast<Uint16>(pixels.width));
  b.putUint16(DCM_BitsAllocated, colour ? 8 : 16);
  b.putUint16(DCM_BitsStored, colour ? 8 : 16);
  b.putUint16(DCM_HighBit, colour ? 7 : 15);
  b.putUint16(DCM_PixelRepresentation, 0);
  if (colour) b.putUint16(DCM_PlanarConfiguration, 0);
  if (!colour) {
    // VOI LUT: the full stored range, so that viewers show what EdgeFuse shows.
    b.put(DCM_WindowCenter, "32768");
    b.put(DCM_WindowWidth, "65536");
  }
  if (b.status().bad()) {
    return fail(ErrorCode::Internal, std::string("cannot build the DICOM dataset: ") + b.status().text());
  }
  auto unit = [](float v) { return std::isfinite(v) ? std::clamp(static_cast<double>(v), 0.0, 1.0) : 0.0; };
  OFCondition status;
  if (colour) {
    std::vector<Uint8> data(pixels.pixels.size());
    for (std::size_t i = 0; i < data.size(); ++i)
      data[i] = static_cast<Uint8>(std::lround(unit(pixels.pixels[i]) * 255.0));
    status = ds.putAndInsertUint8Array(DCM_PixelData, data.data(), static_cast<unsigned long>(data.size()));
  } else {
    std::vector<Uint16> data(pixels.pixels.size());
    for (std::size_t i = 0; i < data.size(); ++i)
      data[i] = static_cast<Uint16>(std::lround(unit(pixels.pixels[i]) * 65535.0));
    status = ds.putAndInsertUint16Array(DCM_PixelData, data.data(), static_cast<unsigned long>(data.size()));
  }
  if (status.bad()) return fail(ErrorCode::Internal, std::string("cannot store the pixel data: ") + status.text());
  return {};
}

std::string instanceName(std::size_t index) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "IM%04zu.dcm", index + 1);
  return buffer;
}

}  // namespace

Expected<std::vector<std::string>> writeDerivedDicomSeries(const std::string& path,
                                                           const std::vector<DerivedImage>& images,
                                                           const DicomExportOptions& options,
                                                           const OutputPolicy& policy) {
  detail::ensureDcmtkReady();
  if (images.empty()) return fail(ErrorCode::InvalidArgument, "nothing to write: no images", path);
  const Image& reference = images.front().unitImage;
  for (const auto& im : images) {
    const Image& u = im.unitImage;
    if (u.empty() || (u.channels != 1 && u.channels != 3)) {
      return fail(ErrorCode::InvalidArgument, "DICOM export needs grey or RGB images", path);
    }
    if (u.width > 65535 || u.height > 65535) return fail(ErrorCode::ImageTooLarge, "image too large for DICOM", path);
    if (u.width != reference.width || u.height != reference.height || u.channels != reference.channels) {
      return fail(ErrorCode::SizeMismatch, "the images of one series must share size and colour", path);
    }
  }

  SeriesContext context;
  const ImageMeta empty;
  const ImageMeta& anatomical = images.front().sources.empty() ? empty : images.front().sources.front();
  const ImageIdentity& id = anatomical.identity;
  context.created = now();
  context.seriesUid = detail::newUid(SITE_SERIES_UID_ROOT);
  // A source without a (valid) study or frame of reference gets new ones:
  // the export is then a new study, with its own frame for its geometry.
  context.studyUid = isValidUid(id.studyInstanceUid) ? context.mapped(id.studyInstanceUid, options.anonymize)
                                                     : detail::newUid(SITE_STUDY_UID_ROOT);
  context.frameOfReferenceUid = isValidUid(id.frameOfReferenceUid)
                                    ? context.mapped(id.frameOfReferenceUid, options.anonymize)
                                    : detail::newUid(SITE_INSTANCE_UID_ROOT);
  context.characterSet = id.specificCharacterSet.empty() || options.anonymize ? "ISO_IR 192" : id.specificCharacterSet;

  if (images.size() == 1) {
    DcmFileFormat file;
    if (auto ok = buildDataset(*file.getDataset(), images.front(), 1, options, context); !ok) {
      return tl::unexpected(ok.error());
    }
    auto written = writeAtomically(path, policy, [&](const std::string& tmp) { return saveDataset(file, tmp); });
    if (!written) return tl::unexpected(written.error());
    return std::vector<std::string>{path};
  }

  static const std::regex ownFile("IM[0-9]{4,}\\.dcm");
  std::vector<std::string> written;
  auto ok = writeFolderAtomically(
      path, policy, [](const std::string& name) { return std::regex_match(name, ownFile); },
      [&](const std::string& staging) -> Expected<void> {
        for (std::size_t i = 0; i < images.size(); ++i) {
          DcmFileFormat file;
          auto built = buildDataset(*file.getDataset(), images[i], static_cast<int>(i + 1), options, context);
          if (!built) return built;
          auto saved = saveDataset(file, (fs::path(staging) / instanceName(i)).string());
          if (!saved) return saved;
          written.push_back((fs::path(path) / instanceName(i)).string());
        }
        return {};
      });
  if (!ok) return tl::unexpected(ok.error());
  return written;
}

}  // namespace edgefuse
