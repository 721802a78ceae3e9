#include "convert/clipping.hpp"

#include <cmath>

#include "geometry/clip.hpp"
#include "geometry/stroke.hpp"
#include "geometry/curve_restore.hpp"
#include "geometry/path_ops.hpp"
#include "convert/opacity.hpp"
#include "convert/stroke.hpp"

namespace bimi::svgps::convert {

namespace {

// A clip region in a shape's coordinates, with the flattening tolerance that stays within the
// document's tolerance there.
struct LocalClip {
  geo::Path path;
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;
  bool rectangle = false;
  double tolerance = 0;
  bool implied = false;  // Clip::implied: no clip-path note
};

std::optional<LocalClip> clip_in_space(const BuildState& state, const Clip& clip, std::optional<geo::Matrix> local) {
  LocalClip region{clip.path, clip.rule, clip.box, clip.rectangle, state.tolerance(), clip.implied};
  if (!local) return region;
  auto inverse = local->inverse();
  if (!inverse) return std::nullopt;
  region.path = geo::transformed(clip.path, *inverse);
  region.box = geo::bounds(region.path);
  geo::Box ignored;
  region.rectangle = clip.rectangle && geo::is_axis_aligned_rectangle(region.path, ignored);
  region.tolerance = state.tolerance_under(*local);
  return region;
}

// The intersection of a filled region with a clip region, with the curves of both put back
// between the cut points.
// `edges`, when given, are the curves an outlined stroke follows (geo::stroke_edges).
geo::Path intersection(const BuildState& state, const geo::Path& filled, geo::FillRule rule, const LocalClip& region,
                       const geo::Path* edges = nullptr) {
  geo::Path cut = geo::intersect(filled, rule, region.path, region.rule, region.tolerance, state.deadline());
  std::vector<const geo::Path*> sources{&filled, &region.path};
  if (edges) sources.push_back(edges);
  return geo::restore_curves(cut, sources, region.tolerance, state.deadline());
}

// Intersects a fill with a clip region; false when nothing is left.
bool cut_fill(BuildState& state, const RawElement& e, model::Shape& shape, const LocalClip& region) {
  shape.path = intersection(state, shape.path, shape.fill_rule, region);
  shape.fill_rule = geo::FillRule::nonzero;
  if (shape.path.empty()) return false;
  if (!region.implied) state.note("convert-clip", e, "clip-path applied to the shape's geometry");
  return true;
}

// The total length of a path's flattened outlines.
double outline_length(const BuildState& state, const geo::Path& path, double tolerance) {
  double length = 0;
  for (const auto& polygon : geo::flatten(path, tolerance, state.deadline())) {
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      const geo::Point& p = polygon[i];
      const geo::Point& q = polygon[(i + 1) % polygon.size()];
      length += std::hypot(q.x - p.x, q.y - p.y);
    }
  }
  return length;
}

// Whether a clip removes a visible part of a filled region. What lies outside the clip counts as
// a flattening sliver, not a cut, when it is both small (less area than a band of tolerance width
// along the region's box) and thin (on average at most two tolerances wide: area at most the
// tolerance times its outline's length), so that a compact piece outside, however small its area
// against the whole logo, is still cut away.
bool cuts(const BuildState& state, const geo::Path& filled, geo::FillRule rule, const LocalClip& region) {
  geo::Path outside = geo::subtract(filled, rule, region.path, region.rule, region.tolerance, state.deadline());
  geo::Box box = geo::bounds(filled);
  double area = geo::filled_area(outside, region.tolerance, state.deadline());
  if (area > region.tolerance * (box.width() + box.height())) return true;
  return area > 0 && area > region.tolerance * outline_length(state, outside, region.tolerance);
}

void note_noop(BuildState& state, const RawElement& e, const LocalClip& region) {
  if (state.clip_noop_noted || region.implied) return;
  state.note("convert-clip", e, "clip-path removed: it does not cut anything drawn");
  state.clip_noop_noted = true;
}

// Cuts one shape with a clip region; adds what is left to `out`. A stroke the clip cuts is
// outlined and cut as a fill: kept as a stroke, it would follow the cut edge instead of ending
// there. A stroke the clip leaves whole stays a stroke (smaller).
void clip_shape(BuildState& state, const RawElement& e, model::Shape shape, const LocalClip& region, std::vector<model::Shape>& out) {
  geo::Box drawn = painted_box(shape);
  const geo::Box& c = region.box;
  if (drawn.empty() || c.empty() || drawn.x1 <= c.x0 || drawn.x0 >= c.x1 || drawn.y1 <= c.y0 || drawn.y0 >= c.y1) {
    return;
  }
  bool inside = drawn.x0 >= c.x0 && drawn.y0 >= c.y0 && drawn.x1 <= c.x1 && drawn.y1 <= c.y1;
  if (region.rectangle && inside) {
    note_noop(state, e, region);
    out.push_back(std::move(shape));
    return;
  }
  if (!shape.stroke) {
    if (!cuts(state, shape.path, shape.fill_rule, region)) {
      note_noop(state, e, region);
      out.push_back(std::move(shape));
    } else if (cut_fill(state, e, shape, region)) {
      out.push_back(std::move(shape));
    }
    return;
  }
  auto outline = stroke_outline(state, e, *shape.stroke, shape.path, region.tolerance);
  if (!outline) return;
  bool stroke_cut = cuts(state, *outline, geo::FillRule::nonzero, region);
  bool filled = shape.fill.kind != model::Paint::Kind::none;
  if (!stroke_cut && (!filled || !cuts(state, shape.path, shape.fill_rule, region))) {
    out.push_back(std::move(shape));
    return;
  }
  if (filled) {
    model::Shape fill = shape;
    fill.stroke.reset();
    if (cut_fill(state, e, fill, region)) out.push_back(std::move(fill));
  }
  if (!stroke_cut) {
    shape.fill.kind = model::Paint::Kind::none;
    out.push_back(std::move(shape));
    return;
  }
  model::Shape outlined;
  outlined.fill = shape.stroke->paint;
  geo::Path edges = geo::stroke_edges(shape.path, shape.stroke->width);
  outlined.path = intersection(state, *outline, geo::FillRule::nonzero, region, &edges);
  state.note("convert-clip", e, "stroke outlined to apply the clip");
  if (!outlined.path.empty()) out.push_back(std::move(outlined));
}

}  // namespace

std::vector<model::Shape> clipped_parts(BuildState& state, const RawElement& e, model::Shape shape, const Context& context,
                                        std::optional<geo::Matrix> local) {
  std::vector<model::Shape> parts;
  parts.push_back(std::move(shape));
  for (const Clip* clip : context.clips) {
    auto region = clip_in_space(state, *clip, local);
    if (!region) return {};
    std::vector<model::Shape> kept;
    for (model::Shape& part : parts) clip_shape(state, e, std::move(part), *region, kept);
    parts = std::move(kept);
  }
  return parts;
}

}  // namespace bimi::svgps::convert
