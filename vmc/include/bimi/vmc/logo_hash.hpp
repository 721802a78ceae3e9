// The hashes, gzip blob and data: URI of a logo's exact bytes, as CAs and certificates use them.
#pragma once

#include "bimi/base64.hpp"
#include "bimi/gzip.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"

namespace bimi::vmc {

// The largest logo vmc inflates or hashes (the draft asks for 32 KiB; this bound stops gzip bombs).
inline constexpr std::size_t max_logo_bytes = 1u << 20;

enum class HashAlgorithm { sha1, sha256, sha384, sha512 };

std::string_view to_string(HashAlgorithm algorithm);  // "sha1", "sha256", ...
std::size_t digest_size(HashAlgorithm algorithm);

// Lowercase hex of the digest of bytes.
std::string hex_digest(HashAlgorithm algorithm, std::string_view bytes);
// The raw digest bytes.
std::string digest(HashAlgorithm algorithm, std::string_view bytes);

std::string to_hex(std::string_view bytes);

// base64 lives in bimi/base64.hpp, shared with svgps; certificates use its strict mode (the default).
using bimi::base64_decode;
using bimi::base64_encode;

// gzip, is_gzip and gunzip live in bimi/gzip.hpp, shared with svgps.
using bimi::gunzip;
using bimi::gzip;
using bimi::is_gzip;

// What `bimi hash` reports about a logo.
struct LogoHashes {
  std::string sha256;       // lowercase hex over the exact bytes
  std::string sha1;         // lowercase hex over the exact bytes
  std::string gzip_base64;  // base64(gzip(bytes)): the blob CAs ask for
  std::string data_uri;     // "data:image/svg+xml;base64," + gzip_base64
  bool input_gzipped = false;
  Diagnostics warnings;     // crlf, bom, trailing-newline, gzipped-input
};

// Hashes the bytes as given. A gzipped input is hashed as is (and a warning says so): the
// certificate's hash is over the uncompressed SVG.
LogoHashes hash_logo(std::string_view bytes);

}  // namespace bimi::vmc
