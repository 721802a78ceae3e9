// Hostile documents for the render tests, generated here so that nothing large
// is committed.
#pragma once

#include <cstdint>
#include <string>
#include <zlib.h>

#include "test_support.hpp"

namespace bimi::test {

inline std::string base64(const std::string& bytes) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t v = (std::uint8_t(bytes[i]) << 16) | (std::uint8_t(bytes[i + 1]) << 8) | std::uint8_t(bytes[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += digits[(v >> s) & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t v = std::uint8_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= std::uint8_t(bytes[i + 1]) << 8;
    out += digits[(v >> 18) & 63];
    out += digits[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? digits[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

inline std::string big_endian32(std::uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

inline std::string png_chunk(const std::string& type, const std::string& data) {
  std::string body = type + data;
  auto crc =
      static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
  return big_endian32(static_cast<std::uint32_t>(data.size())) + body + big_endian32(crc);
}

// A whole, valid RGB PNG of width × height in one colour: rows of zeros
// compress to almost nothing.
inline std::string solid_png(std::uint32_t width, std::uint32_t height) {
  std::string ihdr = big_endian32(width) + big_endian32(height) + std::string("\x08\x02\x00\x00\x00", 5);
  z_stream z{};
  deflateInit(&z, 9);
  std::string row(1 + std::size_t(width) * 3, '\0'), compressed;
  std::string buffer(1 << 16, '\0');
  for (std::uint32_t y = 0; y <= height; ++y) {
    bool last = y == height;
    z.next_in = reinterpret_cast<Bytef*>(row.data());
    z.avail_in = last ? 0 : static_cast<uInt>(row.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      compressed.append(buffer.data(), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", compressed) +
         png_chunk("IEND", "");
}

// A PNG that is only its header: the size it declares, no pixels to decode.
inline std::string png_header(std::uint32_t width, std::uint32_t height) {
  std::string ihdr = big_endian32(width) + big_endian32(height) + std::string("\x08\x02\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IEND", "");
}

// The markers of a progressive JPEG: a frame header and `scans` scans with one
// byte of data each.
inline std::string jpeg_with_scans(int width, int height, int scans) {
  std::string jpeg("\xFF\xD8", 2);
  jpeg += std::string("\xFF\xC2\x00\x0B\x08", 5) + char(height >> 8) + char(height) + char(width >> 8) + char(width) +
          std::string("\x01\x01\x11\x00", 4);
  for (int i = 0; i < scans; ++i) jpeg += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x00", 11);
  return jpeg + std::string("\xFF\xD9", 2);
}

inline std::string image_logo(const std::string& media_type, const std::string& bytes) {
  return good_logo(
      "<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n<image "
      "width=\"100\" height=\"100\" href=\"data:" +
      media_type + ";base64," + base64(bytes) + "\"/>\n");
}

inline std::string text_logo(std::size_t characters, const std::string& font_size = "10") {
  return good_logo(
      "<rect width=\"100\" height=\"100\" "
      "fill=\"#ffffff\"/>\n<text y=\"50\" font-size=\"" +
      font_size + "\">" + std::string(characters, 'W') + "</text>\n");
}

}  // namespace bimi::test
