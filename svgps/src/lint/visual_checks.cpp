#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bimi/svgps/render.hpp"
#include "lint/checks.hpp"
#include "render/scene_drawing.hpp"
#include "lint/visual_proof.hpp"
#include "render/bounds.hpp"

namespace bimi::svgps::detail {
namespace {

int channel_distance(const std::uint8_t* a, const std::uint8_t* b) {
  int d = 0;
  for (int c = 0; c < 4; ++c) d = std::max(d, std::abs(int(a[c]) - int(b[c])));
  return d;
}

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", share * 100.0);
  return buffer;
}

// The three rules measured on the logo's image.
void measure_image(const Image& image, const Location& at, Diagnostics& diagnostics) {
  const int size = image.width;
  const std::uint8_t* first = image.pixel(0, 0);

  // Pixels are compared as whole 32-bit words.
  std::uint32_t first_word;
  std::memcpy(&first_word, first, 4);
  bool uniform = true;
  const std::uint8_t* pixels = image.rgba.data();
  for (std::size_t i = 0, n = image.rgba.size(); i < n; i += 4) {
    std::uint32_t word;
    std::memcpy(&word, pixels + i, 4);
    if (word != first_word) {
      uniform = false;
      break;
    }
  }
  if (uniform) {
    diagnostics.add("colors", Severity::error,
                    first[3] == 0 ? "the logo renders as nothing: every pixel is transparent"
                                  : "the logo renders as one uniform colour; a logo needs at least two colours "
                                    "(a transparent area counts as one)",
                    at);
    return;
  }

  // What the inbox shows: the inscribed circle. The background is the corners' colour when they
  // agree and are opaque, else transparency.
  const double centre = size / 2.0;
  const double radius = size / 2.0;
  const std::uint8_t* corners[4] = {image.pixel(0, 0), image.pixel(size - 1, 0), image.pixel(0, size - 1),
                                    image.pixel(size - 1, size - 1)};
  bool opaque_background = true;
  for (const auto* c : corners) {
    if (c[3] != 255 || channel_distance(c, corners[0]) > 8) opaque_background = false;
  }
  std::size_t outside = 0, outside_content = 0;
  const double outer_squared = (radius + 0.5) * (radius + 0.5);
  auto is_outside = [&](int x, double dy) {
    const double dx = x + 0.5 - centre;
    return dx * dx + dy * dy > outer_squared;
  };
  auto count = [&](int x, int y) {
    ++outside;
    const std::uint8_t* p = image.pixel(x, y);
    bool content = opaque_background ? channel_distance(p, corners[0]) > 48 : p[3] > 64;
    if (content) ++outside_content;
  };
  for (int y = 0; y < size; ++y) {
    const double dy = y + 0.5 - centre;
    // The pixels outside the circle are a run at each end of the row (the whole row when the
    // circle misses it): walk in from both ends and stop at the first pixel inside.
    int left = 0;
    while (left < size && is_outside(left, dy)) count(left++, y);
    for (int right = size - 1; right >= left && is_outside(right, dy); --right) count(right, y);
  }
  double transparent_share = transparent_share_in_circle(image);
  if (transparent_share > 0.005) {
    diagnostics.add("transparent-background", Severity::warning,
                    percent(transparent_share) +
                        " of the circle that inboxes show is transparent; put the logo on a solid background",
                    at);
  }
  double cut_share = double(outside_content) / double(size) / double(size);
  if (outside && cut_share > 0.002) {
    diagnostics.add("circle-crop", Severity::warning,
                    percent(cut_share) +
                        " of the logo lies outside the circle that inboxes crop to; add margin around the mark",
                    at);
  }
}

}  // namespace

Picture measure_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                          Diagnostics& diagnostics, const std::vector<SceneLayer>* plain_scene) {
  const Location at = document.root().location;
  // The bounds come first for every logo, drawn here or not, so a logo past them gets the same
  // finding either way.
  detail::BoundsVerdict bounds = detail::check_render_bounds(svg_text, limits);
  if (bounds.renderable && plain_scene) {
    if (auto image = draw_plain_scene(*plain_scene, limits.render_size)) {
      measure_image(*image, at, diagnostics);
      return Picture::drawn;
    }
  }
  RenderFailure failure;
  auto image = render_logo(svg_text, limits.render_size, limits, failure);
  if (!image) {
    // librsvg's objections are not a Tiny P/S rule (the schema rules speak for the file); a render
    // that crosses a limit is one of bimi's.
    if (failure.kind == RenderFailure::Kind::limit) {
      diagnostics.add("render-limit", Severity::error, failure.message, failure.location.line ? failure.location : at);
    }
    return Picture::rendered;
  }
  measure_image(*image, at, diagnostics);
  return Picture::rendered;
}

Picture check_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                        Diagnostics& diagnostics) {
  // A plain logo whose document already settles all three rules (none would fire) needs no image;
  // any other plain logo is drawn here, the rest rendered by librsvg.
  auto scene = read_plain_scene(svg_text, document, limits.render_size);
  if (scene && visual_rules_proved_silent(*scene, limits.render_size)) return Picture::none;
  return measure_rendering(svg_text, document, limits, diagnostics, scene ? &*scene : nullptr);
}

}  // namespace bimi::svgps::detail
