#include "convert/flat_regions.hpp"

#include <algorithm>
#include <utility>

#include "convert/blend_modes.hpp"
#include "convert/opacity.hpp"
#include "convert/stroke.hpp"
#include "geometry/clip.hpp"
#include "geometry/curve_restore.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/stroke.hpp"

namespace bimi::svgps::convert {

namespace {

geo::Box mapped_box(const geo::Box& box, const geo::Matrix& m) {
  if (box.empty() || m.is_identity()) return box;
  geo::Box out;
  for (geo::Point p : {geo::Point{box.x0, box.y0}, {box.x1, box.y0}, {box.x0, box.y1}, {box.x1, box.y1}}) {
    out.add(m.apply(p));
  }
  return out;
}

}  // namespace

bool boxes_overlap(const geo::Box& a, const geo::Box& b) {
  return !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

std::vector<const geo::Path*> curve_sources(const std::vector<Layer>& layers) {
  std::vector<const geo::Path*> sources;
  for (const Layer& layer : layers) {
    sources.push_back(&layer.path);
    if (!layer.edges.empty()) sources.push_back(&layer.edges);
  }
  return sources;
}

bool FlatRegions::collect(const model::Node& node, const geo::Matrix& outer, bool traced, const geo::Box* within,
                          std::vector<Layer>& out) {
  geo::Matrix m = outer * node.transform;
  traced = traced || node.traced;
  if (node.shape) {
    const model::Shape& s = *node.shape;
    if (within && !boxes_overlap(*within, mapped_box(painted_box(s), m))) return true;
    if (s.fill.kind != model::Paint::Kind::none) {
      Layer fill;
      fill.path = m.is_identity() ? s.path : geo::transformed(s.path, m);
      fill.rule = s.fill_rule;
      add(std::move(fill), s.fill, traced, out);
    }
    if (s.stroke && s.stroke->paint.kind != model::Paint::Kind::none) {
      auto outline = stroke_outline(state_, e_, *s.stroke, s.path, state_.tolerance_under(m));
      if (!outline) return false;
      Layer stroke;
      stroke.path = m.is_identity() ? std::move(*outline) : geo::transformed(*outline, m);
      stroke.edges = geo::stroke_edges(s.path, s.stroke->width);
      if (!m.is_identity()) stroke.edges = geo::transformed(stroke.edges, m);
      add(std::move(stroke), s.stroke->paint, traced, out);
    }
  }
  for (const model::Node& child : node.children) {
    if (!collect(child, m, traced, within, out)) return false;
  }
  return true;
}

std::optional<std::string> FlatRegions::split(std::vector<Region>& regions, const std::vector<Layer>& layers) {
  for (const Layer& layer : layers) {
    std::vector<Region> next;
    for (Region& region : regions) {
      if (!boxes_overlap(region.box, layer.box)) {
        next.push_back(std::move(region));
        continue;
      }
      if (auto reason = spend(2)) return reason;
      geo::Path inside = geo::intersect(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
      if (negligible(inside)) {
        next.push_back(std::move(region));
        continue;
      }
      if (layer.unknown) return std::string("over ") + layer.unknown;
      geo::Path outside = geo::subtract(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
      Rgba under = over(layer.colour, region.colour);
      if (!negligible(outside)) next.push_back(make_region(std::move(outside), region.colour));
      next.push_back(make_region(std::move(inside), under));
    }
    regions = std::move(next);
    if (auto reason = bound(regions.size())) return reason;
  }
  return std::nullopt;
}

std::optional<std::string> FlatRegions::composite(const std::vector<Layer>& layers, std::vector<Region>& regions) {
  for (const Layer& layer : layers) {
    if (layer.unknown) return std::string("on ") + layer.unknown;
    Region own{layer.path, layer.rule, layer.box, layer.colour};
    bool opaque = layer.colour.a >= 1;
    std::vector<Region> next;
    for (Region& region : regions) {
      if (!boxes_overlap(region.box, layer.box)) {
        next.push_back(std::move(region));
        continue;
      }
      if (auto reason = spend(opaque ? 1 : 3)) return reason;
      geo::Path outside = geo::subtract(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
      if (opaque) {
        if (!negligible(outside)) next.push_back(make_region(std::move(outside), region.colour));
        continue;
      }
      geo::Path inside = geo::intersect(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
      if (negligible(inside)) {
        next.push_back(std::move(region));
        continue;
      }
      if (!negligible(outside)) next.push_back(make_region(std::move(outside), region.colour));
      next.push_back(make_region(std::move(inside), over(layer.colour, region.colour)));
      own = make_region(geo::subtract(own.path, own.rule, region.path, region.rule, tolerance_, state_.deadline()),
                        own.colour);
    }
    if (!negligible(own.path)) next.push_back(std::move(own));
    regions = std::move(next);
    if (auto reason = bound(regions.size())) return reason;
  }
  return std::nullopt;
}

Region FlatRegions::make_region(geo::Path path, Rgba colour) const {
  geo::Box box = geo::bounds(path);
  return {std::move(path), geo::FillRule::nonzero, box, colour};
}

bool FlatRegions::negligible(const geo::Path& path) const {
  if (path.empty()) return true;
  geo::Box box = geo::bounds(path);
  return geo::filled_area(path, tolerance_, state_.deadline()) <= tolerance_ * (box.width() + box.height());
}

std::optional<std::string> FlatRegions::spend(std::size_t operations) {
  if ((operations_ += operations) <= max_flat_operations) return std::nullopt;
  return "needs more than " + std::to_string(max_flat_operations) + " polygon operations";
}

std::optional<std::string> FlatRegions::bound(std::size_t regions) {
  if (regions <= max_flat_regions) return std::nullopt;
  return "would become more than " + std::to_string(max_flat_regions) + " flat regions";
}

void FlatRegions::add(Layer layer, const model::Paint& paint, bool traced, std::vector<Layer>& out) const {
  if (paint.kind == model::Paint::Kind::color && paint.opacity <= 0) return;
  layer.box = geo::bounds(layer.path);
  if (layer.box.empty()) return;
  layer.colour = to_rgba(paint.color, paint.opacity);
  if (paint.kind == model::Paint::Kind::gradient) layer.unknown = "a gradient";
  if (traced) layer.unknown = "a traced bitmap";
  out.push_back(std::move(layer));
}

bool same_paint(const Rgba& a, const Rgba& b) { return to_rgb(a) == to_rgb(b) && a.a == b.a; }

void add_part(ColourParts& parts, const Rgba& colour, geo::Path path) {
  auto same = std::find_if(parts.begin(), parts.end(), [&](const auto& entry) { return same_paint(entry.first, colour); });
  if (same == parts.end()) {
    parts.push_back({colour, {}});
    same = parts.end() - 1;
  }
  same->second.push_back(std::move(path));
}

geo::Path join_parts(BuildState& state, std::vector<geo::Path> paths, const std::vector<const geo::Path*>& sources,
                     double tolerance) {
  geo::Path path;
  if (paths.size() == 1) {
    path = std::move(paths[0]);
  } else {
    std::vector<geo::FilledPath> parts;
    for (geo::Path& p : paths) parts.push_back({std::move(p), geo::FillRule::nonzero});
    path = geo::unite(parts, tolerance, state.deadline());
  }
  return geo::restore_curves(path, sources, tolerance, state.deadline());
}

model::Node flat_shape(geo::Path path, geo::FillRule rule, const Rgba& colour) {
  model::Node node;
  model::Shape shape;
  shape.path = std::move(path);
  shape.fill_rule = rule;
  shape.fill.kind = model::Paint::Kind::color;
  shape.fill.color = to_rgb(colour);
  shape.fill.opacity = colour.a;
  node.shape = std::move(shape);
  return node;
}

}  // namespace bimi::svgps::convert
