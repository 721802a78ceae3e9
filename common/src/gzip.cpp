#include "bimi/gzip.hpp"

#include <zlib.h>

#include <climits>

namespace bimi {

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gzip(std::string_view bytes) {
  z_stream stream{};
  // windowBits 15 + 16 writes a gzip wrapper; zlib's default header has mtime 0 and OS 255 (unknown).
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    return {};
  }
  gz_header header{};
  header.os = 255;
  deflateSetHeader(&stream, &header);
  std::string out;
  out.resize(deflateBound(&stream, static_cast<uLong>(bytes.size())) + 32);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return {};
  return out;
}

std::optional<std::string> gunzip(std::string_view bytes, std::size_t max_output, std::string& error) {
  if (!is_gzip(bytes)) {
    error = "not gzip data";
    return std::nullopt;
  }
  if (bytes.size() > static_cast<std::size_t>(UINT_MAX)) {
    error = "gzip data too large";
    return std::nullopt;
  }
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) {
    error = "cannot start zlib";
    return std::nullopt;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[16384];
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      error = status == Z_BUF_ERROR ? "gzip data is truncated"
                                    : std::string("gzip data is corrupt") +
                                          (stream.msg != nullptr ? std::string(": ") + stream.msg : "");
      inflateEnd(&stream);
      return std::nullopt;
    }
    std::size_t produced = sizeof buffer - stream.avail_out;
    if (out.size() + produced > max_output) {
      error = "gzip data inflates to more than " + std::to_string(max_output) + " bytes";
      inflateEnd(&stream);
      return std::nullopt;
    }
    out.append(buffer, produced);
    if (status == Z_OK && produced == 0 && stream.avail_in == 0) {
      error = "gzip data is truncated";
      inflateEnd(&stream);
      return std::nullopt;
    }
  }
  bool trailing = stream.avail_in != 0;
  inflateEnd(&stream);
  if (trailing) {
    error = "unexpected bytes after the gzip data";
    return std::nullopt;
  }
  return out;
}

}  // namespace bimi
