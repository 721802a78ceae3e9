#include "render/rsvg_library.hpp"

#include "bimi/shared_library.hpp"

namespace bimi::svgps::detail {
namespace {

LoadedTable<RsvgLibrary> load() {
  // The soname of Debian's librsvg2-2; its handle also finds GLib's symbols, as librsvg depends
  // on GLib.
  SharedLibrary so("librsvg-2.so.2", "rendering needs librsvg");
  LoadedTable<RsvgLibrary> loaded;
  RsvgLibrary& l = loaded.table;
  so.bind("rsvg_handle_new_from_data", l.handle_new_from_data);
  so.bind("rsvg_handle_render_document", l.handle_render_document);
  so.bind("rsvg_handle_set_dpi", l.handle_set_dpi);
  so.bind("g_object_unref", l.object_unref);
  so.bind("g_error_free", l.error_free);
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
