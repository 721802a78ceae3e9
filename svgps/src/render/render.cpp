#include "bimi/svgps/render.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <memory>

#include "render/bounds.hpp"
#include "render/cairo_image.hpp"
#include "render/cairo_library.hpp"
#include "render/rsvg_library.hpp"
#include "render/scene_drawing.hpp"

namespace bimi::svgps {
namespace {

using detail::CairoContext;
using detail::CairoLibrary;
using detail::CairoSurface;
using detail::RsvgLibrary;

// 1024² pixels are 4 MiB of surface: drawn in the process, the picture costs about what a worker's
// message would.
constexpr int max_drawing_size = 1024;

// Owning handles that free through the loaded libraries.
struct GObjectUnref {
  const RsvgLibrary* library;
  void operator()(gpointer object) const { library->object_unref(object); }
};
struct ErrorFree {
  const RsvgLibrary* library;
  void operator()(GError* error) const { library->error_free(error); }
};

std::string take_message(const RsvgLibrary& rsvg, GError* raw, std::string_view fallback) {
  std::unique_ptr<GError, ErrorFree> error(raw, {&rsvg});
  return error && error->message ? std::string(error->message) : std::string(fallback);
}

}  // namespace

std::string renderer_version() {
  std::string error;
  const RsvgLibrary* library = detail::rsvg_library(error);
  return library != nullptr ? library->version : error;
}

std::optional<Image> render_svg(std::string_view svg_text, int size, std::string& error) {
  if (size <= 0 || size > 8192) {
    error = "render size must be between 1 and 8192";
    return std::nullopt;
  }
  const RsvgLibrary* library = detail::rsvg_library(error);
  if (library == nullptr) return std::nullopt;
  const RsvgLibrary& rsvg = *library;
  GError* raw_error = nullptr;
  // No base file: librsvg then refuses every external reference.
  std::unique_ptr<RsvgHandle, GObjectUnref> handle(
      rsvg.handle_new_from_data(reinterpret_cast<const guint8*>(svg_text.data()), svg_text.size(), &raw_error),
      {&rsvg});
  if (!handle) {
    error = take_message(rsvg, raw_error, "librsvg could not load the document");
    return std::nullopt;
  }
  // CSS's 96 pixels to the inch, as browsers, rsvg-convert and the converter measure mm, pt and
  // in; a librsvg handle starts at 90, which drew such lengths a sixteenth short.
  rsvg.handle_set_dpi(handle.get(), 96.0);
  const CairoLibrary* cairo_loaded = detail::cairo_library(error);
  if (cairo_loaded == nullptr) return std::nullopt;
  const CairoLibrary& cairo = *cairo_loaded;
  CairoSurface surface(cairo.image_surface_create(CAIRO_FORMAT_ARGB32, size, size), {&cairo});
  if (cairo.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    error = "cannot allocate the render surface";
    return std::nullopt;
  }
  {
    CairoContext context(cairo.create(surface.get()), {&cairo});
    RsvgRectangle viewport{0, 0, static_cast<double>(size), static_cast<double>(size)};
    if (!rsvg.handle_render_document(handle.get(), context.get(), &viewport, &raw_error)) {
      error = take_message(rsvg, raw_error, "librsvg could not render the document");
      return std::nullopt;
    }
  }
  cairo.surface_flush(surface.get());
  return detail::image_from_argb32(cairo.image_surface_get_data(surface.get()),
                                   cairo.image_surface_get_stride(surface.get()), size);
}

std::optional<Image> render_logo(std::string_view svg_text, int size, const Limits& limits, RenderFailure& failure) {
  detail::BoundsVerdict bounds = detail::check_render_bounds(svg_text, limits);
  if (!bounds.renderable) {
    failure = {bounds.limit ? RenderFailure::Kind::limit : RenderFailure::Kind::invalid, bounds.message,
               bounds.location};
    return std::nullopt;
  }
  // A plain logo is drawn here with cairo, pixel for pixel as librsvg would (scene_drawing.hpp);
  // large sizes stay in the worker, whose memory is bounded.
  if (size <= max_drawing_size) {
    if (auto drawn = detail::draw_plain_document(svg_text, size, limits)) return drawn;
  }
  if (limits.renderer) return limits.renderer->render(svg_text, size, failure);
  std::string error;
  auto image = render_svg(svg_text, size, error);
  if (!image) {
    bool memory = error.find("NoMemory") != std::string::npos;  // cairo could not allocate a surface
    failure = {memory ? RenderFailure::Kind::limit : RenderFailure::Kind::invalid,
               memory ? "the logo could not be rendered at " + std::to_string(size) + " px (out of memory)" : error, {}};
  }
  return image;
}

std::optional<Image> render_logo(std::string_view svg_text, int size, const Limits& limits, std::string& error) {
  RenderFailure failure;
  auto image = render_logo(svg_text, size, limits, failure);
  if (!image) {
    error = (failure.location.line ? "line " + std::to_string(failure.location.line) + ": " : std::string()) +
            failure.message;
  }
  return image;
}

void crop_to_circle(Image& image) {
  const double centre_x = image.width / 2.0;
  const double centre_y = image.height / 2.0;
  const double radius = std::min(image.width, image.height) / 2.0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      double distance = std::hypot(x + 0.5 - centre_x, y + 0.5 - centre_y);
      // Coverage of a one-pixel-wide edge, linear across it.
      double coverage = std::clamp(radius - distance + 0.5, 0.0, 1.0);
      std::uint8_t* alpha = image.rgba.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4 + 3;
      *alpha = static_cast<std::uint8_t>(std::lround(*alpha * coverage));
    }
  }
}

