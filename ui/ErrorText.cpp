// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ErrorText.h"

#include <QCoreApplication>

namespace edgefuse::ui {
QString errorSentence(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return QCoreApplication::translate("ErrorText",
                                         "A setting or input is not valid. Check the values and try again.");
    case ErrorCode::FileNotFound:
      return QCoreApplication::translate("ErrorText",
                                         "The file or folder does not exist. It may have been moved or deleted.");
    case ErrorCode::ReadFailed:
      return QCoreApplication::translate("ErrorText",
                                         "The file could not be read. Check that it is accessible and not in use.");
    case ErrorCode::UnsupportedFormat:
      return QCoreApplication::translate(
          "ErrorText", "This file type or pixel format is not supported. Use PNG, JPEG, TIFF, BMP or DICOM.");
    case ErrorCode::UnsupportedTransferSyntax:
      return QCoreApplication::translate(
          "ErrorText",
          "The DICOM pixel data is compressed in a way EdgeFuse cannot decode. Export the series "
          "uncompressed from your PACS and load it again.");
    case ErrorCode::MalformedData:
      return QCoreApplication::translate("ErrorText", "The file is damaged or incomplete.");
    case ErrorCode::NotAnImage:
      return QCoreApplication::translate(
          "ErrorText",
          "The file is valid but holds no image (for example a structured report or an RT structure set).");
    case ErrorCode::ImageTooLarge:
      return QCoreApplication::translate(
          "ErrorText", "The image is too large to process. Use a smaller image or a classical fusion method.");
    case ErrorCode::SizeMismatch:
      return QCoreApplication::translate(
          "ErrorText", "The two images cannot be brought onto one grid. Register them first, then load them again.");
    case ErrorCode::NoPairs:
      return QCoreApplication::translate("ErrorText", "No matching image pairs were found.");
    case ErrorCode::WriteFailed:
      return QCoreApplication::translate(
          "ErrorText", "The file could not be written. Check the folder's permissions and the free disk space.");
    case ErrorCode::WouldOverwriteSource:
      return QCoreApplication::translate("ErrorText", "That would overwrite a source image. Choose another file name.");
    case ErrorCode::OutputExists:
      return QCoreApplication::translate("ErrorText", "The file exists already and was not replaced.");
    case ErrorCode::ModelNotFound:
      return QCoreApplication::translate(
          "ErrorText",
          "The fusion model was not found. Network fusion is unavailable; the classical methods still work.");
    case ErrorCode::ModelInvalid:
      return QCoreApplication::translate(
          "ErrorText", "The fusion model is damaged or incomplete. Reinstall EdgeFuse or choose another model.");
    case ErrorCode::ChecksumMismatch:
      return QCoreApplication::translate("ErrorText",
                                         "The fusion model's weights do not match their checksum. Reinstall EdgeFuse.");
    case ErrorCode::DeviceUnavailable:
      return QCoreApplication::translate(
          "ErrorText",
          "The requested compute device is not available. Choose “Automatic” or “CPU” in the preferences.");
    case ErrorCode::Cancelled:
      return QCoreApplication::translate("ErrorText", "Cancelled.");
    case ErrorCode::AlignmentRefused:
      return QCoreApplication::translate("ErrorText",
                                         "The two images are not aligned well enough to fuse them with the network. "
                                         "Check how they were aligned, or give a transform.");
    case ErrorCode::NetworkFailed:
      return QCoreApplication::translate(
          "ErrorText",
          "The PACS could not be reached or stopped answering. Check the node's host, port and TLS settings "
          "and the network, then try again.");
    case ErrorCode::PeerRefused:
      return QCoreApplication::translate(
          "ErrorText",
          "The PACS refused the request. Check the node's AE title and that EdgeFuse's AE title is known to the "
          "PACS.");
    case ErrorCode::Internal:
      return QCoreApplication::translate("ErrorText",
                                         "An unexpected error occurred. Please report it with the details below.");
  }
  return QCoreApplication::translate("ErrorText",
                                     "An unexpected error occurred. Please report it with the details below.");
}

QString describeError(const Error& error) {
  const QString sentence = errorSentence(error.code);
  if (error.message.empty() || error.code == ErrorCode::Cancelled) return sentence;
  return QCoreApplication::translate("ErrorText", "%1 (Details: %2)")
      .arg(sentence, QString::fromStdString(error.describe()));
}

QString describeLoadError(const Error& error) {
  if (error.code != ErrorCode::ImageTooLarge) return describeError(error);
  const QString sentence = QCoreApplication::translate(
      "ErrorText",
      "The image is larger than EdgeFuse can open. Reduce it with another program first, or open a smaller "
      "series.");
  if (error.message.empty()) return sentence;
  return QCoreApplication::translate("ErrorText", "%1 (Details: %2)")
      .arg(sentence, QString::fromStdString(error.describe()));
}

}  // namespace edgefuse::ui
