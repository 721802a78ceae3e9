#include "convert/effect_trace.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>
#include <utility>

#include "bimi/svgps/render.hpp"
#include "convert/framing.hpp"
#include "convert/shapes.hpp"
#include "model/writer.hpp"
#include "raster/alpha_bands.hpp"
#include "raster/alpha_gradient.hpp"
#include "raster/prepare.hpp"
#include "raster/shading.hpp"
#include "raster/trace.hpp"

namespace bimi::svgps::convert {

namespace {

// Properties a primitive or its children take from the cascade: written as computed, so the
// render sees what the original's did without its style sheets.
constexpr std::string_view cascaded[] = {"color-interpolation-filters", "flood-color", "flood-opacity",
                                         "lighting-color", "color"};

std::string number(double v) { return format_number(v, 6); }

// An element of the filter as written, its presentation properties as computed, its children
// (transfer functions, merge nodes, light sources) likewise.
void write_element(const BuildState& state, std::size_t index, int depth, std::string& out) {
  const RawElement& e = state.document.elements[index];
  out += "<" + e.local;
  for (const RawAttribute& a : e.attributes) {
    if (!a.ns.empty() || a.local == "style" || a.local == "class" || a.local == "id") continue;
    if ((a.local == "in" || a.local == "in2") && names_backdrop(a.value)) continue;
    if (std::find(std::begin(cascaded), std::end(cascaded), a.local) != std::end(cascaded)) continue;
    out += " " + a.local + "=\"" + escape_xml(a.value) + "\"";
  }
  for (std::string_view name : cascaded) {
    if (auto value = state.property(index, name)) out += " " + std::string(name) + "=\"" + escape_xml(*value) + "\"";
  }
  out += ">";
  if (depth < 2) {
    for (std::size_t c : e.children) {
      if (state.document.elements[c].ns == detail::svg_namespace) write_element(state, c, depth + 1, out);
    }
  }
  out += "</" + e.local + ">";
}

// Replaces every occurrence of `from` in `text` by `to`.
void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// A blurred edge around a shaded core (a gradient blurred at the rim of its region) has the
// core's colours, only fainter: a band of alpha whose pixels the core's gradient explains better
// than one flat colour is filled with that gradient, at the band's opacity. Bands are in
// out.shapes, in `layers` order; gradients of `core` index out.gradients.
void rim_takes_core_gradients(const Image& image, const raster::AlphaBands& bands, const std::vector<std::size_t>& layers,
                              const std::vector<model::Shape>& core, TracedEffect& out) {
  std::vector<std::size_t> gradients;
  for (const model::Shape& shape : core) {
    if (shape.fill.kind == model::Paint::Kind::gradient) gradients.push_back(shape.fill.gradient);
  }
  if (gradients.empty()) return;
  const std::size_t width = static_cast<std::size_t>(image.width);
  const std::size_t levels = bands.opacity.size();
  // Per alpha level: its pixels' mean colour, then their squared error against it and each gradient.
  std::vector<std::array<double, 3>> sum(levels, {0, 0, 0});
  std::vector<double> count(levels, 0), spread(levels, 0);
  std::vector<std::vector<double>> off(levels, std::vector<double>(gradients.size(), 0));
  for (std::size_t i = 0; i < bands.indexed.index.size(); ++i) {
    const std::size_t k = bands.indexed.index[i];
    if (k >= levels) continue;
    for (int c = 0; c < 3; ++c) sum[k][c] += image.rgba[i * 4 + c];
    ++count[k];
  }
  for (std::size_t i = 0; i < bands.indexed.index.size(); ++i) {
    const std::size_t k = bands.indexed.index[i];
    if (k >= levels) continue;
    const std::uint8_t* p = &image.rgba[i * 4];
    for (int c = 0; c < 3; ++c) spread[k] += (p[c] - sum[k][c] / count[k]) * (p[c] - sum[k][c] / count[k]);
    const double x = static_cast<double>(i % width) + 0.5, y = static_cast<double>(i / width) + 0.5;
    for (std::size_t g = 0; g < gradients.size(); ++g) {
      const model::Rgb there = raster::colour_at(out.gradients[gradients[g]], x, y);
      const double d[3] = {p[0] - double(there.r), p[1] - double(there.g), p[2] - double(there.b)};
      off[k][g] += d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    }
  }
  for (std::size_t shape = 0; shape < layers.size() && shape < out.shapes.size(); ++shape) {
    const std::size_t k = layers[shape];
    if (k >= levels || count[k] == 0) continue;
    const std::size_t best = static_cast<std::size_t>(std::min_element(off[k].begin(), off[k].end()) - off[k].begin());
    if (off[k][best] < spread[k]) {
      model::Paint& fill = out.shapes[shape].fill;
      fill.kind = model::Paint::Kind::gradient;
      fill.gradient = gradients[best];
    }
  }
}

}  // namespace

std::string traced_note(const std::string& what, std::size_t shapes, std::size_t gradients, std::size_t bytes) {
  std::string fitted;
  if (gradients > 0) fitted = ", its fade fitted as " + std::string(gradients == 1 ? "a gradient" : std::to_string(gradients) + " gradients");
  return what + " rendered and traced into " + std::to_string(shapes) + " shape" + (shapes == 1 ? "" : "s") + fitted +
         " (about " + std::to_string(bytes) + " bytes)";
}

std::string matrix_text(const geo::Matrix& m) {
  return "matrix(" + number(m.a) + " " + number(m.b) + " " + number(m.c) + " " + number(m.d) + " " + number(m.e) +
         " " + number(m.f) + ")";
}

bool names_backdrop(std::string_view input) {
  const std::string name = trim_xml_space(input);
  return name == "BackgroundImage" || name == "BackgroundAlpha";
}

bool renderable_primitive(const BuildState& state, std::size_t primitive) {
  static const std::set<std::string, std::less<>> drawn = {
      "feBlend",          "feColorMatrix",     "feComponentTransfer", "feComposite",   "feConvolveMatrix",
      "feDiffuseLighting", "feDisplacementMap", "feDropShadow",        "feFlood",       "feGaussianBlur",
      "feMerge",          "feMorphology",      "feOffset",            "feSpecularLighting", "feTile",
      "feTurbulence"};
  const RawElement& p = state.document.elements[primitive];
  return p.ns == detail::svg_namespace && drawn.count(p.local) > 0;
}

std::string filter_markup(const BuildState& state, std::size_t filter, std::size_t last, const geo::Box& region,
                          std::string_view id) {
  const RawElement& f = state.document.elements[filter];
  std::string out = "<filter id=\"" + std::string(id) + "\" filterUnits=\"userSpaceOnUse\" x=\"" + number(region.x0) +
                    "\" y=\"" + number(region.y0) + "\" width=\"" + number(region.width()) + "\" height=\"" +
                    number(region.height()) + "\"";
  if (const RawAttribute* units = f.attribute("primitiveUnits")) {
    out += " primitiveUnits=\"" + escape_xml(units->value) + "\"";
  }
  out += ">";
  for (std::size_t c : f.children) {
    const RawElement& p = state.document.elements[c];
    if (p.ns != detail::svg_namespace || p.local == "title" || p.local == "desc") continue;
    write_element(state, c, 1, out);
    if (c == last) break;
  }
  return out + "</filter>";
}

std::string written_drawing(const BuildState& state, const model::Node& drawing, std::string_view prefix) {
  model::Document alone;
  alone.view_box = state.out.view_box;
  alone.gradients = state.out.gradients;
  alone.root.children.push_back(drawing);
  std::string svg = write_document(alone, {6});
  // Everything after the title: the gradients' <defs>, then the shapes.
  std::size_t title = svg.find("</title>\n");
  std::size_t end = svg.rfind("</svg>");
  if (title == std::string::npos || end == std::string::npos || end < title) return {};
  std::string body = svg.substr(title + 9, end - title - 9);
  replace_all(body, " id=\"g", " id=\"" + std::string(prefix));
  replace_all(body, "url(#g", "url(#" + std::string(prefix));
  return body;
}

std::optional<TracedEffect> trace_effect(BuildState& state, const model::Node& source, const EffectRender& effect,
                                         std::string& error) {
  if (++state.effect_renders > max_effect_renders) {
    error = "more than " + std::to_string(max_effect_renders) + " effects to render in one logo";
    return std::nullopt;
  }
  auto undo = effect.user.inverse();
  const model::ViewBox& page = state.out.view_box;
  // Nothing outside the page shows: a region far larger than it (a filter region 100,000 units
  // wide) is cut to the page widened by its own size on each side, so that the render keeps the
  // logo's density instead of spreading its pixels over the whole region.
  geo::Box area = effect.area;
  if (!area.empty() && page.width > 0 && page.height > 0) {
    area.x0 = std::max(area.x0, page.x - page.width);
    area.y0 = std::max(area.y0, page.y - page.height);
    area.x1 = std::min(area.x1, page.x + 2 * page.width);
    area.y1 = std::min(area.y1, page.y + 2 * page.height);
  }
  const double extent = std::max(area.width(), area.height());
  if (!undo || area.empty() || !(extent > 0) || !std::isfinite(extent)) {
    error = "the effect's region cannot be drawn";
    return std::nullopt;
  }
  // A square around the region, at the density of the whole logo drawn effect_trace_density wide.
  const double per_unit = effect_trace_density / std::max(page.width, page.height);
  const int size = static_cast<int>(std::clamp(std::ceil(extent * per_unit), 8.0, double(max_effect_trace_size)));
  const double x = (area.x0 + area.x1 - extent) / 2, y = (area.y0 + area.y1 - extent) / 2;
  // The drawing, already in document coordinates, is taken back into the element's user space,
  // where the effect applies (its region, blur radii and offsets are in those units).
  // In the element's user space: the effect, inside what `outer` applies after it (if anything).
  std::string open = "<g transform=\"" + matrix_text(effect.user) + "\"";
  std::string close = "</g>";
  if (!effect.outer.empty()) {
    open += effect.outer + "><g";
    close += "</g>";
  }
  open += effect.applied + ">";
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"" + number(x) + " " + number(y) + " " +
                    number(extent) + " " + number(extent) + "\"><defs>" + effect.defs + "</defs>" + open +
                    "<g transform=\"" + matrix_text(*undo) + "\"" + effect.inner + ">\n" +
                    written_drawing(state, source, "g") + "</g>" + close + "</svg>\n";
  auto image = render_logo(svg, size, state.options.limits, error);
  if (!image) return std::nullopt;
  check_now(state.deadline());
  const double pixel = extent / size;
  const geo::Matrix to_document = geo::Matrix::translate(x, y) * geo::Matrix::scale(pixel, pixel);
  // The opaque core (a lit surface, content a mask leaves whole, the element over its own glow)
  // keeps its colours: traced as a bitmap logo is, in place of one mean colour, its smooth
  // shading as gradients. Empty when it has fewer than `least` colours or cannot be traced.
  auto core_shapes = [&](const Image& core, std::size_t least, TracedEffect& out) {
    std::vector<model::Shape> shapes;
    std::string ignored;
    auto colours = raster::reduce_colors(core, 0, 1, raster::Detail::flat, ignored);
    const auto shading = raster::shaded_regions(core, state.deadline());
    if (!colours || colours->colors.size() + shading.size() < least) return shapes;
    const raster::Shaded shaded = raster::with_shading(*colours, core, shading, 1);
    if (auto traced = raster::trace_layers(shaded.indexed, {}, ignored, state.deadline())) {
      std::vector<model::Gradient> gradients;
      raster::paint_shading(*traced, shaded, shading, gradients);
      for (model::Node& node : traced->group.children) {
        model::Shape& shape = *node.shape;
        if (shape.fill.kind == model::Paint::Kind::gradient) shape.fill.gradient += out.gradients.size();
        shapes.push_back(std::move(shape));
      }
      out.gradients.insert(out.gradients.end(), gradients.begin(), gradients.end());
    }
    return shapes;
  };
  // A fade that one distance explains (along a line, around a centre or an ellipse): one shape
  // with a gradient.
  auto as_gradient = [&](const raster::AlphaGradient& fitted) -> std::optional<TracedEffect> {
    TracedEffect out;
    out.to_document = to_document;
    auto traced = raster::trace_layers(fitted.support, {}, error, state.deadline());
    if (!traced) return std::nullopt;
    for (model::Node& node : traced->group.children) {
      model::Shape shape = std::move(*node.shape);
      shape.fill.kind = model::Paint::Kind::gradient;
      shape.fill.gradient = out.gradients.size();
      shape.fill.opacity = 1;
      out.shapes.push_back(std::move(shape));
      if (fitted.space) out.spaces[out.gradients.size()] = *fitted.space;
      out.gradients.push_back(fitted.gradient);
    }
    if (fitted.core.width > 0) {
      for (model::Shape& shape : core_shapes(fitted.core, 1, out)) out.shapes.push_back(std::move(shape));
    }
    return out;
  };
  // Any other fade: nested bands of flat alpha.
  auto as_bands = [&]() -> std::optional<TracedEffect> {
    TracedEffect out;
    out.to_document = to_document;
    auto bands = raster::alpha_bands(*image);
    if (!bands) return out;  // nothing visible
    // A band's edge is where a soft alpha crosses a step: a pixel off there costs at most one
    // step over that pixel, so its curves may stray a pixel (Potrace's opttolerance 1 instead of
    // 0.2) where a logo's hard edges may not. Fewer, longer curves: keepassdx's shadow 14,400 ->
    // 10,492 bytes, SSIM 0.9989 -> 0.9988.
    raster::TraceParameters soft;
    soft.tolerance = 1.0;
    auto traced = raster::trace_layers(bands->indexed, soft, error, state.deadline());
    if (!traced) return std::nullopt;
    for (std::size_t i = 0; i < traced->group.children.size(); ++i) {
      model::Shape shape = std::move(*traced->group.children[i].shape);
      shape.fill.opacity = bands->opacity[traced->layers[i]];
      out.shapes.push_back(std::move(shape));
    }
    const std::size_t top = bands->opacity.size() - 1;
    if (bands->opacity[top] >= 1 && !traced->layers.empty() && traced->layers.back() == top) {
      Image core = *image;
      for (std::size_t i = 0; i < bands->indexed.index.size(); ++i) core.rgba[i * 4 + 3] = bands->indexed.index[i] == top ? 255 : 0;
      if (auto shapes = core_shapes(core, 2, out); !shapes.empty()) {
        out.shapes.pop_back();
        rim_takes_core_gradients(*image, *bands, traced->layers, shapes, out);
        for (model::Shape& shape : shapes) out.shapes.push_back(std::move(shape));
      }
    }
    return out;
  };
  // The bytes a traced result takes in the output, about.
  auto bytes_of = [&](const TracedEffect& traced) {
    model::Node bands_node;
    bands_node.transform = traced.to_document;
    for (const model::Shape& shape : traced.shapes) bands_node.children.push_back(model::Node{{}, shape, {}, true});
    model::Document alone;
    alone.view_box = state.out.view_box;
    const int decimals = automatic_decimals(alone.view_box);
    const std::size_t empty = write_document(alone, {decimals}).size();
    alone.gradients = traced.gradients;
    alone.root.children.push_back(std::move(bands_node));
    return write_document(alone, {decimals}).size() - empty;
  };
  std::optional<TracedEffect> chosen;
  if (auto fitted = raster::fit_alpha_gradient(*image)) {
    chosen = as_gradient(*fitted);
    if (!chosen) return std::nullopt;
  } else {
    chosen = as_bands();
    if (!chosen) return std::nullopt;
  }
  std::size_t bytes = bytes_of(*chosen);
  // A fade around an ellipse stands in for bands only when it takes fewer bytes: its outline
  // and stops can outweigh a few bands.
  if (!chosen->spaces.empty()) {
    std::string bands_error;
    std::swap(error, bands_error);
    auto bands = as_bands();
    std::swap(error, bands_error);
    if (bands) {
      if (const std::size_t banded = bytes_of(*bands); banded < bytes) {
        chosen = std::move(bands);
        bytes = banded;
      }
    }
  }
  // Noise or a photograph-like result traces into more than a whole logo may hold.
  if (bytes > state.options.max_bytes) {
    state.effect_over_budget = true;
    error = "its trace takes " + std::to_string(bytes) + " bytes, more than the " +
            std::to_string(state.options.max_bytes) + " a whole logo may";
    return std::nullopt;
  }
  return chosen;
}

std::size_t place_traced(BuildState& state, const RawElement& e, TracedEffect effect, const Context& outside,
                         model::Node& node) {
  const std::size_t gradients_before = state.out.gradients.size();
  Context placed = outside;
  placed.ctm = effect.to_document;
  for (model::Shape& shape : effect.shapes) {
    if (shape.fill.kind == model::Paint::Kind::gradient) {
      state.out.gradients.push_back(effect.gradients.at(shape.fill.gradient));
      if (auto space = effect.spaces.find(shape.fill.gradient); space != effect.spaces.end()) {
        state.gradient_spaces[state.out.gradients.size() - 1] = space->second;
      }
      shape.fill.gradient = state.out.gradients.size() - 1;
    }
    place_shape(state, e, std::move(shape), placed, node);
  }
  node.traced = true;
  state.traced = true;
  model::Document alone;
  alone.view_box = state.out.view_box;
  const int decimals = automatic_decimals(alone.view_box);
  alone.gradients.assign(state.out.gradients.begin(), state.out.gradients.begin() + static_cast<std::ptrdiff_t>(gradients_before));
  const std::size_t empty = write_document(alone, {decimals}).size();
  alone.gradients = state.out.gradients;
  alone.root.children.push_back(node);
  return write_document(alone, {decimals}).size() - empty;
}

}  // namespace bimi::svgps::convert
