// librsvg, opened on the first render instead of linked. librsvg's dependencies (GIO,
// Pango, ICU, the X11 client libraries, libmount, libselinux: some thirty shared objects) cost
// every bimi process about 6 ms to load and relocate, while renders run in worker processes and most
// runs of the parent never draw. One dlopen of librsvg brings cairo and GLib with it, as its own
// dependencies; cairo's functions are bound in cairo_library.hpp. The members keep the
// libraries' own signatures.
#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <string>

namespace bimi::svgps::detail {

struct RsvgLibrary {
  decltype(&rsvg_handle_new_from_data) handle_new_from_data = nullptr;
  decltype(&rsvg_handle_render_document) handle_render_document = nullptr;
  decltype(&rsvg_handle_set_dpi) handle_set_dpi = nullptr;
  decltype(&g_object_unref) object_unref = nullptr;
  decltype(&g_error_free) error_free = nullptr;
  std::string version;  // librsvg's, as it reports itself: "2.54.7"
};

// The libraries, opened once per process on first use; nullptr when they cannot be loaded, with why
// in `error`.
const RsvgLibrary* rsvg_library(std::string& error);

}  // namespace bimi::svgps::detail
