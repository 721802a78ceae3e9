#include "raster/trace.hpp"

#include <potracelib.h>

#include <climits>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "bimi/handle.hpp"
#include "raster/stacking.hpp"

namespace bimi::svgps::raster {
namespace {

namespace geo = geometry;
constexpr int word_bits = static_cast<int>(sizeof(potrace_word) * CHAR_BIT);

// A potrace bitmap of the pixels whose colour's position in the stack (`position`, per colour
// index) is at least `from` (and not transparent). Row y of
// the image is potrace's scanline y, so potrace's coordinates are the image's.
struct LayerBitmap {
  std::vector<potrace_word> words;
  potrace_bitmap_t bitmap{};
  std::size_t set = 0;
  std::size_t edges = 0;  // pixel edges between a set pixel and an unset one (or the border)

  LayerBitmap(const Indexed& indexed, const std::vector<std::size_t>& position, std::size_t from,
              const convert::Deadline* deadline) {
    bitmap.w = indexed.width;
    bitmap.h = indexed.height;
    bitmap.dy = (indexed.width + word_bits - 1) / word_bits;
    words.assign(static_cast<std::size_t>(bitmap.dy) * static_cast<std::size_t>(bitmap.h), 0);
    auto in_layer = [&](int x, int y) {
      if (x < 0 || y < 0 || x >= indexed.width || y >= indexed.height) return false;
      std::uint8_t i = indexed.index[static_cast<std::size_t>(y) * indexed.width + x];
      return i != Indexed::transparent && position[i] >= from;
    };
    for (int y = 0; y < indexed.height; ++y) {
      convert::check(deadline);
      potrace_word* line = words.data() + static_cast<std::size_t>(y) * bitmap.dy;
      for (int x = 0; x < indexed.width; ++x) {
        if (!in_layer(x, y)) continue;
        line[x / word_bits] |= potrace_word{1} << (word_bits - 1 - x % word_bits);
        ++set;
        edges += !in_layer(x - 1, y) + !in_layer(x + 1, y) + !in_layer(x, y - 1) + !in_layer(x, y + 1);
      }
    }
    bitmap.map = words.data();
  }
};

geo::Point point(const potrace_dpoint_t& p) { return {p.x, p.y}; }

// Every curve of the trace in one path: potrace orients holes against their outlines, so the
// nonzero rule fills them as it should.
geo::Path path_of(const potrace_path_t* list) {
  geo::Path path;
  for (const potrace_path_t* p = list; p; p = p->next) {
    const potrace_curve_t& curve = p->curve;
    if (curve.n <= 0) continue;
    path.segments.push_back(geo::Segment::move_to(point(curve.c[curve.n - 1][2])));
    for (int i = 0; i < curve.n; ++i) {
      if (curve.tag[i] == POTRACE_CORNER) {
        path.segments.push_back(geo::Segment::line_to(point(curve.c[i][1])));
        path.segments.push_back(geo::Segment::line_to(point(curve.c[i][2])));
      } else {
        path.segments.push_back(
            geo::Segment::cubic_to(point(curve.c[i][0]), point(curve.c[i][1]), point(curve.c[i][2])));
      }
    }
    path.segments.push_back(geo::Segment::close());
  }
  return path;
}

// The layers stacked in `order` (colour indices, bottom first), traced.
std::optional<TracedLayers> trace_in_order(const Indexed& indexed, const std::vector<std::uint8_t>& order,
                                           potrace_param_t& param, std::string& error, const convert::Deadline* deadline) {
  TracedLayers traced;
  const std::size_t canvas = static_cast<std::size_t>(indexed.width) * static_cast<std::size_t>(indexed.height);
  std::vector<std::size_t> position(indexed.colors.size());
  for (std::size_t k = 0; k < order.size(); ++k) position[order[k]] = k;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t layer = order[k];
    convert::check_now(deadline);
    LayerBitmap bitmap(indexed, position, k, deadline);
    if (bitmap.set == 0) continue;
    if (bitmap.edges > max_trace_outline_edges) {
      error = "colour layer " + std::to_string(k + 1) + " has an outline of " + std::to_string(bitmap.edges) +
              " pixel edges, more than the " + std::to_string(max_trace_outline_edges) +
              " that can be traced (noise or a photograph)";
      return std::nullopt;
    }
    if (k == 0 && bitmap.set == canvas) traced.bottom_covers_canvas = true;
    Handle<potrace_state_t, potrace_state_free> state(potrace_trace(&param, &bitmap.bitmap));
    if (!state || state->status != POTRACE_STATUS_OK) {
      error = "the tracer failed (out of memory?)";
      return std::nullopt;
    }
    model::Shape shape;
    shape.path = path_of(state->plist);
    if (shape.path.empty()) continue;
    shape.fill.kind = model::Paint::Kind::color;
    shape.fill.color = indexed.colors[layer];
    model::Node node;
    node.shape = std::move(shape);
    traced.group.children.push_back(std::move(node));
    traced.layers.push_back(layer);
  }
  return traced;
}

// Coordinates written for the trace: what its bytes grow with.
std::size_t coordinates(const TracedLayers& traced) {
  std::size_t count = 0;
  for (const model::Node& node : traced.group.children) {
    for (const geo::Segment& segment : node.shape->path.segments) {
      count += segment.kind == geo::Segment::Kind::cubic ? 6 : segment.kind == geo::Segment::Kind::close ? 0 : 2;
    }
  }
  return count;
}

}  // namespace

std::optional<TracedLayers> trace_layers(const Indexed& indexed, const TraceParameters& parameters, std::string& error,
                                         const convert::Deadline* deadline) {
  Handle<potrace_param_t, potrace_param_free> param(potrace_param_default());
  if (!param) {
    error = "the tracer could not start";
    return std::nullopt;
  }
  param->turdsize = parameters.despeckle;
  param->alphamax = parameters.smoothing;
  param->opttolerance = parameters.tolerance;
  param->opticurve = 1;
  param->turnpolicy = POTRACE_TURNPOLICY_MINORITY;

  std::vector<std::uint8_t> order(indexed.colors.size());
  std::iota(order.begin(), order.end(), std::uint8_t{0});
  auto traced = trace_in_order(indexed, order, *param, error, deadline);
  if (!traced || !parameters.any_order) return traced;
  // Fewer pixel edges mostly, but not always, make fewer curves (potrace joins straight runs and
  // smooth arcs): the order with the shortest outlines is kept only when its trace is smaller.
  const std::vector<std::uint8_t> shortest = stacking_order(indexed);
  if (shortest == order) return traced;
  std::string ignored;
  auto reordered = trace_in_order(indexed, shortest, *param, ignored, deadline);
  if (reordered && coordinates(*reordered) < coordinates(*traced)) return reordered;
  return traced;
}

}  // namespace bimi::svgps::raster
