#pragma once
// Writes small synthetic DICOM files with DCMTK for the reader tests, so that
// every pixel path is tested without ../shared.

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpls/djencode.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace edgefuse::test {

/// The header and samples of a synthetic image.
struct DicomSpec {
  int rows = 4;
  int columns = 4;
  int samplesPerPixel = 1;
  int bitsAllocated = 16;
  int bitsStored = 16;
  int highBit = 15;
  bool isSigned = false;
  int planarConfiguration = 0;
  std::string photometric = "MONOCHROME2";
  std::string modality = "MR";
  std::string numberOfFrames;  ///< empty: no NumberOfFrames attribute
  /// Raw stored words (8/16-bit), in file order; sign bits already placed.
  std::vector<std::uint32_t> samples;
  /// Anything else the test needs in the dataset.
  std::function<void(DcmDataset&)> extra;
};

inline void registerTestEncoders() {
  static std::once_flag once;
  std::call_once(once, [] {
    DcmRLEEncoderRegistration::registerCodecs();
    DJLSEncoderRegistration::registerCodecs();
  });
}

/// Writes the file; returns false (and the reason in `error`) on failure.
inline bool writeDicom(const std::string& path, const DicomSpec& spec, E_TransferSyntax xfer = EXS_LittleEndianExplicit,
                       std::string* error = nullptr) {
  DcmFileFormat file;
  DcmDataset& ds = *file.getDataset();
  char uid[100];
  ds.putAndInsertString(DCM_SOPClassUID, UID_MRImageStorage);
  ds.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
  ds.putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.9.7433.1.1");
  ds.putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.9.7433.1.2");
  ds.putAndInsertString(DCM_Modality, spec.modality.c_str());
  ds.putAndInsertString(DCM_PatientName, "Test^Synthetic");
  ds.putAndInsertString(DCM_PatientID, "SYN-0001");
  ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows));
  ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns));
  ds.putAndInsertUint16(DCM_SamplesPerPixel, static_cast<Uint16>(spec.samplesPerPixel));
  ds.putAndInsertString(DCM_PhotometricInterpretation, spec.photometric.c_str());
  ds.putAndInsertUint16(DCM_BitsAllocated, static_cast<Uint16>(spec.bitsAllocated));
  ds.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(spec.bitsStored));
  ds.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(spec.highBit));
  ds.putAndInsertUint16(DCM_PixelRepresentation, spec.isSigned ? 1 : 0);
  if (spec.samplesPerPixel == 3)
    ds.putAndInsertUint16(DCM_PlanarConfiguration, static_cast<Uint16>(spec.planarConfiguration));
  if (!spec.numberOfFrames.empty()) ds.putAndInsertString(DCM_NumberOfFrames, spec.numberOfFrames.c_str());
  if (spec.bitsAllocated == 8) {
    std::vector<Uint8> bytes(spec.samples.begin(), spec.samples.end());
    if (bytes.size() % 2 != 0) bytes.push_back(0);
    ds.putAndInsertUint8Array(DCM_PixelData, bytes.data(), static_cast<unsigned long>(bytes.size()));
  } else {
    std::vector<Uint16> words(spec.samples.begin(), spec.samples.end());
    ds.putAndInsertUint16Array(DCM_PixelData, words.data(), static_cast<unsigned long>(words.size()));
  }
  if (spec.extra) spec.extra(ds);
  if (xfer != EXS_LittleEndianExplicit && xfer != EXS_LittleEndianImplicit && xfer != EXS_BigEndianExplicit) {
    registerTestEncoders();
    const OFCondition status = ds.chooseRepresentation(xfer, nullptr);
    if (status.bad()) {
      if (error != nullptr) *error = status.text();
      return false;
    }
  }
  const OFCondition status = file.saveFile(path.c_str(), xfer);
  if (status.bad() && error != nullptr) *error = status.text();
  return status.good();
}

/// A file whose pixel data claims a transfer syntax (e.g. JPEG 2000) with a
/// single fragment of junk, for "unsupported transfer syntax" tests.
inline bool writeEncapsulatedDicom(const std::string& path, E_TransferSyntax xfer) {
  DcmFileFormat file;
  DcmDataset& ds = *file.getDataset();
  char uid[100];
  ds.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
  ds.putAndInsertString(DCM_SOPInstanceUID, dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT));
  ds.putAndInsertString(DCM_Modality, "CT");
  ds.putAndInsertUint16(DCM_Rows, 8);
  ds.putAndInsertUint16(DCM_Columns, 8);
  ds.putAndInsertUint16(DCM_SamplesPerPixel, 1);
  ds.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  ds.putAndInsertUint16(DCM_BitsAllocated, 16);
  ds.putAndInsertUint16(DCM_BitsStored, 12);
  ds.putAndInsertUint16(DCM_HighBit, 11);
  ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
  auto* sequence = new DcmPixelSequence(DcmTag(DCM_PixelSequenceTag));
  sequence->insert(new DcmPixelItem(DcmTag(DCM_Item, EVR_OB)));  // empty offset table
  auto* fragment = new DcmPixelItem(DcmTag(DCM_Item, EVR_OB));
  const Uint8 junk[8] = {0xff, 0x4f, 0xff, 0x51, 0, 0, 0, 0};
  fragment->putUint8Array(junk, sizeof junk);
  sequence->insert(fragment);
  auto* pixelData = new DcmPixelData(DCM_PixelData);
  pixelData->putOriginalRepresentation(xfer, nullptr, sequence);
  ds.insert(pixelData);
  return file.saveFile(path.c_str(), xfer).good();
}

}  // namespace edgefuse::test
