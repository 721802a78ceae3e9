// The micro-parsers: the first byte picks one, the rest is its input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/svgps/color.hpp"
#include "bimi/svgps/file_format.hpp"
#include "bimi/svgps/limits.hpp"
#include "geometry/format.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/shapes.hpp"
#include "geometry/transform.hpp"
#include "render/bounds.hpp"
#include "style/color.hpp"
#include "style/declarations.hpp"
#include "style/font_family.hpp"
#include "style/paint.hpp"
#include "style/stylesheet.hpp"
#include "svg/numbers.hpp"

using namespace bimi::svgps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 11) {
    case 0: {
      auto parsed = geometry::parse_path_data(text, 100'000);
      auto written = geometry::format_path(parsed.path, 3);
      (void)geometry::parse_path_data(written, 100'000);  // the writer's output must parse
      (void)geometry::bounds(parsed.path);
      // Bounded well below the library's default: a path hundreds of thousands of units long
      // flattened at 0.1 reaches any bound, and the bound itself is what is under test.
      auto flat = geometry::flatten_path(parsed.path, 0.1, 100'000);
      std::size_t points = 0;
      for (const auto& line : flat.polylines) points += line.points.size();
      if (points > 100'000) __builtin_trap();
      // librsvg's outlines of the same data (arcs and quadratics computed its way).
      (void)geometry::parse_path_data(text, 100'000, geometry::CurveForm::librsvg);
      break;
    }
    case 1: (void)geometry::parse_transform(text); break;
    case 2: (void)style::parse_color(text); break;
    case 3: (void)style::parse_paint(text); break;
    case 4: (void)style::parse_declarations(text, nullptr); break;
    case 5: (void)style::parse_stylesheet(text); break;
    case 6: (void)style::parse_font_family_list(text); break;
    case 7: (void)geometry::parse_points(text, 100'000); break;
    // What a render is checked against before librsvg sees the document: text, font sizes and the
    // headers of embedded PNG, JPEG and GIF images.
    case 8: (void)detail::check_render_bounds(text, Limits{}); break;
    case 9: {
      (void)foreign_format_message(sniff_format(text));
      (void)parse_opaque_color(text);
      break;
    }
    default: {
      (void)detail::parse_length(text);
      (void)detail::parse_number_list(text);
      break;
    }
  }
  return 0;
}
