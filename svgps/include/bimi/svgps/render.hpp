// Rendering with librsvg, to measure what a mailbox would show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"

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

// The version of the librsvg render_svg draws with ("2.54.7"), or why it cannot be loaded.
std::string renderer_version();

// Why a render of untrusted input gave no image.
struct RenderFailure {
  enum class Kind {
    invalid,  // librsvg refused the document (not an SVG it can draw): not a limit
    limit,    // a bound of `Limits` was crossed, or the renderer crashed or ran out of time or memory
  };
  Kind kind = Kind::invalid;
  std::string message;  // one line
  Location location;    // the element that crossed a bound, when one did (line 0 otherwise)
};

// Draws a document as render_svg does, wherever that happens (this process or a worker).
class Renderer {
 public:
  virtual ~Renderer() = default;
  virtual std::optional<Image> render(std::string_view svg_text, int size, RenderFailure& failure) const = 0;
};

// The way to render input that is not trusted: checks the document against the render bounds of
// `limits` (text, font size, embedded images) first, then renders with `limits.renderer`, or in
// this process when it is null. The pixels are exactly render_svg's.
std::optional<Image> render_logo(std::string_view svg_text, int size, const Limits& limits, RenderFailure& failure);
// The same for callers that treat every failure alike: only the message.
std::optional<Image> render_logo(std::string_view svg_text, int size, const Limits& limits, std::string& error);

// Clears everything outside the inscribed circle (anti-aliased edge), as inboxes crop logos.
void crop_to_circle(Image& image);

// Share of the pixels inside the inscribed circle (2 px in from its edge, where anti-aliasing
// would blur it) that are not fully opaque: the transparency an inbox would show.
double transparent_share_in_circle(const Image& image);

// PNG bytes of the image (8-bit RGBA), deterministic for the same pixels.
std::optional<std::string> encode_png(const Image& image, std::string& error);

}  // namespace bimi::svgps
