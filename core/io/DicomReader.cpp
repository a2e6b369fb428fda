// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/DicomReader.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "core/base/AtomicFile.h"
#include "core/io/detail/DicomDecode.h"

namespace edgefuse {
namespace {

namespace fs = std::filesystem;
using detail::numberValue;
using detail::stringValue;

// A folder scan stops here: a folder of more files is not one series.
constexpr std::size_t kMaxFolderFiles = 100000;

std::string lowerCase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// One DICOM image file of a folder or DICOMDIR, header loaded.
struct Candidate {
  std::string path;
  std::unique_ptr<DcmFileFormat> file;
  std::string seriesUid;
  std::string modality;
  std::string description;
  int seriesNumber = 0;
  int frames = 1;
  std::uint64_t samples = 0;
};

// What a scan skipped, for the notes.
struct ScanReport {
  std::size_t notDicom = 0;
  std::size_t unreadable = 0;
  std::size_t notImages = 0;
  std::size_t missing = 0;
  std::string firstProblem;

  void addTo(std::vector<std::string>& notes) const {
    if (notDicom > 0) notes.push_back(std::to_string(notDicom) + " file(s) that are not DICOM skipped");
    if (unreadable > 0) {
      notes.push_back(std::to_string(unreadable) + " unreadable DICOM file(s) skipped (first: " + firstProblem + ")");
    }
    if (notImages > 0) notes.push_back(std::to_string(notImages) + " DICOM object(s) without pixel data skipped");
    if (missing > 0) notes.push_back(std::to_string(missing) + " file(s) referenced by the DICOMDIR are missing");
  }
};

void addCandidate(const std::string& path, std::vector<Candidate>& out, ScanReport& report) {
  auto file = detail::loadDicomFile(path);
  if (!file) {
    // The message only: a path could carry a patient's name into notes.
    if (report.unreadable++ == 0) report.firstProblem = file.error().message;
    return;
  }
  if (detail::isDicomDir(**file) || !detail::hasPixelData(**file)) {
    ++report.notImages;
    return;
  }
  Candidate c;
  c.path = path;
  DcmDataset& ds = *(*file)->getDataset();
  c.seriesUid = stringValue(ds, DCM_SeriesInstanceUID);
  c.modality = stringValue(ds, DCM_Modality);
  c.description = stringValue(ds, DCM_SeriesDescription);
  c.seriesNumber = static_cast<int>(numberValue(ds, DCM_SeriesNumber).value_or(0));
  c.frames = detail::declaredFrameCount(**file);
  c.samples = static_cast<std::uint64_t>(numberValue(ds, DCM_Rows).value_or(0)) *
              static_cast<std::uint64_t>(numberValue(ds, DCM_Columns).value_or(0)) *
              static_cast<std::uint64_t>(numberValue(ds, DCM_SamplesPerPixel).value_or(1)) *
              static_cast<std::uint64_t>(c.frames);
  c.file = std::move(*file);
  out.push_back(std::move(c));
}

Expected<std::vector<Candidate>> scanFolder(const std::string& folder, ScanReport& report) {
  std::vector<std::string> paths;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) return fail(ErrorCode::ReadFailed, "cannot list the folder: " + ec.message(), folder);
  for (; it != end; it.increment(ec)) {
    if (ec) return fail(ErrorCode::ReadFailed, "cannot list the folder: " + ec.message(), folder);
    if (!it->is_regular_file(ec)) continue;
    if (paths.size() >= kMaxFolderFiles) {
      return fail(ErrorCode::ImageTooLarge, "folder holds more than " + std::to_string(kMaxFolderFiles) + " files",
                  folder);
    }
    paths.push_back(it->path().string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Candidate> candidates;
  for (const auto& path : paths) {
    if (lowerCase(fs::path(path).filename().string()) == "dicomdir") continue;
    if (!looksLikeDicom(path)) {
      ++report.notDicom;
      continue;
    }
    addCandidate(path, candidates, report);
  }
  return candidates;
}

// Resolves a DICOMDIR ReferencedFileID relative to the DICOMDIR's folder;
// File IDs are upper case, files on disk may not be.
std::optional<fs::path> resolveFileId(const fs::path& base, const std::vector<std::string>& components) {
  fs::path p = base;
  std::error_code ec;
  for (const auto& component : components) {
    if (component.empty() || component == "." || component == ".." || component.find('/') != std::string::npos) {
      return std::nullopt;  // never leave the DICOMDIR's folder
    }
    fs::path next = p / component;
    if (!fs::exists(next, ec)) {
      bool found = false;
      for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        if (lowerCase(it->path().filename().string()) == lowerCase(component)) {
          next = it->path();
          found = true;
          break;
        }
      }
      if (!found) return std::nullopt;
    }
    p = next;
  }
  return p;
}

Expected<std::vector<Candidate>> scanDicomDir(const std::string& dicomdirPath, ScanReport& report) {
  auto file = detail::loadDicomFile(dicomdirPath);
  if (!file) return tl::unexpected(file.error());
  DcmDataset& ds = *(*file)->getDataset();
  DcmSequenceOfItems* records = nullptr;
  if (ds.findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || records == nullptr) {
    return fail(ErrorCode::NotAnImage, "not a DICOMDIR: no DirectoryRecordSequence (0004,1220)", dicomdirPath);
  }
  const fs::path base = fs::path(dicomdirPath).parent_path();
  std::vector<std::string> paths;
  for (unsigned long i = 0; i < records->card(); ++i) {
    DcmItem* record = records->getItem(i);
    if (record == nullptr) continue;
    const unsigned long n = detail::valueCount(*record, DCM_ReferencedFileID);
    if (n == 0) continue;
    std::vector<std::string> components;
    for (unsigned long k = 0; k < n; ++k) components.push_back(stringValue(*record, DCM_ReferencedFileID, k));
    auto resolved = resolveFileId(base, components);
    if (!resolved) {
      ++report.missing;
      continue;
    }
    paths.push_back(resolved->string());
  }
  if (paths.empty() && report.missing == 0) {
    return fail(ErrorCode::NotAnImage, "the DICOMDIR references no files", dicomdirPath);
  }
  std::vector<Candidate> candidates;
  for (const auto& path : paths) addCandidate(path, candidates, report);
  return candidates;
}

// Groups candidates by SeriesInstanceUID, largest first.
std::vector<std::vector<Candidate*>> groupBySeries(std::vector<Candidate>& candidates) {
  std::map<std::string, std::vector<Candidate*>> groups;
  for (auto& c : candidates) groups[c.seriesUid].push_back(&c);
  std::vector<std::vector<Candidate*>> out;
  for (auto& [uid, members] : groups) out.push_back(std::move(members));
  auto imageCount = [](const std::vector<Candidate*>& g) {
    int n = 0;
    for (const auto* c : g) n += c->frames;
    return n;
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return imageCount(a) > imageCount(b); });
  return out;
}

std::array<double, 3> sliceNormal(const std::array<double, 6>& o) {
  return {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
}

// Orders the slices of a multi-file series and records the slice spacing.
void sortSlices(std::vector<Image>& slices, std::vector<std::string>& notes) {
  if (slices.size() < 2) return;
  const auto& first = slices.front().meta;
  bool byPosition = first.orientationPatient.has_value();
  for (const auto& s : slices) {
    if (!s.meta.positionPatientMm || !s.meta.orientationPatient) {
      byPosition = false;
      break;
    }
    for (int k = 0; k < 6; ++k) {
      if (std::abs((*s.meta.orientationPatient)[k] - (*first.orientationPatient)[k]) > 1e-3) byPosition = false;
    }
  }
  if (byPosition) {
    const auto normal = sliceNormal(*first.orientationPatient);
    auto key = [&](const Image& im) {
      const auto& p = *im.meta.positionPatientMm;
      return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
    };
    std::stable_sort(slices.begin(), slices.end(), [&](const Image& a, const Image& b) { return key(a) < key(b); });
    std::vector<double> gaps;
    for (std::size_t i = 1; i < slices.size(); ++i) gaps.push_back(key(slices[i]) - key(slices[i - 1]));
    const std::size_t duplicates =
        static_cast<std::size_t>(std::count_if(gaps.begin(), gaps.end(), [](double g) { return std::abs(g) < 1e-4; }));
    if (duplicates > 0) notes.push_back(std::to_string(duplicates) + " slice(s) share a position with another");
    std::vector<double> sorted = gaps;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const auto [lo, hi] = std::minmax_element(gaps.begin(), gaps.end());
    if (median > 0.0) {
      for (auto& s : slices) s.meta.sliceSpacingMm = median;
      if (*hi - *lo > 0.01 * median + 1e-3) {
        notes.push_back("slice spacing is not uniform (" + std::to_string(*lo) + " to " + std::to_string(*hi) + " mm)");
      }
    }
    return;
  }
  const bool haveNumbers =
      std::all_of(slices.begin(), slices.end(), [](const Image& im) { return im.meta.identity.instanceNumber != 0; });
  if (haveNumbers) {
    std::stable_sort(slices.begin(), slices.end(), [](const Image& a, const Image& b) {
      if (a.meta.identity.instanceNumber != b.meta.identity.instanceNumber) {
        return a.meta.identity.instanceNumber < b.meta.identity.instanceNumber;
      }
      return a.meta.frameIndex < b.meta.frameIndex;
    });
    notes.push_back(
        "slices sorted by InstanceNumber: ImagePositionPatient/ImageOrientationPatient missing or inconsistent");
  } else {
    notes.push_back("slices in file name order: neither slice positions nor InstanceNumber available");
  }
}

Expected<ImageSeries> readGroup(std::vector<Candidate*>& group, std::vector<std::string> notes) {
  std::uint64_t samples = 0;
  for (const auto* c : group) samples += c->samples;
  if (samples > detail::kMaxDecodedSamples) {
    return fail(ErrorCode::ImageTooLarge,
                "the series declares " + std::to_string(samples) + " samples, more than EdgeFuse's limit of " +
                    std::to_string(detail::kMaxDecodedSamples),
                group.front()->path);
  }
  ImageSeries series;
  for (auto* c : group) {
    auto images = detail::decodeDicomImages(*c->file, c->path);
    c->file.reset();  // release the dataset as soon as its pixels are decoded
    if (!images) return tl::unexpected(images.error());
    for (auto& im : *images) series.slices.push_back(std::move(im));
  }
  const Image& first = series.slices.front();
  for (const auto& s : series.slices) {
    if (s.width != first.width || s.height != first.height || s.channels != first.channels) {
      return fail(ErrorCode::SizeMismatch,
                  "the series mixes image sizes: " + std::to_string(first.width) + "x" + std::to_string(first.height) +
                      "x" + std::to_string(first.channels) + " and " + std::to_string(s.width) + "x" +
                      std::to_string(s.height) + "x" + std::to_string(s.channels),
                  s.meta.sourcePath);
    }
  }
  if (group.size() > 1) sortSlices(series.slices, notes);
  series.notes = std::move(notes);
  return series;
}

Expected<ImageSeries> readCandidates(Expected<std::vector<Candidate>> scanned, const ScanReport& report,
                                     const std::string& where, const DicomReadOptions& options) {
  if (!scanned) return tl::unexpected(scanned.error());
  std::vector<std::string> notes;
  report.addTo(notes);
  if (scanned->empty()) {
    if (report.unreadable > 0 && report.notImages == 0) {
      return fail(ErrorCode::MalformedData, "no readable DICOM image; first problem: " + report.firstProblem, where);
    }
    if (report.notImages > 0) {
      return fail(ErrorCode::NotAnImage,
                  "no DICOM image found: " + std::to_string(report.notImages) + " DICOM object(s) without pixel data",
                  where);
    }
    return fail(ErrorCode::NotAnImage, "no DICOM image found", where);
  }
  auto groups = groupBySeries(*scanned);
  std::size_t chosen = 0;
  if (!options.seriesInstanceUid.empty()) {
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.front()->seriesUid == options.seriesInstanceUid; });
    if (it == groups.end()) {
      return fail(ErrorCode::InvalidArgument, "no series " + options.seriesInstanceUid + " here", where);
    }
    chosen = static_cast<std::size_t>(it - groups.begin());
  } else if (groups.size() > 1) {
    const Candidate& c = *groups.front().front();
    notes.push_back("found " + std::to_string(groups.size()) + " series; read the largest: " + c.modality + " '" +
                    c.description + "' (" + c.seriesUid + ")");
  }
  if (groups[chosen].front()->seriesUid.empty()) notes.push_back("files without SeriesInstanceUID read as one series");
  return readGroup(groups[chosen], std::move(notes));
}

}  // namespace

