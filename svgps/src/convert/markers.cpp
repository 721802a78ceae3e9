#include "convert/markers.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "convert/clip_mask.hpp"
#include "convert/shapes.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"
#include "geometry/path_data.hpp"
#include "svg/numbers.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::convert {
namespace {

// One drawing command as librsvg's marker code sees it: a cubic from p1 to p4 (a line has its
// end points as controls), or a lone point.
struct MarkerSegment {
  bool degenerate = false;
  geo::Point p1, p2, p3, p4;
};

struct Vector {
  double x = 0, y = 0;
};

// librsvg compares points at cairo's fixed-point precision (1/256 of a unit).
bool same(geo::Point a, geo::Point b) { return std::fabs(a.x - b.x) < 1.0 / 512 && std::fabs(a.y - b.y) < 1.0 / 512; }

Vector from(geo::Point a, geo::Point b) { return {b.x - a.x, b.y - a.y}; }

// The direction leaving p1 and the one arriving at p4; nothing for a segment of no length.
std::optional<std::pair<Vector, Vector>> directions(const MarkerSegment& s) {
  if (s.degenerate) return std::nullopt;
  bool c12 = same(s.p1, s.p2), c13 = same(s.p1, s.p3), c14 = same(s.p1, s.p4);
  bool c23 = same(s.p2, s.p3), c24 = same(s.p2, s.p4), c34 = same(s.p3, s.p4);
  if (c12 && c13 && c14) return std::nullopt;
  if (c12 && c13) return std::pair{from(s.p1, s.p4), from(s.p3, s.p4)};
  if (c12 && c34) return std::pair{from(s.p1, s.p4), from(s.p1, s.p4)};
  if (c23 && c24) return std::pair{from(s.p1, s.p2), from(s.p1, s.p4)};
  if (c12) return std::pair{from(s.p1, s.p3), from(s.p3, s.p4)};
  if (c34) return std::pair{from(s.p1, s.p2), from(s.p2, s.p4)};
  return std::pair{from(s.p1, s.p2), from(s.p3, s.p4)};
}

// The direction arriving at the end of segment `j`, or of the last one before it with a length;
// none past a lone point.
std::optional<Vector> incoming(const std::vector<MarkerSegment>& segments, std::size_t j) {
  for (std::size_t k = j + 1; k-- > 0;) {
    if (segments[k].degenerate) return std::nullopt;
    if (auto d = directions(segments[k])) return d->second;
  }
  return std::nullopt;
}

std::optional<Vector> outgoing(const std::vector<MarkerSegment>& segments, std::size_t j) {
  for (std::size_t k = j; k < segments.size(); ++k) {
    if (segments[k].degenerate) return std::nullopt;
    if (auto d = directions(segments[k])) return d->first;
  }
  return std::nullopt;
}

double normalized(double radians) {
  double r = std::fmod(radians, 2 * M_PI);
  return r < 0 ? r + 2 * M_PI : r;
}

double angle_of(std::optional<Vector> v) {
  if (!v) return 0;
  double a = std::atan2(v->y, v->x);
  return std::isnan(a) ? 0 : normalized(a);
}

double bisect(double in, double out) {
  double half = (out - in) * 0.5;
  return std::fabs(half) > M_PI / 2 ? normalized(in + half - M_PI) : normalized(in + half);
}

double degrees(double radians) { return radians * 180 / M_PI; }

struct Segments {
  std::vector<MarkerSegment> list;
  bool closed = false;  // the command after the last segment closes the path (librsvg's test)
};

Segments segments_of(const geo::Path& path, const std::vector<std::size_t>& arc_continuations) {
  Segments out;
  std::vector<geo::Segment::Kind> commands;
  geo::Point current, start;
  bool after_move = false;
  for (std::size_t i = 0; i < path.segments.size(); ++i) {
    const geo::Segment& s = path.segments[i];
    bool continues = std::binary_search(arc_continuations.begin(), arc_continuations.end(), i);
    if (!continues) commands.push_back(s.kind);
    switch (s.kind) {
      case geo::Segment::Kind::move:
        if (after_move) out.list.push_back({true, current, current, current, current});
        current = start = s.p[0];
        after_move = true;
        break;
      case geo::Segment::Kind::line:
        out.list.push_back({false, current, s.p[0], current, s.p[0]});
        current = s.p[0];
        after_move = false;
        break;
      case geo::Segment::Kind::cubic:
        if (continues && !out.list.empty() && !out.list.back().degenerate) {
          out.list.back().p3 = s.p[1];
          out.list.back().p4 = s.p[2];
        } else {
          out.list.push_back({false, current, s.p[0], s.p[1], s.p[2]});
        }
        current = s.p[2];
        after_move = false;
        break;
      case geo::Segment::Kind::close:
        out.list.push_back({false, current, start, current, start});
        current = start;
        after_move = false;
        break;
    }
  }
  if (after_move) out.list.push_back({true, current, current, current, current});
  out.closed = commands.size() > out.list.size() && commands[out.list.size()] == geo::Segment::Kind::close;
  return out;
}

// The <marker> a marker property names, if any.
std::optional<std::size_t> marker_named(const BuildState& state, std::size_t index, std::string_view property) {
  const auto& values = state.computed_values(index);
  auto it = values.find(property);
  if (it == values.end()) return std::nullopt;
  std::string value = trim_xml_space(it->second);
  if (value.rfind("url(", 0) != 0) return std::nullopt;
  auto found = state.ids.find(local_reference(value));
  if (found == state.ids.end() || !state.document.elements[found->second].is_svg("marker")) return std::nullopt;
  return found->second;
}

// orient: "auto", "auto-start-reverse", or an angle (deg, grad, rad; librsvg 2.54 reads no turn); else 0.
double marker_angle(const RawElement& marker, const MarkerVertex& vertex) {
  const RawAttribute* orient = marker.attribute("orient");
  if (!orient) return 0;
  std::string value = trim_xml_space(orient->value);
  if (value == "auto") return vertex.angle;
  if (value == "auto-start-reverse") return vertex.kind == MarkerVertex::Kind::start ? vertex.angle + 180 : vertex.angle;
  static const std::pair<const char*, double> units[] = {{"deg", 1}, {"grad", 0.9}, {"rad", 180 / M_PI}};
  double scale = 1;
  for (const auto& [unit, factor] : units) {
    std::string_view suffix(unit);
    if (value.size() > suffix.size() && value.compare(value.size() - suffix.size(), suffix.size(), suffix) == 0) {
      value.resize(value.size() - suffix.size());
      scale = factor;
      break;
    }
  }
  std::string_view text = value;
  auto number = detail::parse_number(text);
  return number && text.empty() && std::isfinite(*number) ? *number * scale : 0;
}

// An invalid markerUnits: librsvg (2.54) stops reading the marker's attributes there, so those
// written after it (refX, markerWidth, ...) keep their defaults; browsers ignore only the invalid
// value. The original then draws differently in each, which a fidelity refusal says (what_to_try).
void note_invalid_units(BuildState& state, const RawElement& marker) {
  for (std::size_t i = 0; i < marker.attributes.size(); ++i) {
    const RawAttribute& units = marker.attributes[i];
    if (units.qname != "markerUnits") continue;
    const std::string value = trim_xml_space(units.value);
    if (value == "userSpaceOnUse" || value == "strokeWidth" || i + 1 == marker.attributes.size()) return;
    state.note("convert-structure", marker,
               "an invalid markerUnits: librsvg then ignores the marker's attributes written after "
               "it, browsers only this one, so the original draws differently in each; the output follows browsers");
    return;
  }
}

}  // namespace

