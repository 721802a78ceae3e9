#include "convert/blending.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "convert/blend_modes.hpp"
#include "convert/flat_regions.hpp"

namespace bimi::svgps::convert {

namespace {

// What the blended element becomes: its regions over the backdrop, each cut where the backdrop
// changes colour and painted with the blend's colour there, or a reason it cannot be exact.
struct Outcome {
  model::Node node;
  std::size_t regions = 0;
  bool changed = false;  // some colour differs from the element's own
};

std::optional<std::string> blend_regions(BuildState& state, const RawElement& e, BlendMode mode,
                                         const model::Node& drawn, Outcome& outcome) {
  FlatRegions blend(state, e);
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

  std::vector<const geo::Path*> sources = curve_sources(own);
  for (const geo::Path* source : curve_sources(backdrop)) sources.push_back(source);
  for (Region& piece : pieces) {
    if (piece.colour.a <= 0) continue;
    std::vector<Region> under{{piece.path, piece.rule, piece.box, Rgba{}}};
    if (auto reason = blend.split(under, backdrop)) return reason;
    if (auto reason = blend.emit(under.size())) return reason;
    // Each part over the backdrop paints the blended colour; over transparency, its own.
    ColourParts by_colour;
    for (Region& part : under) {
      Rgba painted = part.colour.a > 0 ? blended_source(mode, part.colour, piece.colour) : piece.colour;
      add_part(by_colour, painted, std::move(part.path));
    }
    if (by_colour.size() == 1) {
      outcome.changed = outcome.changed || !same_paint(by_colour[0].first, piece.colour);
      outcome.node.children.push_back(flat_shape(std::move(piece.path), piece.rule, by_colour[0].first));
      ++outcome.regions;
      continue;
    }
    outcome.changed = true;
    for (auto& [colour, paths] : by_colour) {
      geo::Path path = join_parts(state, std::move(paths), sources, blend.tolerance());
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
