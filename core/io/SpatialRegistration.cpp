// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/SpatialRegistration.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "core/base/Version.h"
#include "core/io/detail/DcmtkSupport.h"
#include "core/io/detail/DicomBuild.h"

namespace edgefuse {
namespace {

using detail::DatasetBuilder;

// The 16 values of a 4×4 matrix as one DS attribute value.
std::string matrixValue(const AffineTransform& t) {
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i) out += "\\";
    out += detail::decimalString(t.m[static_cast<std::size_t>(i)]);
  }
  return out;
}

// One item of RegistrationSequence: a volume's frame of reference, its
// images, and the matrix that takes its coordinates into the registered
// coordinate system.
void putRegistration(DatasetBuilder& b, const Volume& v, const AffineTransform& toRegistered, bool rigid,
                     bool byImageContent) {
  DcmItem* item = b.newItem(DCM_RegistrationSequence);
  if (!item) return;
  DatasetBuilder r(*item);
  r.put(DCM_FrameOfReferenceUID, v.geometry.frameOfReferenceUid);
  for (const auto& instance : v.instances) {
    if (DcmItem* ref = r.newItem(DCM_ReferencedImageSequence)) {
      DatasetBuilder i(*ref);
      i.put(DCM_ReferencedSOPClassUID, instance.sopClassUid);
      i.put(DCM_ReferencedSOPInstanceUID, instance.sopInstanceUid);
      r.adopt(i);
    }
  }
  if (DcmItem* matrixItem = r.newItem(DCM_MatrixRegistrationSequence)) {
    DatasetBuilder m(*matrixItem);
    if (DcmItem* code = m.newItem(DCM_RegistrationTypeCodeSequence)) {
      DatasetBuilder c(*code);
      // DICOM's CID 7100 (registration method): content-based or visual.
      c.put(DCM_CodeValue, byImageContent ? "125024" : "125025");
      c.put(DCM_CodingSchemeDesignator, "DCM");
      c.put(DCM_CodeMeaning, byImageContent ? "Image Content-based Alignment" : "Visual Alignment");
      m.adopt(c);
    }
    if (DcmItem* matrix = m.newItem(DCM_MatrixSequence)) {
      DatasetBuilder x(*matrix);
      x.put(DCM_FrameOfReferenceTransformationMatrix, matrixValue(toRegistered));
      x.put(DCM_FrameOfReferenceTransformationMatrixType, rigid ? "RIGID" : "AFFINE");
      m.adopt(x);
    }
    r.adopt(m);
  }
  b.adopt(r);
}

// The instances of one series, as an item of ReferencedSeriesSequence.
void putSeriesReference(DatasetBuilder& b, const Volume& v) {
  DcmItem* item = b.newItem(DCM_ReferencedSeriesSequence);
  if (!item) return;
  DatasetBuilder s(*item);
  s.put(DCM_SeriesInstanceUID, v.meta.identity.seriesInstanceUid);
  for (const auto& instance : v.instances) {
    if (DcmItem* ref = s.newItem(DCM_ReferencedInstanceSequence)) {
      DatasetBuilder r(*ref);
      r.put(DCM_ReferencedSOPClassUID, instance.sopClassUid);
      r.put(DCM_ReferencedSOPInstanceUID, instance.sopInstanceUid);
      s.adopt(r);
    }
  }
  b.adopt(s);
}

Expected<void> checkReferable(const Volume* v, const char* role) {
  const std::string which = std::string(role);
  if (!v) return fail(ErrorCode::InvalidArgument, "no " + which + " volume");
  const auto& id = v->meta.identity;
  if (!detail::isValidUid(id.studyInstanceUid) || !detail::isValidUid(id.seriesInstanceUid) ||
      !detail::isValidUid(v->geometry.frameOfReferenceUid) || v->instances.empty()) {
    return fail(ErrorCode::InvalidArgument,
                "a DICOM Spatial Registration object needs two DICOM series with study, series and frame of "
                "reference UIDs, and " +
                    which + " has none (save the transform as .tfm instead)");
  }
  return {};
}

}  // namespace

Expected<void> checkSpatialRegistration(const SpatialRegistrationExport& content) {
  if (auto ok = checkReferable(content.fixed, "A"); !ok) return ok;
  if (auto ok = checkReferable(content.moving, "B"); !ok) return ok;
  if (!content.fixedToMoving.invertible()) return fail(ErrorCode::InvalidArgument, "the transform is singular");
  if (content.fixed->geometry.frameOfReferenceUid == content.moving->geometry.frameOfReferenceUid) {
    return fail(ErrorCode::InvalidArgument,
                "A and B share a frame of reference, which a Spatial Registration object cannot correct (one "
                "matrix per frame of reference): save the transform as .tfm instead");
  }
  return {};
}