std::vector<MarkerVertex> marker_vertices(const geo::Path& path, const std::vector<std::size_t>& arc_continuations) {
  const Segments segments = segments_of(path, arc_continuations);
  const std::vector<MarkerSegment>& list = segments.list;
  std::vector<MarkerVertex> out;
  bool in_subpath = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].degenerate) {
      // A lone point after a subpath: that subpath's end marker first, then a mid marker, unturned.
      if (in_subpath) out.push_back({MarkerVertex::Kind::end, list[i - 1].p4, degrees(angle_of(incoming(list, i - 1)))});
      out.push_back({MarkerVertex::Kind::mid, list[i].p1, 0});
      in_subpath = false;
    } else if (!in_subpath) {
      out.push_back({MarkerVertex::Kind::start, list[i].p1, degrees(angle_of(outgoing(list, i)))});
      in_subpath = true;
    } else {
      auto in = incoming(list, i - 1);
      auto out_direction = outgoing(list, i);
      double angle = in && out_direction ? bisect(angle_of(in), angle_of(out_direction))
                                         : angle_of(in ? in : out_direction);
      out.push_back({MarkerVertex::Kind::mid, list[i].p1, degrees(angle)});
    }
  }
  if (!list.empty() && !list.back().degenerate) {
    double in = angle_of(incoming(list, list.size() - 1));
    double angle = segments.closed ? bisect(in, angle_of(outgoing(list, 0))) : in;
    out.push_back({MarkerVertex::Kind::end, list.back().p4, degrees(angle)});
  }
  return out;
}

