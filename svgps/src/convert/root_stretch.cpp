#include "convert/root_stretch.hpp"

#include "bimi/svgps/convert.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "convert/framing.hpp"
#include "convert/units_viewport.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::convert {

std::optional<double> absolute_pixels(const detail::RawAttribute* a) {
  if (!a) return std::nullopt;
  auto parsed = detail::parse_length(trim_xml_space(a->value));
  if (!parsed || !parsed->is_absolute()) return std::nullopt;
  auto pixels = parsed->to_pixels();
  if (!pixels || !(*pixels > 0) || !std::isfinite(*pixels)) return std::nullopt;
  return pixels;
}

std::optional<model::ViewBox> written_view_box(const detail::RawElement& root) {
  const detail::RawAttribute* view_box = root.attribute("viewBox");
  auto numbers = view_box ? detail::parse_number_list(view_box->value) : std::nullopt;
  if (!numbers || numbers->size() != 4 || !((*numbers)[2] > 0) || !((*numbers)[3] > 0)) return std::nullopt;
  return model::ViewBox{(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]};
}

bool same_shape(const model::ViewBox& box, double width, double height) {
  const double wide = width * box.height, tall = height * box.width;
  return std::fabs(wide - tall) <= 1e-9 * std::max(wide, tall);
}

geometry::Matrix RootStretch::transform() const {
  const double sx = width / view_box.width, sy = height / view_box.height;
  return geometry::Matrix{sx, 0, 0, sy, -view_box.x * sx, -view_box.y * sy};
}

std::optional<RootStretch> root_stretch(const detail::RawElement& root) {
  if (aspect_mode(root) != "none") return std::nullopt;
  auto view_box = written_view_box(root);
  auto width = absolute_pixels(root.attribute("width"));
  auto height = absolute_pixels(root.attribute("height"));
  if (!view_box || !width || !height) return std::nullopt;
  // The same shape: the stretch is uniform, and the square frame shows the same picture.
  if (same_shape(*view_box, *width, *height)) return std::nullopt;
  return RootStretch{*view_box, *width, *height};
}

std::optional<std::string> stretched_in_square(std::string_view text, const detail::RawDocument& raw) {
  const detail::RawElement& root = raw.root();
  auto stretch = root_stretch(root);
  // As a nested <svg> the root would be moved by x and y, which an outermost one ignores.
  if (!stretch || root.attribute("x") || root.attribute("y")) return std::nullopt;
  auto at = root_start(text, raw);
  if (!at) return std::nullopt;
  const model::ViewBox square = squared({0, 0, stretch->width, stretch->height});
  char open[160];
  std::snprintf(open, sizeof open, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.17g %.17g %.17g %.17g\">",
                square.x, square.y, square.width, square.height);
  std::string wrapped(text.substr(0, *at));
  wrapped += open;
  wrapped += text.substr(*at);
  wrapped += "</svg>";
  return wrapped;
}

}  // namespace bimi::svgps::convert

namespace bimi::svgps {

std::optional<std::string> drawn_at_own_size(std::string_view svg_text, const Limits& limits) {
  Diagnostics ignored;
  auto raw = detail::parse_xml(svg_text, limits, ignored);
  if (!raw) return std::nullopt;
  return convert::stretched_in_square(svg_text, *raw);
}

}  // namespace bimi::svgps