Expected<void> writeSpatialRegistration(const std::string& path, const SpatialRegistrationExport& content,
                                        const OutputPolicy& policy) {
  detail::ensureDcmtkReady();
  if (auto ok = checkSpatialRegistration(content); !ok) return ok;
  const Volume& a = *content.fixed;
  const Volume& b = *content.moving;
  const ImageIdentity& id = a.meta.identity;
  const auto created = detail::now();

  DcmFileFormat file;
  DcmDataset& ds = *file.getDataset();
  DatasetBuilder d(ds);
  // SOP Common
  d.put(DCM_SpecificCharacterSet, id.specificCharacterSet.empty() ? "ISO_IR 192" : id.specificCharacterSet);
  d.put(DCM_SOPClassUID, UID_SpatialRegistrationStorage);
  d.put(DCM_SOPInstanceUID, detail::newUid(SITE_INSTANCE_UID_ROOT));
  d.put(DCM_InstanceCreationDate, created.date);
  d.put(DCM_InstanceCreationTime, created.time);
  // Patient and General Study: A's.
  d.put(DCM_PatientName, id.patientName);
  d.put(DCM_PatientID, id.patientId);
  d.put(DCM_PatientBirthDate, id.patientBirthDate);
  d.put(DCM_PatientSex, id.patientSex);
  d.put(DCM_StudyInstanceUID, id.studyInstanceUid);
  d.put(DCM_StudyDate, id.studyDate);
  d.put(DCM_StudyTime, id.studyTime);
  d.put(DCM_ReferringPhysicianName, id.referringPhysicianName);
  d.put(DCM_StudyID, id.studyId);
  d.put(DCM_AccessionNumber, id.accessionNumber);
  // General Series and Spatial Registration Series
  d.put(DCM_Modality, "REG");
  d.put(DCM_SeriesInstanceUID, detail::newUid(SITE_SERIES_UID_ROOT));
  d.put(DCM_SeriesNumber, "9002");
  d.put(DCM_SeriesDate, created.date);
  d.put(DCM_SeriesTime, created.time);
  d.put(DCM_SeriesDescription, detail::fitText(content.description, 64, true));
  // Laterality is Type 2C (paired body parts): A's when known; empty
  // ("unknown") when the body part is not known either.
  if (!id.laterality.empty()) {
    d.put(DCM_Laterality, detail::fitText(id.laterality, 16, true));
  } else if (id.bodyPartExamined.empty()) {
    d.put(DCM_Laterality, "");
  }
  // Frame of Reference: the registered coordinate system is A's.
  d.put(DCM_FrameOfReferenceUID, a.geometry.frameOfReferenceUid);
  d.put(DCM_PositionReferenceIndicator, "");
  // General and Enhanced General Equipment
  d.put(DCM_Manufacturer, kApplicationName);
  d.put(DCM_ManufacturerModelName, kApplicationName);
  d.put(DCM_DeviceSerialNumber, "0");
  d.put(DCM_SoftwareVersions, std::string(kApplicationName) + " " + kVersion);
  // Spatial Registration (with the Content Identification macro)
  d.put(DCM_ContentDate, created.date);
  d.put(DCM_ContentTime, created.time);
  d.put(DCM_InstanceNumber, "1");
  d.put(DCM_ContentLabel, "REGISTRATION");
  d.put(DCM_ContentDescription, detail::fitText(content.description, 64, true));
  d.put(DCM_ContentCreatorName, "");
  putRegistration(d, a, AffineTransform::identity(), true, content.byImageContent);
  putRegistration(d, b, content.fixedToMoving.inverse(), content.rigid, content.byImageContent);
  // Common Instance Reference: the series of this study, then those of
  // other studies.
  std::map<std::string, std::vector<const Volume*>> byStudy;
  for (const Volume* v : {&a, &b}) byStudy[v->meta.identity.studyInstanceUid].push_back(v);
  for (const auto& [study, volumes] : byStudy) {
    if (study == id.studyInstanceUid) {
      for (const Volume* v : volumes) putSeriesReference(d, *v);
      continue;
    }
    if (DcmItem* item = d.newItem(DCM_StudiesContainingOtherReferencedInstancesSequence)) {
      DatasetBuilder s(*item);
      s.put(DCM_StudyInstanceUID, study);
      for (const Volume* v : volumes) putSeriesReference(s, *v);
      d.adopt(s);
    }
  }
  if (d.status().bad()) {
    return fail(ErrorCode::Internal, std::string("cannot build the Spatial Registration object: ") + d.status().text());
  }
  auto written = writeAtomically(path, policy, [&](const std::string& tmp) { return detail::saveDataset(file, tmp); });
  if (!written) return tl::unexpected(written.error());
  return {};
}

