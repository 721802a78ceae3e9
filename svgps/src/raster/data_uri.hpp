// The bytes of a data: URI (RFC 2397), for bitmaps embedded in SVG.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bimi::svgps::raster {

struct DataUri {
  std::string media_type;  // lower-cased, parameters dropped ("image/png")
  std::string bytes;
};

// nullopt unless `uri` is a well-formed data: URI whose payload decodes within `max_bytes`.
// Base64 payloads may contain XML whitespace; percent-encoded payloads are decoded too.
std::optional<DataUri> decode_data_uri(std::string_view uri, std::size_t max_bytes);

}  // namespace bimi::svgps::raster
