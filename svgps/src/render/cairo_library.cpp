#include "render/cairo_library.hpp"

#include "bimi/shared_library.hpp"

namespace bimi::svgps::detail {
namespace {

LoadedTable<CairoLibrary> load() {
  SharedLibrary so("libcairo.so.2", "drawing needs cairo");  // the soname of Debian's libcairo2
  LoadedTable<CairoLibrary> loaded;
  CairoLibrary& l = loaded.table;
  so.bind("cairo_image_surface_create", l.image_surface_create);
  so.bind("cairo_image_surface_get_data", l.image_surface_get_data);
  so.bind("cairo_image_surface_get_stride", l.image_surface_get_stride);
  so.bind("cairo_surface_status", l.surface_status);
  so.bind("cairo_surface_flush", l.surface_flush);
  so.bind("cairo_surface_mark_dirty", l.surface_mark_dirty);
  so.bind("cairo_surface_write_to_png_stream", l.surface_write_to_png_stream);
  so.bind("cairo_surface_destroy", l.surface_destroy);
  so.bind("cairo_create", l.create);
  so.bind("cairo_destroy", l.destroy);
  so.bind("cairo_status", l.status);
  so.bind("cairo_new_path", l.new_path);
  so.bind("cairo_move_to", l.move_to);
  so.bind("cairo_line_to", l.line_to);
  so.bind("cairo_curve_to", l.curve_to);
  so.bind("cairo_close_path", l.close_path);
  so.bind("cairo_set_fill_rule", l.set_fill_rule);
  so.bind("cairo_set_source_rgba", l.set_source_rgba);
  so.bind("cairo_fill", l.fill);
  loaded.error = so.error();
  return loaded;
}

}  // namespace

const CairoLibrary* cairo_library(std::string& error) {
  static const LoadedTable<CairoLibrary> loaded = load();  // once, whichever thread draws first
  return loaded.get(error);
}

}  // namespace bimi::svgps::detail
