// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <tl/expected.hpp>

namespace edgefuse {

/// What went wrong, as a stable code. The UI maps each code to a translated
/// sentence, the CLI to an exit code (see docs/cli.md); `errorCodeName` gives
/// the snake_case identifier used in JSON output.
enum class ErrorCode {
  InvalidArgument,            ///< a parameter or option value is not valid
  FileNotFound,               ///< an input path does not exist
  ReadFailed,                 ///< an input exists but could not be read
  UnsupportedFormat,          ///< the file type or pixel format is not supported
  UnsupportedTransferSyntax,  ///< DICOM pixel data in a transfer syntax we cannot decode
  MalformedData,              ///< the file is truncated or violates its format
  NotAnImage,                 ///< a valid file that holds no image (RTSTRUCT, SR, …)
  ImageTooLarge,              ///< dimensions beyond what EdgeFuse will allocate
  SizeMismatch,               ///< two images that must match do not
  NoPairs,                    ///< a folder pair holds no matching file names
  WriteFailed,                ///< an output could not be written
  WouldOverwriteSource,       ///< an output path is one of the inputs
  OutputExists,               ///< an output exists and overwriting was not allowed
  ModelNotFound,              ///< a model name, folder or file does not exist
  ModelInvalid,               ///< weights or manifest are malformed or incomplete
  ChecksumMismatch,           ///< weights do not match the manifest's sha256
  DeviceUnavailable,          ///< the requested compute device is not available
  Cancelled,                  ///< the user cancelled the request
  AlignmentRefused,           ///< the pair is not aligned well enough (gate), or registration failed
  NetworkFailed,              ///< a network peer could not be reached, did not answer in time, or went away
  PeerRefused,                ///< a network peer refused the association or the request
  Internal,                   ///< a bug or an unexpected library failure
};

/// An error as a value: a code, an English developer message, and context
/// (a file, a tag, a stage). Thread-safe to copy; crosses threads and modules.
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string context;

  /// "message (context)" or just the message.
  std::string describe() const;
};

template <typename T>
using Expected = tl::expected<T, Error>;

/// Shorthand for returning a failure: `return fail(ErrorCode::X, "...")`.
tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string context = {});

/// Stable snake_case identifier of a code, e.g. "file_not_found".
const char* errorCodeName(ErrorCode code);

/// The documented exit code of edgefuse-cli for an error code (docs/cli.md).
int exitCodeFor(ErrorCode code);

}  // namespace edgefuse
