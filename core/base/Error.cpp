// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/base/Error.h"

namespace edgefuse {

std::string Error::describe() const {
  if (context.empty()) return message;
  return message + " (" + context + ")";
}

tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string context) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(context)});
}

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid_argument";
    case ErrorCode::FileNotFound:
      return "file_not_found";
    case ErrorCode::ReadFailed:
      return "read_failed";
    case ErrorCode::UnsupportedFormat:
      return "unsupported_format";
    case ErrorCode::UnsupportedTransferSyntax:
      return "unsupported_transfer_syntax";
    case ErrorCode::MalformedData:
      return "malformed_data";
    case ErrorCode::NotAnImage:
      return "not_an_image";
    case ErrorCode::ImageTooLarge:
      return "image_too_large";
    case ErrorCode::SizeMismatch:
      return "size_mismatch";
    case ErrorCode::NoPairs:
      return "no_pairs";
    case ErrorCode::WriteFailed:
      return "write_failed";
    case ErrorCode::WouldOverwriteSource:
      return "would_overwrite_source";
    case ErrorCode::OutputExists:
      return "output_exists";
    case ErrorCode::ModelNotFound:
      return "model_not_found";
    case ErrorCode::ModelInvalid:
      return "model_invalid";
    case ErrorCode::ChecksumMismatch:
      return "checksum_mismatch";
    case ErrorCode::DeviceUnavailable:
      return "device_unavailable";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::AlignmentRefused:
      return "alignment_refused";
    case ErrorCode::NetworkFailed:
      return "network_failed";
    case ErrorCode::PeerRefused:
      return "peer_refused";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

int exitCodeFor(ErrorCode code) {
  // Keep in step with docs/cli.md. 0 success, 1 internal, 2 usage.
  switch (code) {
    case ErrorCode::InvalidArgument:
      return 2;
    case ErrorCode::FileNotFound:
      return 3;
    case ErrorCode::ReadFailed:
      return 3;
    case ErrorCode::UnsupportedFormat:
      return 4;
    case ErrorCode::UnsupportedTransferSyntax:
      return 4;
    case ErrorCode::NotAnImage:
      return 4;
    case ErrorCode::MalformedData:
      return 5;
    case ErrorCode::ImageTooLarge:
      return 5;
    case ErrorCode::SizeMismatch:
      return 6;
    case ErrorCode::NoPairs:
      return 6;
    case ErrorCode::WriteFailed:
      return 7;
    case ErrorCode::WouldOverwriteSource:
      return 7;
    case ErrorCode::OutputExists:
      return 7;
    case ErrorCode::ModelNotFound:
      return 8;
    case ErrorCode::ModelInvalid:
      return 8;
    case ErrorCode::ChecksumMismatch:
      return 8;
    case ErrorCode::DeviceUnavailable:
      return 9;
    case ErrorCode::Cancelled:
      return 10;
    case ErrorCode::AlignmentRefused:
      return 11;
    case ErrorCode::NetworkFailed:
      return 12;
    case ErrorCode::PeerRefused:
      return 13;
    case ErrorCode::Internal:
      return 1;
  }
  return 1;
}

}  // namespace edgefuse
