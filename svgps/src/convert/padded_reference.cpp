#include "convert/padded_reference.hpp"

#include <algorithm>
#include <cstdio>

#include "bimi/svgps/convert.hpp"
#include "convert/root_stretch.hpp"
#include "convert/units_viewport.hpp"
#include "svg/numbers.hpp"
#include "svg/raw_tree.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::convert {
namespace {

// The wrapper's own units: the page is this square, the viewport three of it across.
constexpr double page = 100;

// A root width or height that fills the viewport it is rendered into.
bool fills(const detail::RawAttribute* a) {
  if (!a) return true;
  auto l = detail::parse_length(trim_xml_space(a->value));
  return l && l->unit == detail::LengthUnit::percent && l->value == 100;
}

}  // namespace

std::optional<Image> render_with_room(std::string_view svg_text, int size, const Limits& limits) {
  Diagnostics ignored;
  auto raw = detail::parse_xml(svg_text, limits, ignored);
  if (!raw) return std::nullopt;
  const detail::RawElement& root = raw->root();
  if (root.attribute("x") || root.attribute("y")) return std::nullopt;  // a nested <svg> would move
  auto at = root_start(svg_text, *raw);
  if (!at) return std::nullopt;
  // The root nested in a viewport the size of the page: one that fills the viewport is laid out
  // in it as in the render's; one of its own width and height, of its viewBox's shape, is scaled
  // onto it. The page's viewport lets everything show (overflow).
  char open[320];
  const detail::RawAttribute *width = root.attribute("width"), *height = root.attribute("height");
  const auto box = written_view_box(root);
  if (fills(width) && fills(height)) {
    std::snprintf(open, sizeof open,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%g %g %g %g\"><svg x=\"0\" y=\"0\" "
                  "width=\"%g\" height=\"%g\" overflow=\"visible\">",
                  -page, -page, 3 * page, 3 * page, page, page);
  } else if (auto w = absolute_pixels(width), h = absolute_pixels(height);
             w && h && box && same_shape(*box, *w, *h)) {
    std::snprintf(open, sizeof open,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%g %g %g %g\"><svg x=\"0\" y=\"0\" "
                  "width=\"%g\" height=\"%g\" viewBox=\"0 0 %.17g %.17g\" overflow=\"visible\">",
                  -page, -page, 3 * page, 3 * page, page, page, *w, *h);
  } else {
    return std::nullopt;
  }
  std::string wrapped(svg_text.substr(0, *at));
  wrapped += open;
  wrapped += svg_text.substr(*at);
  wrapped += "</svg></svg>";
  std::string error;
  auto image = render_logo(wrapped, 3 * size, limits, error);
  if (!image || image->width != 3 * size) return std::nullopt;
  Image middle;
  middle.width = middle.height = size;
  middle.rgba.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4);
  const std::size_t row = static_cast<std::size_t>(size) * 4;
  for (int y = 0; y < size; ++y) {
    const std::uint8_t* from = image->pixel(size, size + y);
    std::copy(from, from + row, middle.rgba.begin() + static_cast<std::ptrdiff_t>(y * row));
  }
  return middle;
}

}  // namespace bimi::svgps::convert

namespace bimi::svgps {

std::optional<Image> rendered_as_judged(std::string_view svg_text, int size, const Limits& limits) {
  // Any mention is enough: with room the render is the same pixels where nothing reads past the page.
  if (svg_text.find("filter") == std::string_view::npos) return std::nullopt;
  return convert::render_with_room(svg_text, size, limits);
}

}  // namespace bimi::svgps
