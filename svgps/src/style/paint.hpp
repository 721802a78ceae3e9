// SVG paint values (the fill and stroke properties).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "style/color.hpp"
#include "style/css_text.hpp"  // is_inherit(): `inherit` is the caller's to resolve

namespace bimi::svgps::style {

struct Paint {
  enum class Kind { none, color, current_color, url };
  // What a url() paint falls back to when its reference does not resolve (SVG 1.1, 11.2).
  enum class FallbackKind { absent, none, current_color, color };

  Kind kind = Kind::none;
  Color color;                  // kind == color
  std::string url_id;           // kind == url: see url_is_fragment
  bool url_is_fragment = true;  // url_id is the id of "#id" (the '#' removed); otherwise the whole
                                // IRI as written (an external reference, which SVG P/S forbids)
  FallbackKind fallback_kind = FallbackKind::absent;
  std::optional<Color> fallback;  // set exactly when fallback_kind == color
};

// One paint value: "none", a colour, "currentColor", or "url(iri)" / "url('iri')" optionally
// followed by a fallback of none, currentColor or a colour; case-insensitive keywords, surrounding
// whitespace allowed. A colour may carry SVG 1.1's "icc-color(...)", which is ignored (the sRGB
// colour is kept). nullopt for anything else, including `inherit`: check is_inherit() first.
std::optional<Paint> parse_paint(std::string_view text);

}  // namespace bimi::svgps::style
