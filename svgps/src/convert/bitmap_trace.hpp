// Tracing a bitmap into a logo: the colour tracer, the framing and the gates a PNG or JPEG logo
// goes through. A bitmap file is decoded into one; an SVG whose drawing cannot fit the byte budget
// is rendered into one.
#pragma once

#include <string>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/render.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::convert {

struct BitmapTrace {
  ConvertResult result;
  bool over_budget = false;  // refused because no attempt fitted the byte budget: a coarser bitmap may
};

// Traces `bitmap` within the budget and fidelity gate of `options`. `source` names it in the
// report ("a 640×480 PNG bitmap"). Leaves input_bytes to the caller.
BitmapTrace trace_bitmap(Image bitmap, const std::string& source, const ConvertOptions& options,
                           const Deadline& deadline);

}  // namespace bimi::svgps::convert
