#include "convert/blending.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "convert/blend_modes.hpp"
#include "convert/opacity.hpp"
#include "convert/stroke.hpp"
#include "geometry/clip.hpp"
#include "geometry/curve_restore.hpp"
#include "geometry/path_ops.hpp"

namespace bimi::svgps::convert {

namespace {

// Regions one blended element may become, and polygon operations spent finding them: each
// backdrop shape under the element can split every region found so far in two.
constexpr std::size_t max_blend_regions = 1024;
constexpr std::size_t max_blend_operations = 8192;

// A flat-coloured layer in document coordinates: a fill, or a stroke outlined.
struct Layer {
  geo::Path path;
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;
  Rgba colour;
  const char* unknown = nullptr;  // why its colour is no single value: "a gradient", "a traced bitmap"
};

// A part of the picture of one colour.
struct Region {
  geo::Path path;
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;
  Rgba colour;
};

bool overlap(const geo::Box& a, const geo::Box& b) {
  return !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

geo::Box mapped_box(const geo::Box& box, const geo::Matrix& m) {
  if (box.empty() || m.is_identity()) return box;
  geo::Box out;
  for (geo::Point p : {geo::Point{box.x0, box.y0}, {box.x1, box.y0}, {box.x0, box.y1}, {box.x1, box.y1}}) {
    out.add(m.apply(p));
  }
  return out;
}

// The blend of one element, from its drawing and its backdrop to the flat regions it becomes.
class Blend {
 public:
  Blend(BuildState& state, const RawElement& e) : state_(state), e_(e), tolerance_(state.tolerance()) {}

  // The layers `node` paints, in paint order, those outside `within` left out (when given).
  // False when refused on the way (a stroke of too many dashes).
  bool collect(const model::Node& node, const geo::Matrix& outer, bool traced, const geo::Box* within,
               std::vector<Layer>& out) {
    geo::Matrix m = outer * node.transform;
    traced = traced || node.traced;
    if (node.shape) {
      const model::Shape& s = *node.shape;
      if (within && !overlap(*within, mapped_box(painted_box(s), m))) return true;
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
        add(std::move(stroke), s.stroke->paint, traced, out);
      }
    }
    for (const model::Node& child : node.children) {
      if (!collect(child, m, traced, within, out)) return false;
    }
    return true;
  }

  // Splits `regions` by each layer drawn over them in turn: the part under a layer takes the
  // layer's colour composited over its own. A reason when that is not exact or not bounded.
  std::optional<std::string> split(std::vector<Region>& regions, const std::vector<Layer>& layers) {
    for (const Layer& layer : layers) {
      std::vector<Region> next;
      for (Region& region : regions) {
        if (!overlap(region.box, layer.box)) {
          next.push_back(std::move(region));
          continue;
        }
        if (auto reason = spend(2)) return reason;
        geo::Path inside =
            geo::intersect(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
        if (negligible(inside)) {
          next.push_back(std::move(region));
          continue;
        }
        if (layer.unknown) return std::string("over ") + layer.unknown;
        geo::Path outside =
            geo::subtract(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
        Rgba under = over(layer.colour, region.colour);
        if (!negligible(outside)) next.push_back(make_region(std::move(outside), region.colour));
        next.push_back(make_region(std::move(inside), under));
      }
      regions = std::move(next);
      if (auto reason = bound(regions.size())) return reason;
    }
    return std::nullopt;
  }

  // The element's own layers drawn over each other (it is an isolated group): disjoint regions of
  // one composited colour each. A layer that overlaps nothing before it stays whole, and an
  // opaque one covers what it overlaps, so that only translucent overlaps cost cuts.
  std::optional<std::string> composite(const std::vector<Layer>& layers, std::vector<Region>& regions) {
    for (const Layer& layer : layers) {
      if (layer.unknown) return std::string("on ") + layer.unknown;
      Region own{layer.path, layer.rule, layer.box, layer.colour};
      bool opaque = layer.colour.a >= 1;
      std::vector<Region> next;
      for (Region& region : regions) {
        if (!overlap(region.box, layer.box)) {
          next.push_back(std::move(region));
          continue;
        }
        if (auto reason = spend(opaque ? 1 : 3)) return reason;
        geo::Path outside =
            geo::subtract(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
        if (opaque) {
          if (!negligible(outside)) next.push_back(make_region(std::move(outside), region.colour));
          continue;
        }
        geo::Path inside =
            geo::intersect(region.path, region.rule, layer.path, layer.rule, tolerance_, state_.deadline());
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

  // Counts regions emitted for the element; a reason once they pass the bound.
  std::optional<std::string> emit(std::size_t count) { return bound(emitted_ += count); }

  Region make_region(geo::Path path, Rgba colour) const {
    geo::Box box = geo::bounds(path);
    return {std::move(path), geo::FillRule::nonzero, box, colour};
  }

  // A polygon operation's result thinner than the flattening tolerance: a sliver along an edge
  // both operands share, not a region of its own.
  bool negligible(const geo::Path& path) const {
    if (path.empty()) return true;
    geo::Box box = geo::bounds(path);
    return geo::filled_area(path, tolerance_, state_.deadline()) <= tolerance_ * (box.width() + box.height());
  }

  double tolerance() const { return tolerance_; }

 private:
  std::optional<std::string> spend(std::size_t operations) {
    if ((operations_ += operations) <= max_blend_operations) return std::nullopt;
    return "needs more than " + std::to_string(max_blend_operations) + " polygon operations";
  }

  static std::optional<std::string> bound(std::size_t regions) {
    if (regions <= max_blend_regions) return std::nullopt;
    return "would become more than " + std::to_string(max_blend_regions) + " flat regions";
  }

  void add(Layer layer, const model::Paint& paint, bool traced, std::vector<Layer>& out) const {
    if (paint.kind == model::Paint::Kind::color && paint.opacity <= 0) return;
    layer.box = geo::bounds(layer.path);
    if (layer.box.empty()) return;
    layer.colour = to_rgba(paint.color, paint.opacity);
    if (paint.kind == model::Paint::Kind::gradient) layer.unknown = "a gradient";
    if (traced) layer.unknown = "a traced bitmap";
    out.push_back(std::move(layer));
  }

  BuildState& state_;
  const RawElement& e_;
  double tolerance_;
  std::size_t operations_ = 0;
  std::size_t emitted_ = 0;
};

bool same_paint(const Rgba& a, const Rgba& b) { return to_rgb(a) == to_rgb(b) && a.a == b.a; }

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

// What the blended element becomes: its regions over the backdrop, each cut where the backdrop
// changes colour and painted with the blend's colour there, or a reason it cannot be exact.
struct Outcome {
  model::Node node;
  std::size_t regions = 0;
  bool changed = false;  // some colour differs from the element's own
};

std::optional<std::string> blend_regions(BuildState& state, const RawElement& e, BlendMode mode,
                                         const model::Node& drawn, Outcome& outcome) {
  Blend blend(state, e);
  // The backdrop: what the open groups hold, back to the innermost isolated one.
  std::size_t from = 0;
  for (std::size_t i = 0; i < state.open_groups.size(); ++i) {
    if (state.open_groups[i].isolated) from = i;
  }
  geo::Matrix chain;
  for (std::size_t i = from; i < state.open_groups.size(); ++i) chain = chain * state.open_groups[i].node->transform;
  if (!chain.is_identity()) return "inside a transformed group";

  std::vector<Layer> own;
  if (!blend.collect(drawn, geo::Matrix{}, false, nullptr, own)) return std::nullopt;
  geo::Box extent;
  for (const Layer& layer : own) {
    extent.add({layer.box.x0, layer.box.y0});
    extent.add({layer.box.x1, layer.box.y1});
  }
  std::vector<Layer> backdrop;
  for (std::size_t i = from; i < state.open_groups.size(); ++i) {
    for (const model::Node& child : state.open_groups[i].node->children) {
      if (!blend.collect(child, geo::Matrix{}, false, &extent, backdrop)) return std::nullopt;
    }
  }

  // The element is an isolated group: where its own layers overlap, its colour is their composite.
  std::vector<Region> pieces;
  if (auto reason = blend.composite(own, pieces)) return reason;

  std::vector<const geo::Path*> sources;
  for (const Layer& layer : own) sources.push_back(&layer.path);
  for (const Layer& layer : backdrop) sources.push_back(&layer.path);
  for (Region& piece : pieces) {
    if (piece.colour.a <= 0) continue;
    std::vector<Region> under{{piece.path, piece.rule, piece.box, Rgba{}}};
    if (auto reason = blend.split(under, backdrop)) return reason;
    if (auto reason = blend.emit(under.size())) return reason;
    // Each part over the backdrop paints the blended colour; over transparency, its own.
    std::vector<std::pair<Rgba, std::vector<geo::Path>>> by_colour;
    for (Region& part : under) {
      Rgba painted = part.colour.a > 0 ? blended_source(mode, part.colour, piece.colour) : piece.colour;
      auto same = std::find_if(by_colour.begin(), by_colour.end(),
                               [&](const auto& entry) { return same_paint(entry.first, painted); });
      if (same == by_colour.end()) {
        by_colour.push_back({painted, {}});
        same = by_colour.end() - 1;
      }
      same->second.push_back(std::move(part.path));
    }
    if (by_colour.size() == 1) {
      outcome.changed = outcome.changed || !same_paint(by_colour[0].first, piece.colour);
      outcome.node.children.push_back(flat_shape(std::move(piece.path), piece.rule, by_colour[0].first));
      ++outcome.regions;
      continue;
    }
    outcome.changed = true;
    for (auto& [colour, paths] : by_colour) {
      geo::Path path;
      if (paths.size() == 1) {
        path = std::move(paths[0]);
      } else {
        std::vector<geo::FilledPath> parts;
        for (geo::Path& p : paths) parts.push_back({std::move(p), geo::FillRule::nonzero});
        path = geo::unite(parts, blend.tolerance(), state.deadline());
      }
      path = geo::restore_curves(path, sources, blend.tolerance(), state.deadline());
      outcome.node.children.push_back(flat_shape(std::move(path), geo::FillRule::nonzero, colour));
      ++outcome.regions;
    }
  }
  return std::nullopt;
}

}  // namespace

bool isolates(const BuildState& state, std::size_t index) {
  auto set = [&](std::string_view name, std::string_view unset) {
    auto value = state.own(index, name);
    return value && trim_xml_space(*value) != unset;
  };
  if (state.style(index).opacity < 1 || set("filter", "none") || set("mask", "none") ||
      set("mix-blend-mode", "normal") || set("isolation", "auto")) {
    return true;
  }
  auto clip = state.own(index, "clip-path");
  if (!clip) return false;
  auto it = state.ids.find(local_reference(*clip));
  if (it == state.ids.end()) return false;
  const RawAttribute* units = state.document.elements[it->second].attribute("clipPathUnits");
  return units && trim_xml_space(units->value) == "objectBoundingBox";
}

GroupBeingBuilt::GroupBeingBuilt(BuildState& state, const model::Node& node, bool isolated) : state_(state) {
  state_.open_groups.push_back({&node, isolated});
}

GroupBeingBuilt::~GroupBeingBuilt() { state_.open_groups.pop_back(); }

bool build_blended(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                   const DrawBlended& draw) {
  auto value = state.own(index, "mix-blend-mode");
  if (!value) return false;
  auto mode = parse_blend_mode(trim_xml_space(*value));
  if (!mode || *mode == BlendMode::normal) return false;
  const RawElement& e = state.document.elements[index];
  model::Node drawn;
  {
    GroupBeingBuilt own(state, drawn, true);
    auto outer = std::exchange(state.blend_applied, index);
    draw(context, drawn);
    state.blend_applied = outer;
  }
  if (state.refused || (drawn.children.empty() && !drawn.shape)) return true;
  Outcome outcome;
  auto reason = blend_regions(state, e, *mode, drawn, outcome);
  if (state.refused) return true;
  std::string what = "mix-blend-mode \"" + std::string(trim_xml_space(*value)) + "\"";
  if (reason) {
    if (state.refuse_or_drop(e, what + " " + *reason)) parent.children.push_back(std::move(drawn));
    return true;
  }
  BuildState::BlendTally& tally = state.blends[index];
  tally.mode = blend_mode_name(*mode);
  ++tally.times;
  tally.regions += outcome.regions;
  tally.changed = tally.changed || outcome.changed;
  // Where no colour changed (nothing under the element, or a blend that keeps its colours there),
  // the element stays as it was drawn, strokes and curves untouched.
  parent.children.push_back(outcome.changed ? std::move(outcome.node) : std::move(drawn));
  return true;
}

void report_blends(BuildState& state) {
  for (const auto& [index, tally] : state.blends) {
    const RawElement& e = state.document.elements[index];
    std::string message = "mix-blend-mode " + tally.mode + " on " + tag(e);
    if (tally.changed) {
      message += " became " + std::to_string(tally.regions) + " flat region" + (tally.regions == 1 ? "" : "s");
    } else {
      message += " changes no colour over what lies under it; drawn as it is";
    }
    if (tally.times > 1) message += " (" + std::to_string(tally.times) + " copies)";
    state.note("convert-blend", e, std::move(message));
  }
}

}  // namespace bimi::svgps::convert