bool isSpatialRegistrationFile(const std::string& path) {
  detail::ensureDcmtkReady();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  DcmFileFormat file;
  if (file.loadFile(OFFilename(path.c_str()), EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect).bad()) return false;
  return detail::stringValue(*file.getDataset(), DCM_SOPClassUID) == UID_SpatialRegistrationStorage;
}

Expected<SpatialRegistrationMatrices> readSpatialRegistration(const std::string& path) {
  detail::ensureDcmtkReady();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(ErrorCode::FileNotFound, "no such file", path);
  DcmFileFormat file;
  const OFCondition loaded = file.loadFile(OFFilename(path.c_str()));
  if (loaded.bad())
    return fail(ErrorCode::ReadFailed, std::string("cannot read the DICOM file: ") + loaded.text(), path);
  DcmDataset& ds = *file.getDataset();
  const std::string sopClass = detail::stringValue(ds, DCM_SOPClassUID);
  if (sopClass == UID_DeformableSpatialRegistrationStorage) {
    return fail(ErrorCode::UnsupportedFormat, "deformable registrations are not supported (only matrix ones)", path);
  }
  if (sopClass != UID_SpatialRegistrationStorage) {
    return fail(ErrorCode::UnsupportedFormat, "not a DICOM Spatial Registration object (SOP class " + sopClass + ")",
                path);
  }
  SpatialRegistrationMatrices out;
  out.registeredFrameOfReferenceUid = detail::stringValue(ds, DCM_FrameOfReferenceUID);
  for (unsigned long i = 0;; ++i) {
    DcmItem* item = detail::sequenceItem(ds, DCM_RegistrationSequence, i);
    if (!item) break;
    SpatialRegistrationMatrices::Entry entry;
    entry.frameOfReferenceUid = detail::stringValue(*item, DCM_FrameOfReferenceUID);
    DcmItem* registration = detail::sequenceItem(*item, DCM_MatrixRegistrationSequence);
    if (entry.frameOfReferenceUid.empty() || !registration) {
      return fail(ErrorCode::MalformedData,
                  "registration item " + std::to_string(i + 1) + " has no frame of reference or no matrix", path);
    }
    // Several matrices are applied in order (PS3.3 C.20.2.1.1).
    for (unsigned long k = 0;; ++k) {
      DcmItem* matrix = detail::sequenceItem(*registration, DCM_MatrixSequence, k);
      if (!matrix) {
        if (k == 0) return fail(ErrorCode::MalformedData, "a registration item has an empty MatrixSequence", path);
        break;
      }
      if (detail::valueCount(*matrix, DCM_FrameOfReferenceTransformationMatrix) != 16) {
        return fail(ErrorCode::MalformedData, "a transformation matrix does not have 16 values", path);
      }
      AffineTransform t;
      for (unsigned long v = 0; v < 16; ++v) {
        const auto value = detail::numberValue(*matrix, DCM_FrameOfReferenceTransformationMatrix, v);
        if (!value)
          return fail(ErrorCode::MalformedData, "a transformation matrix holds a value that is not a number", path);
        t.m[v] = *value;
      }
      if (std::abs(t.m[12]) > 1e-9 || std::abs(t.m[13]) > 1e-9 || std::abs(t.m[14]) > 1e-9 ||
          std::abs(t.m[15] - 1.0) > 1e-9 || !t.invertible()) {
        return fail(ErrorCode::MalformedData, "a transformation matrix is not an invertible affine matrix", path);
      }
      entry.type = detail::stringValue(*matrix, DCM_FrameOfReferenceTransformationMatrixType);
      entry.toRegistered = t.compose(entry.toRegistered);
    }
    out.entries.push_back(std::move(entry));
  }
  if (out.entries.empty()) return fail(ErrorCode::MalformedData, "the object holds no registration", path);
  return out;
}

Expected<AffineTransform> fixedToMovingFrom(const SpatialRegistrationMatrices& matrices, const std::string& fixedFrame,
                                            const std::string& movingFrame) {
  auto toRegistered = [&](const std::string& frame) -> std::optional<AffineTransform> {
    if (frame.empty()) return std::nullopt;
    for (const auto& e : matrices.entries) {
      if (e.frameOfReferenceUid == frame) return e.toRegistered;
    }
    if (frame == matrices.registeredFrameOfReferenceUid) return AffineTransform::identity();
    return std::nullopt;
  };
  const auto fixed = toRegistered(fixedFrame);
  const auto moving = toRegistered(movingFrame);
  if (!fixed || !moving) {
    return fail(ErrorCode::SizeMismatch, std::string("the registration object was made for other series: it does not "
                                                     "register the frame of reference of ") +
                                             (!fixed ? "A" : "B") +
                                             (fixedFrame.empty() || movingFrame.empty() ? " (which has none)" : ""));
  }
  return moving->inverse().compose(*fixed);
}

}  // namespace edgefuse
