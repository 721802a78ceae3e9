// Paths as URI references, for SARIF's artifactLocation.uri (SARIF 2.1.0 §3.4.3, RFC 3986).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace bimi::cli {

// Every byte but RFC 3986's unreserved characters and the '/' separator percent-encoded
// (RFC 3986 §2.1, §3.3), so spaces, '#', '%', ':' and UTF-8 bytes are all safe: a ':' in a
// relative path's first segment would otherwise read as a scheme (§4.2).
std::string percent_encode_path(std::string_view path);

// The file: URI of an absolute path, "file:///…" (RFC 8089 §2).
std::string file_uri(const std::filesystem::path& absolute);

}  // namespace bimi::cli
