#include "bimi/vmc/logo_hash.hpp"

#include <zlib.h>

#include <array>
#include <climits>

#include "bimi/vmc/logo_bytes.hpp"
#include "ossl.hpp"

namespace bimi::vmc {
namespace {

const EVP_MD* md_for(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::sha1: return EVP_sha1();
    case HashAlgorithm::sha256: return EVP_sha256();
    case HashAlgorithm::sha384: return EVP_sha384();
    case HashAlgorithm::sha512: return EVP_sha512();
  }
  return EVP_sha256();
}

}  // namespace

std::string_view to_string(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::sha1: return "sha1";
    case HashAlgorithm::sha256: return "sha256";
    case HashAlgorithm::sha384: return "sha384";
    case HashAlgorithm::sha512: return "sha512";
  }
  return "sha256";
}

std::size_t digest_size(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::sha1: return 20;
    case HashAlgorithm::sha256: return 32;
    case HashAlgorithm::sha384: return 48;
    case HashAlgorithm::sha512: return 64;
  }
  return 32;
}

std::string digest(HashAlgorithm algorithm, std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, md_for(algorithm), nullptr) != 1) {
    ossl::clear_errors();
    return {};
  }
  return std::string(reinterpret_cast<const char*>(out.data()), size);
}

std::string hex_digest(HashAlgorithm algorithm, std::string_view bytes) {
  return to_hex(digest(algorithm, bytes));
}

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    text += digits[b >> 4];
    text += digits[b & 0x0f];
  }
  return text;
}

LogoHashes hash_logo(std::string_view bytes) {
  ossl::clear_errors();
  LogoHashes result;
  result.sha256 = hex_digest(HashAlgorithm::sha256, bytes);
  result.sha1 = hex_digest(HashAlgorithm::sha1, bytes);
  result.input_gzipped = is_gzip(bytes);
  if (result.input_gzipped) {
    result.warnings.add("gzipped-input", Severity::warning,
                        "the input is gzip data: these hashes are over the compressed bytes, while a "
                        "certificate's logotype hash is over the uncompressed SVG; hash the SVG instead");
  } else {
    auto traits = logo_byte_traits(bytes);
    if (traits.crlf) {
      result.warnings.add("crlf", Severity::warning,
                          "the file has CRLF line ends; editors and git often change them to LF, which "
                          "changes the hash");
    }
    if (traits.bom) {
      result.warnings.add("bom", Severity::warning,
                          "the file starts with a UTF-8 byte order mark; tools often drop it, which "
                          "changes the hash");
    }
    // One final LF is the normalized form bimi convert writes; only other endings are worth a warning.
    if (traits.final_line_breaks > normalized_final_line_breaks ||
        (traits.final_line_breaks == 1 && bytes.back() == '\r')) {
      result.warnings.add("trailing-newline", Severity::warning,
                          "the file ends with " +
                              (traits.final_line_breaks == 1 ? std::string("a lone CR")
                                                             : std::to_string(traits.final_line_breaks) + " line breaks") +
                              "; tools often trim them to the single LF bimi convert writes, which changes the hash");
    }
  }
  result.gzip_base64 = base64_encode(result.input_gzipped ? bytes : std::string_view(gzip(bytes)));
  result.data_uri = "data:image/svg+xml;base64," + result.gzip_base64;
  return result;
}

}  // namespace bimi::vmc
