// PNG through libpng's simplified API (every colour type, depth, tRNS and interlacing handled by
// the library) and JPEG through libjpeg-turbo; both check the pixel count from the header first.
// WebP and GIF have their own files (decoders.hpp); decode_raster picks by signature.
#include <png.h>
// jpeglib.h needs size_t and FILE declared first.
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>

#include <algorithm>
#include <csetjmp>
#include <cstring>
#include <memory>

#include "bimi/handle.hpp"
#include "bimi/svgps/file_format.hpp"
#include "bimi/svgps/raster.hpp"
#include "raster/decoders.hpp"

namespace bimi::svgps {
namespace {

using raster::too_many_pixels;

std::optional<Image> decode_png(std::string_view bytes, const Limits& limits, std::string& error) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) {
    error = std::string("unreadable PNG: ") + png.message;
    return std::nullopt;
  }
  // Frees libpng's state on every path out.
  Handle<png_image, png_image_free> guard(&png);
  if (too_many_pixels(png.width, png.height, limits, error)) return std::nullopt;
  png.format = PNG_FORMAT_RGBA;
  Image image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.rgba.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, image.rgba.data(), 0, nullptr)) {
    error = std::string("unreadable PNG: ") + png.message;
    return std::nullopt;
  }
  return image;
}

// libjpeg reports errors through a callback that must not return: it jumps back to the decoder.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  int corrupt_warnings;
  bool too_many_scans;
};

// A progressive JPEG redoes its whole image for each scan, so a 2 KB file of thousands of scans
// costs minutes; libjpeg calls its progress monitor while it reads, where the scan count is known.
struct ScanLimit {
  jpeg_progress_mgr manager;
  int max_scans;
};

void stop_past_scan_limit(j_common_ptr info) {
  auto* decompress = reinterpret_cast<j_decompress_ptr>(info);
  auto* limit = reinterpret_cast<ScanLimit*>(info->progress);
  if (decompress->input_scan_number <= limit->max_scans) return;
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  errors->too_many_scans = true;
  std::longjmp(errors->jump, 1);
}

[[noreturn]] void jpeg_fail(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// Warnings (level -1) mean corrupt or truncated data that libjpeg papered over with grey.
void jpeg_message(j_common_ptr info, int level) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  if (level < 0 && errors->corrupt_warnings++ == 0) (*info->err->format_message)(info, errors->message);
}

enum class JpegStatus { ok, failed, too_large, too_many_scans };

// Only trivially destructible locals live across setjmp here; the pixels go into a buffer the
// caller owns, sized by `allocate` once the header is known to be within the limits.
template <typename Allocate>
JpegStatus run_jpeg(std::string_view bytes, JpegErrors& errors, Allocate&& allocate, int& width, int& height,
                    int max_scans) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jpeg_fail;
  errors.manager.emit_message = jpeg_message;
  errors.corrupt_warnings = 0;
  errors.too_many_scans = false;
  errors.message[0] = 0;
  ScanLimit scan_limit{};
  scan_limit.manager.progress_monitor = stop_past_scan_limit;
  scan_limit.max_scans = max_scans;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    return errors.too_many_scans ? JpegStatus::too_many_scans : JpegStatus::failed;
  }
  jpeg_create_decompress(&info);
  info.progress = &scan_limit.manager;
  info.mem->max_memory_to_use = 512L << 20;
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  width = static_cast<int>(info.image_width);
  height = static_cast<int>(info.image_height);
  bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
  info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  std::uint8_t* pixels = allocate(info.image_width, info.image_height);
  if (!pixels) {
    jpeg_destroy_decompress(&info);
    return JpegStatus::too_large;
  }
  jpeg_start_decompress(&info);
  const std::size_t stride = static_cast<std::size_t>(info.output_width) * 4;
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = pixels + static_cast<std::size_t>(info.output_scanline) * stride;
    jpeg_read_scanlines(&info, &row, 1);
  }
  // Adobe writes CMYK inverted; convert to RGB in place.
  if (cmyk) {
    const bool inverted = info.saw_Adobe_marker;
    std::size_t count = static_cast<std::size_t>(info.output_width) * info.output_height;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint8_t* p = pixels + i * 4;
      unsigned c = p[0], m = p[1], y = p[2], k = p[3];
      if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
      p[0] = static_cast<std::uint8_t>(c * k / 255);
      p[1] = static_cast<std::uint8_t>(m * k / 255);
      p[2] = static_cast<std::uint8_t>(y * k / 255);
      p[3] = 255;
    }
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return JpegStatus::ok;
}

std::optional<Image> decode_jpeg(std::string_view bytes, const Limits& limits, std::string& error) {
  Image image;
  std::string limit_error;
  auto allocate = [&](std::size_t width, std::size_t height) -> std::uint8_t* {
    if (too_many_pixels(width, height, limits, limit_error)) return nullptr;
    image.rgba.assign(width * height * 4, 0);
    return image.rgba.data();
  };
  JpegErrors errors;
  const int max_scans = static_cast<int>(std::min<std::size_t>(limits.max_render_jpeg_scans, 1'000'000));
  JpegStatus status = run_jpeg(bytes, errors, allocate, image.width, image.height, max_scans);
  if (status == JpegStatus::too_large) {
    error = limit_error;
    return std::nullopt;
  }
  if (status == JpegStatus::too_many_scans) {
    error = "the JPEG has more than " + std::to_string(max_scans) +
            " scans (progressive passes, each redecoding the whole image); bimi decodes at most " +
            std::to_string(max_scans);
    return std::nullopt;
  }
  if (status == JpegStatus::failed) {
    error = std::string("unreadable JPEG: ") + errors.message;
    return std::nullopt;
  }
  if (errors.corrupt_warnings > 0) {
    error = std::string("corrupt or truncated JPEG: ") + errors.message;
    return std::nullopt;
  }
  return image;
}

}  // namespace

bool raster::too_many_pixels(std::size_t width, std::size_t height, const Limits& limits, std::string& error) {
  if (width == 0 || height == 0) {
    error = "the image has no pixels (" + std::to_string(width) + "×" + std::to_string(height) + ")";
    return true;
  }
  if (width > limits.max_pixels / height) {
    error = "the image is " + std::to_string(width) + "×" + std::to_string(height) + " pixels, over the limit of " +
            std::to_string(limits.max_pixels) + " pixels";
    return true;
  }
  return false;
}

RasterFormat sniff_raster(std::string_view bytes) {
  switch (sniff_format(bytes)) {
    case FileFormat::png: return RasterFormat::png;
    case FileFormat::jpeg: return RasterFormat::jpeg;
    case FileFormat::webp: return RasterFormat::webp;
    case FileFormat::gif: return RasterFormat::gif;
    default: return RasterFormat::none;
  }
}

std::optional<Image> decode_raster(std::string_view bytes, const Limits& limits, std::string& error) {
  if (bytes.size() > limits.max_input_bytes) {
    error = "the image is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
            std::to_string(limits.max_input_bytes);
    return std::nullopt;
  }
  switch (sniff_raster(bytes)) {
    case RasterFormat::png: return decode_png(bytes, limits, error);
    case RasterFormat::jpeg: return decode_jpeg(bytes, limits, error);
    case RasterFormat::webp: return raster::decode_webp(bytes, limits, error);
    case RasterFormat::gif: return raster::decode_gif(bytes, limits, error);
    case RasterFormat::none: break;
  }
  error = "not a PNG, JPEG, WebP or GIF image";
  return std::nullopt;
}

}  // namespace bimi::svgps
