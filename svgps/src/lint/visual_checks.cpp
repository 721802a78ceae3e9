#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "bimi/svgps/render.hpp"
#include "lint/checks.hpp"
#include "lint/visual_proof.hpp"

namespace bimi::svgps::detail {
namespace {

bool same_pixel(const std::uint8_t* a, const std::uint8_t* b) {
  return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}

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

}  // namespace

void measure_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                       Diagnostics& diagnostics) {
  const Location at = document.root().location;
  RenderFailure failure;
  auto image = render_logo(svg_text, limits.render_size, limits, failure);
  if (!image) {
    // librsvg's objections are not a Tiny P/S rule (the schema rules speak for the file); a render
    // that crosses a limit is one of bimi's.
    if (failure.kind == RenderFailure::Kind::limit) {
      diagnostics.add("render-limit", Severity::error, failure.message, failure.location.line ? failure.location : at);
    }
    return;
  }
  const int size = image->width;
  const std::uint8_t* first = image->pixel(0, 0);

  bool uniform = true;
  for (int y = 0; y < size && uniform; ++y) {
    for (int x = 0; x < size; ++x) {
      if (!same_pixel(first, image->pixel(x, y))) {
        uniform = false;
        break;
      }
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
  const std::uint8_t* corners[4] = {image->pixel(0, 0), image->pixel(size - 1, 0), image->pixel(0, size - 1),
                                    image->pixel(size - 1, size - 1)};
  bool opaque_background = true;
  for (const auto* c : corners) {
    if (c[3] != 255 || channel_distance(c, corners[0]) > 8) opaque_background = false;
  }
  std::size_t outside = 0, outside_content = 0;
  const double outer_squared = (radius + 0.5) * (radius + 0.5);
  for (int y = 0; y < size; ++y) {
    const double dy = y + 0.5 - centre;
    for (int x = 0; x < size; ++x) {
      const double dx = x + 0.5 - centre;
      if (dx * dx + dy * dy <= outer_squared) continue;
      ++outside;
      const std::uint8_t* p = image->pixel(x, y);
      bool content = opaque_background ? channel_distance(p, corners[0]) > 48 : p[3] > 64;
      if (content) ++outside_content;
    }
  }
  double transparent_share = transparent_share_in_circle(*image);
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

bool check_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                     Diagnostics& diagnostics) {
  // A logo whose document already settles all three rules (none would fire) is not rendered.
  if (visual_rules_proved_silent(svg_text, document, limits.render_size)) return false;
  measure_rendering(svg_text, document, limits, diagnostics);
  return true;
}

}  // namespace bimi::svgps::detail
