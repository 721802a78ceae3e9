// What a file is, by its leading bytes (magic numbers), never by its name: the one place every
// command learns whether it was given SVG, SVGZ, a bitmap it traces, or a format it cannot read.
#pragma once

#include <string>
#include <string_view>

namespace bimi::svgps {

enum class FileFormat {
  other,  // no known signature: read as SVG text
  gzip,   // SVGZ
  png,
  jpeg,
  webp,
  gif,
  ico,
  pdf,
  avif,
  heic,
  tiff,
  bmp,
};

FileFormat sniff_format(std::string_view bytes);

// "PNG", "WebP", …; empty for `other`.
std::string_view format_name(FileFormat format);

// A bitmap or document format that is not SVG (gzip and `other` are not: they may hold SVG).
bool is_foreign_format(FileFormat format);

// One line for a file in a foreign format, naming it: "file is a WebP image; bimi reads …".
std::string foreign_format_message(FileFormat format);

}  // namespace bimi::svgps