bool looksLikeDicom(const std::string& path) {
  const fs::path p(path);
  const std::string name = lowerCase(p.filename().string());
  const std::string ext = lowerCase(p.extension().string());
  if (name == "dicomdir" || ext == ".dcm" || ext == ".dicom") return true;
  std::ifstream in(path, std::ios::binary);
  unsigned char header[132] = {};
  in.read(reinterpret_cast<char*>(header), sizeof header);
  const auto got = in.gcount();
  if (got == 132 && std::string(reinterpret_cast<char*>(header) + 128, 4) == "DICM") return true;
  if (got < 8) return false;
  // A dataset without preamble starts with its lowest tag: group 0x0002
  // (meta) or 0x0008 (identification), in little or big endian, followed by
  // an explicit VR of two upper-case letters or an implicit 32-bit length.
  const unsigned littleGroup = header[0] | (header[1] << 8);
  const unsigned bigGroup = (header[0] << 8) | header[1];
  const unsigned littleElement = header[2] | (header[3] << 8);
  const unsigned bigElement = (header[2] << 8) | header[3];
  const bool plausibleTag = ((littleGroup == 0x0002 || littleGroup == 0x0008) && littleElement < 0x0100) ||
                            ((bigGroup == 0x0002 || bigGroup == 0x0008) && bigElement < 0x0100);
  if (!plausibleTag) return false;
  const bool explicitVr = std::isupper(header[4]) && std::isupper(header[5]);
  const bool implicitLength = header[6] == 0 && header[7] == 0 && header[4] < 0x80;
  return explicitVr || implicitLength;
}

