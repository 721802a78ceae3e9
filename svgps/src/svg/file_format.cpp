#include "bimi/svgps/file_format.hpp"

#include <array>
#include <string>

namespace bimi::svgps {
namespace {

bool has_at(std::string_view bytes, std::size_t at, std::string_view signature) {
  return bytes.size() >= at + signature.size() && bytes.compare(at, signature.size(), signature) == 0;
}

// ISO base media files (ISO/IEC 14496-12 §4.3) start with a box of type "ftyp" whose major brand
// names the format: AVIF (AV1 Image File Format) and HEIF/HEIC (ISO/IEC 23008-12) are both.
FileFormat sniff_iso_media(std::string_view bytes) {
  if (!has_at(bytes, 4, "ftyp") || bytes.size() < 12) return FileFormat::other;
  std::string_view brand = bytes.substr(8, 4);
  if (brand == "avif" || brand == "avis") return FileFormat::avif;
  constexpr std::array<std::string_view, 8> heif_brands{"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"};
  for (auto heif : heif_brands) {
    if (brand == heif) return FileFormat::heic;
  }
  return FileFormat::other;
}

}  // namespace

FileFormat sniff_format(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (has_at(bytes, 0, "\x1f\x8b"sv)) return FileFormat::gzip;                      // RFC 1952 §2.3.1
  if (has_at(bytes, 0, "\x89PNG\r\n\x1a\n"sv)) return FileFormat::png;              // PNG §5.2
  if (has_at(bytes, 0, "\xff\xd8\xff"sv)) return FileFormat::jpeg;                  // JPEG SOI and a marker
  if (has_at(bytes, 0, "RIFF") && has_at(bytes, 8, "WEBP")) return FileFormat::webp;  // RFC 9649 (RIFF)
  if (has_at(bytes, 0, "GIF87a") || has_at(bytes, 0, "GIF89a")) return FileFormat::gif;
  if (has_at(bytes, 0, "\0\0\1\0"sv) || has_at(bytes, 0, "\0\0\2\0"sv)) return FileFormat::ico;  // icon, cursor
  if (has_at(bytes, 0, "%PDF-")) return FileFormat::pdf;                            // ISO 32000-2 §7.5.2
  if (has_at(bytes, 0, "II*\0"sv) || has_at(bytes, 0, "MM\0*"sv) || has_at(bytes, 0, "II+\0"sv) ||
      has_at(bytes, 0, "MM\0+"sv)) {
    return FileFormat::tiff;  // TIFF 6.0 §2 header, and BigTIFF
  }
  // "BM" alone is two printable bytes; a bitmap file header also has its reserved fields at zero.
  if (has_at(bytes, 0, "BM") && has_at(bytes, 6, "\0\0\0\0"sv)) return FileFormat::bmp;
  return sniff_iso_media(bytes);
}

std::string_view format_name(FileFormat format) {
  switch (format) {
    case FileFormat::other: return "";
    case FileFormat::gzip: return "gzip";
    case FileFormat::png: return "PNG";
    case FileFormat::jpeg: return "JPEG";
    case FileFormat::webp: return "WebP";
    case FileFormat::gif: return "GIF";
    case FileFormat::ico: return "ICO";
    case FileFormat::pdf: return "PDF";
    case FileFormat::avif: return "AVIF";
    case FileFormat::heic: return "HEIC";
    case FileFormat::tiff: return "TIFF";
    case FileFormat::bmp: return "BMP";
  }
  return "";
}

bool is_foreign_format(FileFormat format) { return format != FileFormat::other && format != FileFormat::gzip; }

std::string foreign_format_message(FileFormat format) {
  std::string message = "file is a " + std::string(format_name(format)) + (format == FileFormat::pdf ? " document" : " image");
  if (format == FileFormat::png || format == FileFormat::jpeg || format == FileFormat::webp || format == FileFormat::gif) {
    return message + ", not SVG; `bimi convert` traces it into an SVG logo";
  }
  return message + "; export the logo as SVG, PNG or JPEG (bimi reads SVG and SVGZ logos, and traces PNG, JPEG, "
                   "WebP and GIF in convert)";
}

}  // namespace bimi::svgps
