// cairo, opened on first use: librsvg's renders draw on its surfaces, plain logos are drawn with it
// directly (render/scene_drawing.hpp) without librsvg's parser and the GLib, Pango and GIO it loads,
// and images are encoded as PNG with it. The members keep cairo's own signatures.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>

namespace bimi::svgps::detail {

struct CairoLibrary {
  decltype(&cairo_image_surface_create) image_surface_create = nullptr;
  decltype(&cairo_image_surface_get_data) image_surface_get_data = nullptr;
  decltype(&cairo_image_surface_get_stride) image_surface_get_stride = nullptr;
  decltype(&cairo_surface_status) surface_status = nullptr;
  decltype(&cairo_surface_flush) surface_flush = nullptr;
  decltype(&cairo_surface_mark_dirty) surface_mark_dirty = nullptr;
  decltype(&cairo_surface_write_to_png_stream) surface_write_to_png_stream = nullptr;
  decltype(&cairo_surface_destroy) surface_destroy = nullptr;
  decltype(&cairo_create) create = nullptr;
  decltype(&cairo_destroy) destroy = nullptr;
  decltype(&cairo_status) status = nullptr;
  decltype(&cairo_new_path) new_path = nullptr;
  decltype(&cairo_move_to) move_to = nullptr;
  decltype(&cairo_line_to) line_to = nullptr;
  decltype(&cairo_curve_to) curve_to = nullptr;
  decltype(&cairo_close_path) close_path = nullptr;
  decltype(&cairo_set_fill_rule) set_fill_rule = nullptr;
  decltype(&cairo_set_source_rgba) set_source_rgba = nullptr;
  decltype(&cairo_fill) fill = nullptr;
};

// The library, opened once per process on first use; nullptr when it cannot be loaded, with why in
// `error`.
const CairoLibrary* cairo_library(std::string& error);

// Owning handles that free through the loaded library.
struct CairoSurfaceDestroy {
  const CairoLibrary* library;
  void operator()(cairo_surface_t* surface) const { library->surface_destroy(surface); }
};
struct CairoContextDestroy {
  const CairoLibrary* library;
  void operator()(cairo_t* context) const { library->destroy(context); }
};
using CairoSurface = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;
using CairoContext = std::unique_ptr<cairo_t, CairoContextDestroy>;

}  // namespace bimi::svgps::detail
