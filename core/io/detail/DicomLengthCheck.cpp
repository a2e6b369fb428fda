// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/detail/DicomLengthCheck.h"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string_view>
#include <vector>

namespace edgefuse::detail {
namespace {

constexpr std::string_view kDeflatedSyntax = "1.2.840.10008.1.2.1.99";
// Inflating stops here: a deflated dataset beyond this is refused.
constexpr std::size_t kMaxInflatedBytes = std::size_t{1} << 30;

std::uint32_t le16(const std::string& b, std::size_t at) {
  return static_cast<unsigned char>(b[at]) | (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8);
}
std::uint32_t le32(const std::string& b, std::size_t at) {
  return le16(b, at) | (le16(b, at + 2) << 16);
}

// Explicit VRs with a 16-bit length (PS3.5 7.1.2); every other VR, and any
// non-standard one (as DCMTK assumes), has a reserved field and a 32-bit length.
bool hasLongLength(char a, char b) {
  for (const char* v : {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO",
                        "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US"}) {
    if (a == v[0] && b == v[1]) return false;
  }
  return true;
}

std::string tagText(std::uint32_t group, std::uint32_t element) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "(%04X,%04X)", group, element);
  return buffer;
}

// Inflates raw deflate data (RFC 1951, as PS3.5 A.5 specifies), or zlib data
// that some writers produce; false when the stream is not deflate at all.
bool inflateAll(const char* data, std::size_t size, int windowBits, std::string& out, bool& tooLarge) {
  z_stream stream{};
  if (inflateInit2(&stream, windowBits) != Z_OK) return false;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
  stream.avail_in = static_cast<uInt>(size);
  std::vector<char> chunk(1 << 16);
  int status = Z_OK;
  out.clear();
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - stream.avail_out);
    if (out.size() > kMaxInflatedBytes) {
      tooLarge = true;
      break;
    }
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;  // truncated stream: walk what there is
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END || status == Z_OK || status == Z_BUF_ERROR;
}

// Walks explicit VR little endian elements; every defined length must fit in
// what remains. Sequence and item contents are walked (they hold elements);
// the fragments of encapsulated pixel data are skipped.
Expected<void> walk(const std::string& b, const std::string& path) {
  std::size_t at = 0;
  // Depth of undefined-length pixel data (fragment items follow) vs sequences.
  std::vector<bool> inFragments;
  while (at + 8 <= b.size()) {
    const std::uint32_t group = le16(b, at);
    const std::uint32_t element = le16(b, at + 2);
    const std::size_t remaining = b.size() - at;
    if (group == 0xFFFE) {
      const std::uint32_t length = le32(b, at + 4);
      at += 8;
      if (element == 0xE000) {  // item
        const bool fragment = !inFragments.empty() && inFragments.back();
        if (length == 0xFFFFFFFF) continue;
        if (length > b.size() - at) {
          return fail(ErrorCode::MalformedData,
                      "an item declares " + std::to_string(length) + " bytes but only " +
                          std::to_string(b.size() - at) + " remain",
                      path);
        }
        if (fragment) at += length;
      } else if (element == 0xE0DD && !inFragments.empty()) {  // sequence delimiter
        inFragments.pop_back();
      }
      continue;
    }
    const bool longLength = hasLongLength(b[at + 4], b[at + 5]);
    if (longLength && remaining < 12) break;
    const std::uint32_t length = longLength ? le32(b, at + 8) : le16(b, at + 6);
    const bool isSequence = b[at + 4] == 'S' && b[at + 5] == 'Q';
    at += longLength ? 12 : 8;
    if (length == 0xFFFFFFFF) {
      inFragments.push_back(!isSequence && !(b[at - 8] == 'U' && b[at - 7] == 'N'));
      continue;
    }
    if (length > b.size() - at) {
      return fail(ErrorCode::MalformedData,
                  "element " + tagText(group, element) + " declares " + std::to_string(length) + " bytes but only " +
                      std::to_string(b.size() - at) + " remain (deflated dataset)",
                  path);
    }
    if (!isSequence) at += length;  // a defined-length sequence's items are walked in place
  }
  return {};
}

}  // namespace

Expected<void> checkDeflatedElementLengths(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string header(132, '\0');
  in.read(header.data(), 132);
  if (in.gcount() != 132 || header.compare(128, 4, "DICM") != 0) return {};
  // The file meta group is explicit VR little endian and never deflated.
  std::string meta;
  std::string transferSyntax;
  for (;;) {
    char tag[8];
    in.read(tag, 8);
    if (in.gcount() != 8) return {};
    const std::string t(tag, 8);
    if (le16(t, 0) != 0x0002) {
      in.seekg(-8, std::ios::cur);
      break;
    }
    std::uint32_t length = le16(t, 6);
    if (hasLongLength(tag[4], tag[5])) {
      char extra[4];
      in.read(extra, 4);
      if (in.gcount() != 4) return {};
      length = le32(std::string(extra, 4), 0);
    }
    if (length > (1U << 16)) return {};  // not a sane meta header: DCMTK reports it
    std::string value(length, '\0');
    in.read(value.data(), length);
    if (static_cast<std::uint32_t>(in.gcount()) != length) return {};
    if (le16(t, 2) == 0x0010) {
      transferSyntax = value;
      while (!transferSyntax.empty() && (transferSyntax.back() == '\0' || transferSyntax.back() == ' ')) {
        transferSyntax.pop_back();
      }
    }
  }
  if (transferSyntax != kDeflatedSyntax) return {};
  const std::string deflated((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string inflated;
  bool tooLarge = false;
  bool ok = inflateAll(deflated.data(), deflated.size(), -MAX_WBITS, inflated, tooLarge);
  if (!ok && !tooLarge) ok = inflateAll(deflated.data(), deflated.size(), MAX_WBITS, inflated, tooLarge);
  if (tooLarge) {
    return fail(ErrorCode::ImageTooLarge, "the deflated dataset inflates to more than 1 GiB", path);
  }
  if (!ok) return {};  // DCMTK reports the broken stream itself
  return walk(inflated, path);
}

}  // namespace edgefuse::detail