Expected<ImageSeries> readDicomFile(const std::string& path) {
  std::error_code ec;
  if (auto reachable = checkInputPath(path, "file not found"); !reachable) return tl::unexpected(reachable.error());
  if (!fs::is_regular_file(path, ec)) return fail(ErrorCode::ReadFailed, "not a regular file", path);
  if (fs::file_size(path, ec) == 0 && !ec) {
    return fail(ErrorCode::MalformedData, "the DICOM file is empty (0 bytes): damaged, or not copied completely", path);
  }
  auto file = detail::loadDicomFile(path);
  if (!file) return tl::unexpected(file.error());
  if (detail::isDicomDir(**file)) return readDicomDir(path);
  auto images = detail::decodeDicomImages(**file, path);
  if (!images) return tl::unexpected(images.error());
  ImageSeries series;
  series.slices = std::move(*images);
  return series;
}

Expected<ImageSeries> readDicomFolder(const std::string& folder, const DicomReadOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return fail(ErrorCode::FileNotFound, "folder not found", folder);
  ScanReport report;
  auto scanned = scanFolder(folder, report);
  return readCandidates(std::move(scanned), report, folder, options);
}

Expected<ImageSeries> readDicomDir(const std::string& dicomdirPath, const DicomReadOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(dicomdirPath, ec)) return fail(ErrorCode::FileNotFound, "file not found", dicomdirPath);
  ScanReport report;
  auto scanned = scanDicomDir(dicomdirPath, report);
  return readCandidates(std::move(scanned), report, dicomdirPath, options);
}

