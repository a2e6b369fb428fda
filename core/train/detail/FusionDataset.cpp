// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/train/detail/FusionDataset.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <algorithm>
#include <filesystem>

#include "core/base/AtomicFile.h"
#include "core/image/CaseId.h"
#ifdef EDGEFUSE_WITH_IO
#include "core/image/Color.h"
#include "core/io/ImageReader.h"
#endif

namespace fs = std::filesystem;

namespace edgefuse::detail {
namespace {

struct KindSpec {
  const char* kind;
  const char* other;
};
constexpr KindSpec kKinds[] = {{"CT-MRI", "CT"}, {"PET-MRI", "PET"}, {"SPECT-MRI", "SPECT"}};

Expected<std::vector<DatasetImage>> loadPacked(const std::string& path) {
  auto bytes = readFile(path);
  if (!bytes) return tl::unexpected(bytes.error());
  c10::IValue value;
  try {
    value = torch::jit::pickle_load(std::vector<char>(bytes->begin(), bytes->end()));
  } catch (const std::exception& e) {
    return fail(ErrorCode::MalformedData, std::string("not a packed EdgeFuse dataset: ") + e.what(), path);
  }
  if (!value.isGenericDict()) return fail(ErrorCode::MalformedData, "not a packed EdgeFuse dataset", path);
  const auto dict = value.toGenericDict();
  for (const char* key : {"images", "kinds", "roles", "names"}) {
    if (!dict.contains(key))
      return fail(ErrorCode::MalformedData, std::string("packed dataset lacks '") + key + "'", path);
  }
  const at::Tensor images = dict.at("images").toTensor();
  const auto kinds = dict.at("kinds").toList(), roles = dict.at("roles").toList(), names = dict.at("names").toList();
  if (images.dim() != 3 || images.size(0) != static_cast<std::int64_t>(names.size()) || kinds.size() != names.size() ||
      roles.size() != names.size()) {
    return fail(ErrorCode::MalformedData, "packed dataset fields disagree in length", path);
  }
  std::vector<DatasetImage> out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    DatasetImage image;
    image.kind = kinds.get(i).toStringRef();
    image.role = roles.get(i).toStringRef();
    image.name = names.get(i).toStringRef();
    image.caseId = caseIdOf(image.name);
    image.pixels = images[static_cast<std::int64_t>(i)].to(at::kFloat).clone();
    out.push_back(std::move(image));
  }
  return out;
}

#ifdef EDGEFUSE_WITH_IO
Expected<std::vector<DatasetImage>> loadFolder(const std::string& folder) {
  std::vector<DatasetImage> out;
  for (const auto& spec : kKinds) {
    for (const char* role : {"MRI", spec.other}) {
      const fs::path dir = fs::path(folder) / spec.kind / role;
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) {
        return fail(ErrorCode::FileNotFound, "expected an AANLIB folder with CT-MRI/, PET-MRI/ and SPECT-MRI/",
                    dir.string());
      }
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".png") files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        auto image = readImage(file.string());
        if (!image) return tl::unexpected(image.error());
        const Image grey = image->channels == 3 ? lumaOf(*image) : *image;
        DatasetImage d;
        d.kind = spec.kind;
        d.role = role;
        d.name = file.filename().string();
        d.caseId = caseIdOf(d.name);
        d.pixels = at::from_blob(const_cast<float*>(grey.pixels.data()), {grey.height, grey.width}, at::kFloat).clone();
        out.push_back(std::move(d));
      }
    }
  }
  return out;
}
#endif

}  // namespace

Expected<std::vector<DatasetImage>> loadFusionDataset(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return loadPacked(path);
  if (!fs::is_directory(path, ec)) return fail(ErrorCode::FileNotFound, "training data not found", path);
#ifdef EDGEFUSE_WITH_IO
  return loadFolder(path);
#else
  return fail(ErrorCode::UnsupportedFormat,
              "this build has no image reader (engine-only build): pack the data with 'edgefuse-train pack' on a "
              "full build and pass the packed file",
              path);
#endif
}

Expected<void> savePackedDataset(const std::vector<DatasetImage>& images, const std::string& path) {
  if (images.empty()) return fail(ErrorCode::InvalidArgument, "nothing to pack");
  std::vector<at::Tensor> pixels;
  c10::List<std::string> kinds, roles, names;
  for (const auto& image : images) {
    if (image.pixels.sizes() != images.front().pixels.sizes()) {
      return fail(ErrorCode::SizeMismatch, "packed datasets need images of one size", image.name);
    }
    pixels.push_back(image.pixels.round().clamp(0, 255).to(at::kByte));
    kinds.push_back(image.kind);
    roles.push_back(image.role);
    names.push_back(image.name);
  }
  c10::impl::GenericDict dict(c10::StringType::get(), c10::AnyType::get());
  dict.insert("format", std::string("edgefuse-fusion-dataset-1"));
  dict.insert("images", at::stack(pixels));
  dict.insert("kinds", kinds);
  dict.insert("roles", roles);
  dict.insert("names", names);
  const std::vector<char> bytes = torch::jit::pickle_save(c10::IValue(dict));
  return writeFileAtomically(path, std::string_view(bytes.data(), bytes.size()));
}

}  // namespace edgefuse::detail
