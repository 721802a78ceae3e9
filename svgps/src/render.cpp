#include "bimi/svgps/render.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <array>
#include <memory>

namespace bimi::svgps {
namespace {

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDestroy {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};
struct ErrorFree {
  void operator()(GError* error) const { g_error_free(error); }
};

std::string take_message(GError* raw, std::string_view fallback) {
  std::unique_ptr<GError, ErrorFree> error(raw);
  return error && error->message ? std::string(error->message) : std::string(fallback);
}

}  // namespace

std::optional<Image> render_svg(std::string_view svg_text, int size, std::string& error) {
  if (size <= 0 || size > 8192) {
    error = "render size must be between 1 and 8192";
    return std::nullopt;
  }
  GError* raw_error = nullptr;
  // No base file: librsvg then refuses every external reference.
  std::unique_ptr<RsvgHandle, GObjectUnref> handle(rsvg_handle_new_from_data(
      reinterpret_cast<const guint8*>(svg_text.data()), svg_text.size(), &raw_error));
  if (!handle) {
    error = take_message(raw_error, "librsvg could not load the document");
    return std::nullopt;
  }
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    error = "cannot allocate the render surface";
    return std::nullopt;
  }
  {
    std::unique_ptr<cairo_t, ContextDestroy> context(cairo_create(surface.get()));
    RsvgRectangle viewport{0, 0, static_cast<double>(size), static_cast<double>(size)};
    if (!rsvg_handle_render_document(handle.get(), context.get(), &viewport, &raw_error)) {
      error = take_message(raw_error, "librsvg could not render the document");
      return std::nullopt;
    }
  }
  cairo_surface_flush(surface.get());

  Image image;
  image.width = size;
  image.height = size;
  image.rgba.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4);
  // Cairo stores premultiplied alpha; undo it with one multiply per channel (rounded reciprocals).
  static const auto reciprocal = [] {
    std::array<std::uint32_t, 256> table{};
    for (unsigned a = 1; a < 256; ++a) table[a] = (255u * 65536u + a / 2) / a;
    return table;
  }();
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < size; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < size; ++x) {
      std::uint32_t argb = row[x];
      unsigned a = argb >> 24;
      unsigned r = (argb >> 16) & 0xFF, g = (argb >> 8) & 0xFF, b = argb & 0xFF;
      if (a != 0 && a != 255) {
        std::uint32_t k = reciprocal[a];
        r = std::min(255u, (r * k + 32768u) >> 16);
        g = std::min(255u, (g * k + 32768u) >> 16);
        b = std::min(255u, (b * k + 32768u) >> 16);
      }
      std::uint8_t* out = image.rgba.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)) * 4;
      out[0] = static_cast<std::uint8_t>(r);
      out[1] = static_cast<std::uint8_t>(g);
      out[2] = static_cast<std::uint8_t>(b);
      out[3] = static_cast<std::uint8_t>(a);
    }
  }
  return image;
}

}  // namespace bimi::svgps