Expected<ImageSeries> readDicom(const std::string& path, const DicomReadOptions& options) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    const fs::path dicomdir = fs::path(path) / "DICOMDIR";
    if (fs::is_regular_file(dicomdir, ec)) return readDicomDir(dicomdir.string(), options);
    return readDicomFolder(path, options);
  }
  if (!fs::exists(path, ec)) return fail(ErrorCode::FileNotFound, "file not found", path);
  if (!options.seriesInstanceUid.empty()) {
    auto file = detail::loadDicomFile(path);
    if (file && detail::isDicomDir(**file)) return readDicomDir(path, options);
  }
  return readDicomFile(path);
}

Expected<std::vector<DicomSeriesSummary>> listDicomSeries(const std::string& path) {
  std::error_code ec;
  ScanReport report;
  Expected<std::vector<Candidate>> scanned;
  if (fs::is_directory(path, ec)) {
    const fs::path dicomdir = fs::path(path) / "DICOMDIR";
    scanned = fs::is_regular_file(dicomdir, ec) ? scanDicomDir(dicomdir.string(), report) : scanFolder(path, report);
  } else {
    auto file = detail::loadDicomFile(path);
    if (!file) return tl::unexpected(file.error());
    if (detail::isDicomDir(**file)) {
      scanned = scanDicomDir(path, report);
    } else {
      std::vector<Candidate> one;
      addCandidate(path, one, report);
      scanned = std::move(one);
    }
  }
  if (!scanned) return tl::unexpected(scanned.error());
  std::vector<DicomSeriesSummary> out;
  for (const auto& group : groupBySeries(*scanned)) {
    DicomSeriesSummary s;
    s.seriesInstanceUid = group.front()->seriesUid;
    s.modality = group.front()->modality;
    s.seriesDescription = group.front()->description;
    s.seriesNumber = group.front()->seriesNumber;
    s.fileCount = static_cast<int>(group.size());
    for (const auto* c : group) s.imageCount += c->frames;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace edgefuse
