#include "render/rsvg_library.hpp"

#include "bimi/shared_library.hpp"

namespace bimi::svgps::detail {
namespace {

LoadedTable<RsvgLibrary> load() {
  // The soname of Debian's librsvg2-2; its handle also finds cairo's and GLib's symbols, as
  // librsvg depends on them.
  SharedLibrary so("librsvg-2.so.2", "rendering needs librsvg");
  LoadedTable<RsvgLibrary> loaded;
  RsvgLibrary& l = loaded.table;
  so.bind("rsvg_handle_new_from_data", l.handle_new_from_data);
  so.bind("rsvg_handle_render_document", l.handle_render_document);
  so.bind("g_object_unref", l.object_unref);
  so.bind("g_error_free", l.error_free);
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
  const guint* major = nullptr;
  const guint* minor = nullptr;
  const guint* micro = nullptr;
  so.bind("rsvg_major_version", major);
  so.bind("rsvg_minor_version", minor);
  so.bind("rsvg_micro_version", micro);
  loaded.error = so.error();
  if (loaded.error.empty())
    l.version = std::to_string(*major) + "." + std::to_string(*minor) + "." + std::to_string(*micro);
  return loaded;
}

}  // namespace

const RsvgLibrary* rsvg_library(std::string& error) {
  static const LoadedTable<RsvgLibrary> loaded = load();  // once, whichever thread renders first
  return loaded.get(error);
}

}  // namespace bimi::svgps::detail
