#include "render/scene_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "bimi/diagnostic.hpp"
#include "render/cairo_image.hpp"
#include "render/cairo_library.hpp"

namespace bimi::svgps::detail {
namespace {

using geometry::Segment;

constexpr std::size_t max_segments = 20'000;
constexpr double max_distance_in_sizes = 4;

bool within_bounds(const std::vector<SceneLayer>& layers, int size) {
  const double low = -max_distance_in_sizes * size, high = (1 + max_distance_in_sizes) * size;
  std::size_t segments = 0;
  for (const SceneLayer& layer : layers) {
    if (!layer.is_fill) return false;
    segments += layer.path.segments.size();
    if (segments > max_segments) return false;
    for (const Segment& segment : layer.path.segments) {
      int used = segment.kind == Segment::Kind::cubic ? 3 : segment.kind == Segment::Kind::close ? 0 : 1;
      for (int k = 0; k < used; ++k) {
        const geometry::Point& p = segment.p[k];
        if (!(p.x >= low && p.x <= high && p.y >= low && p.y <= high)) return false;
      }
    }
  }
  return true;
}

// librsvg's solid paint: the colour's alpha times the opacity, rounded to a byte (resolve_color in
// paint_server.rs), each channel then divided by 255.
void set_paint(const CairoLibrary& cairo, cairo_t* context, const SceneLayer& layer) {
  const style::Color& color = *layer.color;
  double alpha = std::clamp(std::round(color.alpha * 255.0 * layer.opacity), 0.0, 255.0);
  cairo.set_source_rgba(context, color.r / 255.0, color.g / 255.0, color.b / 255.0, alpha / 255.0);
}

}  // namespace

std::optional<Image> draw_plain_scene(const std::vector<SceneLayer>& layers, int size) {
  if (size <= 0 || size > 8192 || !within_bounds(layers, size)) return std::nullopt;
  std::string error;
  const CairoLibrary* library = cairo_library(error);
  if (library == nullptr) return std::nullopt;
  const CairoLibrary& cairo = *library;
  CairoSurface surface(cairo.image_surface_create(CAIRO_FORMAT_ARGB32, size, size), {&cairo});
  if (cairo.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return std::nullopt;
  {
    CairoContext context(cairo.create(surface.get()), {&cairo});
    cairo_t* cr = context.get();
    // The points are already in pixels, transformed exactly as cairo transforms librsvg's user
    // space points (x·scale + 0·y + translation), so the context keeps its identity matrix.
    for (const SceneLayer& layer : layers) {
      if (!layer.color) continue;
      cairo.new_path(cr);
      for (const Segment& segment : layer.path.segments) {
        switch (segment.kind) {
          case Segment::Kind::move:
            cairo.move_to(cr, segment.p[0].x, segment.p[0].y);
            break;
          case Segment::Kind::line:
            cairo.line_to(cr, segment.p[0].x, segment.p[0].y);
            break;
          case Segment::Kind::cubic:
            cairo.curve_to(cr, segment.p[0].x, segment.p[0].y, segment.p[1].x, segment.p[1].y, segment.p[2].x,
                           segment.p[2].y);
            break;
          case Segment::Kind::close:
            cairo.close_path(cr);
            break;
        }
      }
      cairo.set_fill_rule(cr, layer.rule == geometry::FillRule::evenodd ? CAIRO_FILL_RULE_EVEN_ODD
                                                                          : CAIRO_FILL_RULE_WINDING);
      set_paint(cairo, cr, layer);
      cairo.fill(cr);
    }
    if (cairo.status(cr) != CAIRO_STATUS_SUCCESS) return std::nullopt;
  }
  cairo.surface_flush(surface.get());
  return image_from_argb32(cairo.image_surface_get_data(surface.get()), cairo.image_surface_get_stride(surface.get()),
                           size);
}

std::optional<Image> draw_plain_document(std::string_view svg_text, int size, const Limits& limits) {
  Diagnostics ignored;
  auto document = parse_xml(svg_text, limits, ignored);
  if (!document || !document->root().is_svg("svg")) return std::nullopt;
  auto scene = read_plain_scene(svg_text, *document, size);
  if (!scene) return std::nullopt;
  return draw_plain_scene(*scene, size);
}

}  // namespace bimi::svgps::detail
