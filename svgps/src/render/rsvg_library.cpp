#include "render/rsvg_library.hpp"

#include <dlfcn.h>

namespace bimi::svgps::detail {
namespace {

struct Loaded {
  RsvgLibrary library;
  std::string error;  // empty when loaded
};

template <typename Symbol>
bool bind(void* handle, const char* name, Symbol& symbol, std::string& error) {
  symbol = reinterpret_cast<Symbol>(::dlsym(handle, name));
  if (symbol == nullptr && error.empty()) error = std::string("librsvg has no ") + name;
  return symbol != nullptr;
}

Loaded load() {
  Loaded loaded;
  // The soname of Debian's librsvg2-2. Never closed: renders may run until the process ends.
  void* handle = ::dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    loaded.error = std::string("rendering needs librsvg (librsvg-2.so.2): ") + (why != nullptr ? why : "cannot load it");
    return loaded;
  }
  RsvgLibrary& l = loaded.library;
  std::string& e = loaded.error;
  // dlsym on librsvg's handle also finds the symbols of the libraries it depends on (cairo, GLib).
  const guint* major = nullptr;
  const guint* minor = nullptr;
  const guint* micro = nullptr;
  bool all = bind(handle, "rsvg_handle_new_from_data", l.handle_new_from_data, e) &
             bind(handle, "rsvg_handle_render_document", l.handle_render_document, e) &
             bind(handle, "g_object_unref", l.object_unref, e) & bind(handle, "g_error_free", l.error_free, e) &
             bind(handle, "cairo_image_surface_create", l.image_surface_create, e) &
             bind(handle, "cairo_image_surface_get_data", l.image_surface_get_data, e) &
             bind(handle, "cairo_image_surface_get_stride", l.image_surface_get_stride, e) &
             bind(handle, "cairo_surface_status", l.surface_status, e) &
             bind(handle, "cairo_surface_flush", l.surface_flush, e) &
             bind(handle, "cairo_surface_mark_dirty", l.surface_mark_dirty, e) &
             bind(handle, "cairo_surface_write_to_png_stream", l.surface_write_to_png_stream, e) &
             bind(handle, "cairo_surface_destroy", l.surface_destroy, e) & bind(handle, "cairo_create", l.create, e) &
             bind(handle, "cairo_destroy", l.destroy, e) & bind(handle, "rsvg_major_version", major, e) &
             bind(handle, "rsvg_minor_version", minor, e) & bind(handle, "rsvg_micro_version", micro, e);
  if (all) l.version = std::to_string(*major) + "." + std::to_string(*minor) + "." + std::to_string(*micro);
  return loaded;
}

}  // namespace

const RsvgLibrary* rsvg_library(std::string& error) {
  static const Loaded loaded = load();  // once, whichever thread renders first
  if (!loaded.error.empty()) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.library;
}

}  // namespace bimi::svgps::detail
