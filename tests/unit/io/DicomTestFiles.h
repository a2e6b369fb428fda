// SPDX-License-Identifier: GPL-3.0-or-later

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

#include <zlib.h>

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
  if (xfer != EXS_LittleEndianExplicit && xfer != EXS_LittleEndianImplicit && xfer != EXS_BigEndianExplicit &&
      xfer != EXS_DeflatedLittleEndianExplicit) {
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

/// One explicit VR little endian element (PS3.5 7.1.2), value padded to even length.
inline std::string explicitElement(std::uint16_t group, std::uint16_t element, const char* vr, std::string value,
                                   std::uint32_t declaredLength = 0) {
  if (value.size() % 2 != 0) value.push_back(vr[0] == 'U' && vr[1] == 'I' ? '\0' : ' ');
  const std::uint32_t length = declaredLength != 0 ? declaredLength : static_cast<std::uint32_t>(value.size());
  std::string out;
  auto put16 = [&](std::uint32_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>((v >> 8) & 0xff));
  };
  put16(group);
  put16(element);
  out += std::string(vr, 2);
  const std::string longVrs = "OB OD OF OL OV OW SQ SV UC UN UR UT UV";
  if (longVrs.find(std::string(vr, 2)) != std::string::npos) {
    put16(0);
    put16(length & 0xffff);
    put16(length >> 16);
  } else {
    put16(length);
  }
  return out + value;
}

/// A Deflated Explicit VR Little Endian file whose dataset holds an element
/// declaring `declaredLength` bytes, followed by only a few: the hostile
/// header the DICOM fuzzer found (DCMTK allocates the declared length inside
/// a deflated stream).
inline std::string hostileDeflatedDicom(std::uint32_t declaredLength) {
  std::string dataset = explicitElement(0x0008, 0x0060, "CS", "MR");
  dataset += explicitElement(0x0009, 0x1010, "OB", std::string(16, 'A'), declaredLength);
  std::string deflated(compressBound(static_cast<uLong>(dataset.size())) + 64, '\0');
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  stream.next_in = reinterpret_cast<Bytef*>(dataset.data());
  stream.avail_in = static_cast<uInt>(dataset.size());
  stream.next_out = reinterpret_cast<Bytef*>(deflated.data());
  stream.avail_out = static_cast<uInt>(deflated.size());
  deflate(&stream, Z_FINISH);
  deflated.resize(stream.total_out);
  deflateEnd(&stream);
  std::string meta = explicitElement(0x0002, 0x0001, "OB", std::string("\0\1", 2));
  meta += explicitElement(0x0002, 0x0002, "UI", UID_SecondaryCaptureImageStorage);
  meta += explicitElement(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.9.7433.99.1");
  meta += explicitElement(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1.99");
  std::string groupLength(4, '\0');
  const auto n = static_cast<std::uint32_t>(meta.size());
  for (int i = 0; i < 4; ++i) groupLength[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
  return std::string(128, '\0') + "DICM" + explicitElement(0x0002, 0x0000, "UL", groupLength) + meta + deflated;
}

}  // namespace edgefuse::test
