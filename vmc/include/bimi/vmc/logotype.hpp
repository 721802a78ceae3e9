// The logotype extension (RFC 3709, profiled for mark certificates by RFC 9399 and the VMC drafts):
// a strict parser of its DER and a bounded decoder of the `data:` URI that carries the logo.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/vmc/logo_hash.hpp"

namespace bimi::vmc {

struct Error {
  std::string message;
};

inline constexpr std::string_view logotype_oid = "1.3.6.1.5.5.7.1.12";

struct LogotypeHash {
  std::string algorithm_oid;                 // dotted
  std::optional<HashAlgorithm> algorithm;    // when we know it
  std::string value;                         // raw digest bytes
};

struct LogotypeImage {
  std::string media_type;
  std::vector<LogotypeHash> hashes;
  std::vector<std::string> uris;
};

struct Logotype {
  std::vector<LogotypeImage> images;  // subjectLogo, direct
  bool has_other_logos = false;       // communityLogos, issuerLogo or otherLogos were present
};

// Parses the extension's value (the DER inside extnValue). Strict: DER only, the RFC 3709 structure
// with subjectLogo as direct LogotypeData, at least one image, hash and URI, nothing trailing.
std::variant<Logotype, Error> parse_logotype(std::string_view der);

struct EmbeddedLogo {
  std::string media_type;  // from the URI
  std::string svg;         // the logo bytes, inflated when the data was gzip
  bool gzipped = false;
  std::string payload;     // the base64-decoded bytes (the gzip data when gzipped)
};

// Decodes `data:image/svg+xml;base64,...`. Any other scheme, a missing `;base64`, bad base64, bad
// gzip or an inflated size above max_bytes is an error; inflation stops as soon as the bound is hit.
std::variant<EmbeddedLogo, Error> decode_data_uri(std::string_view uri, std::size_t max_bytes = max_logo_bytes);

}  // namespace bimi::vmc
