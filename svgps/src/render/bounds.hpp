// What librsvg would be asked to do, measured on the document before it is:
// text, font sizes and embedded images, the work librsvg does without any bound
// of its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::svgps::detail {

struct BoundsVerdict {
  bool renderable = true;
  bool limit = false;   // the document is well-formed but asks for more than
                        // `limits` allow
  std::string message;  // one line, when not renderable
  Location location;    // the element that crossed a bound (line 0: unknown)
};

BoundsVerdict check_render_bounds(std::string_view svg_text, const Limits& limits);

}  // namespace bimi::svgps::detail
