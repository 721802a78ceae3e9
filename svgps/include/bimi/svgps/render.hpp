// Rendering with librsvg, to measure what a mailbox would show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::svgps {

// Straight (not premultiplied) RGBA, row-major, top row first.
struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;

  const std::uint8_t* pixel(int x, int y) const {
    return rgba.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
  }
};

// Renders the document into a size×size square, fitted as its preserveAspectRatio says (centred by
// default), on a transparent canvas. External resources are never loaded. On failure returns
// nullopt and sets `error`.
std::optional<Image> render_svg(std::string_view svg_text, int size, std::string& error);

// Clears everything outside the inscribed circle (anti-aliased edge), as inboxes crop logos.
void crop_to_circle(Image& image);

// Share of the pixels inside the inscribed circle (2 px in from its edge, where anti-aliasing
// would blur it) that are not fully opaque: the transparency an inbox would show.
double transparent_share_in_circle(const Image& image);

// PNG bytes of the image (8-bit RGBA), deterministic for the same pixels.
std::optional<std::string> encode_png(const Image& image, std::string& error);

}  // namespace bimi::svgps