void build_markers(BuildState& state, std::size_t index, const Context& context, model::Node& parent) {
  const RawElement& e = state.document.elements[index];
  if (!e.is_svg("path") && !e.is_svg("line") && !e.is_svg("polyline") && !e.is_svg("polygon")) return;
  const std::optional<std::size_t> named[] = {marker_named(state, index, "marker-start"),
                                              marker_named(state, index, "marker-mid"),
                                              marker_named(state, index, "marker-end")};
  if (!named[0] && !named[1] && !named[2]) return;
  auto path = shape_path(state, index, context);
  if (!path || path->empty()) return;
  std::vector<std::size_t> arc_continuations;
  if (const RawAttribute* d = e.is_svg("path") ? e.attribute("d") : nullptr) {
    arc_continuations = geo::parse_path_data(d->value, max_path_segments).arc_continuations;
  }
  const ElementStyle& style = state.style(index);
  const double stroke_width = style.stroke_width ? user_units(*style.stroke_width, context, 'd') : 1;
  for (std::size_t i = 0; i < 3; ++i) {
    if (!named[i] || (i > 0 && named[i] == named[i - 1]) || (i == 2 && named[2] == named[0])) continue;
    note_invalid_units(state, state.document.elements[*named[i]]);
  }
  std::size_t drawn = 0;
  for (const MarkerVertex& vertex : marker_vertices(*path, arc_continuations)) {
    const auto& marker_index = named[static_cast<int>(vertex.kind)];
    if (!marker_index) continue;
    // A marker whose content draws the same marker again is drawn once, as librsvg breaks the cycle.
    if (std::find(state.markers_drawn.begin(), state.markers_drawn.end(), *marker_index) != state.markers_drawn.end()) {
      continue;
    }
    const RawElement& marker = state.document.elements[*marker_index];
    Context lengths = context;
    const double width = length(marker, "markerWidth", 3, lengths, 'w');
    const double height = length(marker, "markerHeight", 3, lengths, 'h');
    if (!(width > 0 && height > 0)) continue;
    if (++state.use_instances > state.options.limits.max_use_instances) {
      state.refuse(e, "markers repeat too much to draw (each is drawn as shapes)");
      return;
    }
    // librsvg: translate to the vertex, turn, scale by the stroke width, scale the viewBox into
    // markerWidth × markerHeight (its alignment does not move the reference point), and put the
    // reference point (refX, refY, in the content's units) on the vertex.
    geo::Matrix m = context.ctm * geo::Matrix::translate(vertex.at.x, vertex.at.y) *
                    geo::Matrix::rotate(marker_angle(marker, vertex));
    const RawAttribute* units = marker.attribute("markerUnits");
    if (!units || trim_xml_space(units->value) != "userSpaceOnUse") m = m * geo::Matrix::scale(stroke_width, stroke_width);
    std::optional<model::ViewBox> box;
    if (const RawAttribute* view_box = marker.attribute("viewBox")) {
      auto numbers = detail::parse_number_list(view_box->value);
      if (numbers && numbers->size() == 4) {
        if (!((*numbers)[2] > 0 && (*numbers)[3] > 0)) continue;  // an empty viewBox draws nothing
        box = model::ViewBox{(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]};
      }
    }
    Context inner = context;
    inner.viewport_width = width;
    inner.viewport_height = height;
    if (box) {
      geo::Matrix fit = aspect_transform(marker, *box, width, height);
      m = m * geo::Matrix::scale(fit.a, fit.d);
      inner.viewport_width = box->width;
      inner.viewport_height = box->height;
    }
    m = m * geo::Matrix::translate(-length(marker, "refX", 0, inner, 'w'), -length(marker, "refY", 0, inner, 'h'));
    inner.ctm = m;
    if (overflow_hidden(state, *marker_index)) {
      bool visible = box ? clip_to_viewport(state, box->x, box->y, box->width, box->height, inner)
                         : clip_to_viewport(state, 0, 0, width, height, inner);
      if (!visible) continue;
    }
    state.markers_drawn.push_back(*marker_index);
    build_children(state, *marker_index, parent, inner);
    state.markers_drawn.pop_back();
    if (state.refused) return;
    ++drawn;
  }
  if (drawn > 0) {
    state.note("convert-structure", e,
               "markers drawn as shapes at " + std::to_string(drawn) + (drawn == 1 ? " vertex" : " vertices") +
                   " (the output has no markers)");
  }
}

}  // namespace bimi::svgps::convert