double transparent_share_in_circle(const Image& image) {
  const double centre = image.width / 2.0;
  const double inner = centre - 2.0;
  const double limit = inner * inner;
  auto inside_at = [&](int x, double dy) {
    const double dx = x + 0.5 - centre;
    return dx * dx + dy * dy <= limit;
  };
  std::size_t inside = 0, transparent = 0;
  for (int y = 0; y < image.height; ++y) {
    const double dy = y + 0.5 - centre;
    if (dy * dy > limit) continue;
    // The row's span inside the circle, from a square root, then settled by the exact test.
    const double half = std::sqrt(limit - dy * dy);
    int lo = std::max(0, static_cast<int>(std::ceil(centre - 0.5 - half)));
    int hi = std::min(image.width - 1, static_cast<int>(std::floor(centre - 0.5 + half)));
    while (lo > 0 && inside_at(lo - 1, dy)) --lo;
    while (lo <= hi && !inside_at(lo, dy)) ++lo;
    while (hi + 1 < image.width && inside_at(hi + 1, dy)) ++hi;
    while (hi >= lo && !inside_at(hi, dy)) --hi;
    if (hi < lo) continue;
    inside += static_cast<std::size_t>(hi - lo + 1);
    const std::uint8_t* alpha = image.pixel(lo, y) + 3;
    for (int x = lo; x <= hi; ++x, alpha += 4) transparent += *alpha < 255;
  }
  return inside ? double(transparent) / double(inside) : 0.0;
}

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::optional<std::string> encode_png(const Image& image, std::string& error) {
  const CairoLibrary* library = detail::cairo_library(error);
  if (library == nullptr) return std::nullopt;
  const CairoLibrary& cairo = *library;
  CairoSurface surface(cairo.image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height), {&cairo});
  if (cairo.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    error = "cannot allocate the image surface";
    return std::nullopt;
  }
  unsigned char* data = cairo.image_surface_get_data(surface.get());
  int stride = cairo.image_surface_get_stride(surface.get());
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      std::uint32_t a = p[3];
      // Back to Cairo's premultiplied alpha.
      std::uint32_t r = (p[0] * a + 127) / 255, g = (p[1] * a + 127) / 255, b = (p[2] * a + 127) / 255;
      row[x] = (a << 24) | (r << 16) | (g << 8) | b;
    }
  }
  cairo.surface_mark_dirty(surface.get());
  std::string png;
  if (cairo.surface_write_to_png_stream(surface.get(), append_to_string, &png) != CAIRO_STATUS_SUCCESS) {
    error = "cannot encode the PNG";
    return std::nullopt;
  }
  return png;
}

}  // namespace bimi::svgps
