// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/registration/TransformFile.h"

#include <itkAffineTransform.h>
#include <itkMatrixOffsetTransformBase.h>
#include <itkTransformFactory.h>
#include <itkTransformFileReader.h>
#include <itkTransformFileWriter.h>
#include <itkTxtTransformIOFactory.h>

#include <filesystem>
#include <mutex>

#include "core/base/AtomicFile.h"

namespace edgefuse {
namespace {

void registerTransformIo() {
  static std::once_flag once;
  std::call_once(once, [] {
    itk::TxtTransformIOFactory::RegisterOneFactory();
    itk::TransformFactoryBase::RegisterDefaultTransforms();
  });
}

template <unsigned D>
bool toAffine(const itk::TransformBaseTemplate<double>* base, AffineTransform& out) {
  using Linear = itk::MatrixOffsetTransformBase<double, D, D>;
  const auto* linear = dynamic_cast<const Linear*>(base);
  if (!linear) return false;
  const auto m = linear->GetMatrix();
  const auto o = linear->GetOffset();
  out = AffineTransform::identity();
  for (unsigned r = 0; r < D; ++r) {
    for (unsigned c = 0; c < D; ++c) out.m[r * 4 + c] = m(r, c);
    out.m[r * 4 + 3] = o[r];
  }
  return true;
}

}  // namespace

Expected<void> writeItkTransform(const std::string& path, const AffineTransform& t, const OutputPolicy& policy) {
  registerTransformIo();
  auto transform = itk::AffineTransform<double, 3>::New();
  itk::AffineTransform<double, 3>::MatrixType matrix;
  itk::AffineTransform<double, 3>::OutputVectorType offset;
  for (unsigned r = 0; r < 3; ++r) {
    for (unsigned c = 0; c < 3; ++c) matrix(r, c) = t.m[r * 4 + c];
    offset[r] = t.m[r * 4 + 3];
  }
  transform->SetMatrix(matrix);
  transform->SetOffset(offset);
  return writeAtomically(path, policy, [&](const std::string& temporary) -> Expected<void> {
    try {
      auto writer = itk::TransformFileWriterTemplate<double>::New();
      writer->SetFileName(temporary);
      writer->SetInput(transform);
      writer->Update();
    } catch (const itk::ExceptionObject& e) {
      return fail(ErrorCode::WriteFailed, std::string("cannot write the transform file: ") + e.GetDescription(), path);
    }
    return {};
  });
}

Expected<AffineTransform> readItkTransform(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(ErrorCode::FileNotFound, "the transform file does not exist", path);
  }
  registerTransformIo();
  auto reader = itk::TransformFileReaderTemplate<double>::New();
  reader->SetFileName(path);
  try {
    reader->Update();
  } catch (const itk::ExceptionObject& e) {
    return fail(ErrorCode::MalformedData,
                std::string("not a readable ITK transform file: ") + std::string(e.GetDescription()).substr(0, 200),
                path);
  }
  const auto* list = reader->GetTransformList();
  if (!list || list->empty()) return fail(ErrorCode::MalformedData, "the transform file holds no transform", path);
  if (list->size() > 1) {
    return fail(ErrorCode::UnsupportedFormat, "the transform file holds several transforms; one linear is supported",
                path);
  }
  const auto* base = list->front().GetPointer();
  AffineTransform out;
  if (toAffine<3>(base, out) || toAffine<2>(base, out)) {
    if (!out.invertible()) return fail(ErrorCode::MalformedData, "the transform is not invertible", path);
    return out;
  }
  return fail(ErrorCode::UnsupportedFormat,
              std::string("only linear transforms are supported, not ") + base->GetNameOfClass(), path);
}

}  // namespace edgefuse
