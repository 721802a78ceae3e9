// The advice the circle-crop warning carries on a converted logo: the --margin that would keep
// everything it draws inside the circle inboxes crop to.
#pragma once

#include <optional>
#include <string_view>

#include "bimi/diagnostic.hpp"

namespace bimi::svgps::convert {

// The whole-number --margin (percent of the artboard on each side, counting the `margin_percent`
// the logo was written with) at which every shape of the written logo `svg` but a background
// covering the whole viewBox lies inside the inscribed circle, strokes included; nothing when it
// already does, the logo cannot be read, or no margin --margin takes (at most 100) clears it.
std::optional<int> margin_clearing_circle(std::string_view svg, double margin_percent);

// `findings` with the circle-crop warning saying which --margin clears it.
Diagnostics with_margin_advice(const Diagnostics& findings, std::string_view svg, double margin_percent);

}  // namespace bimi::svgps::convert
