// The rendered rules (colours, transparent background, circle crop) decided from the document alone
// when it proves that none of them can fire, so that `check` renders only logos it must measure.
#pragma once

#include <string_view>

#include "svg/raw_tree.hpp"

namespace bimi::svgps::detail {

// True only when the document proves that a render of `size` px would show at least two colours,
// no transparency in the circle and nothing outside it: `colors`, `transparent-background` and
// `circle-crop` would all stay silent. Conservative: anything it does not model exactly (styles,
// transforms, gradients, text, units, references, opacity, unusual markup) answers false, and so
// does anything closer to a threshold than the margins below.
bool visual_rules_proved_silent(std::string_view svg_text, const RawDocument& document, int size);

}  // namespace bimi::svgps::detail
