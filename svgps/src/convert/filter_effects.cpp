#include "convert/filter_effects.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "convert/bounds.hpp"
#include "convert/clip_mask.hpp"
#include "convert/color_map.hpp"
#include "convert/effect_trace.hpp"
#include "convert/filter_paint.hpp"
#include "convert/framing.hpp"
#include "convert/mask_trace.hpp"
#include "convert/opacity.hpp"
#include "convert/shapes.hpp"
#include "convert/units_viewport.hpp"
#include "geometry/shapes.hpp"
#include "model/writer.hpp"
#include "style/color.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::convert {

namespace {

// Bounds on the work one filter can ask for (docs/limits.md): each layer draws the element again.
constexpr std::size_t max_primitives = 64;
constexpr std::size_t max_layers = 8;
constexpr std::size_t max_table_values = 256;
// Filters inside filters multiply their layers: the copies of one element they draw together.
constexpr std::size_t max_copies = 64;

// What a primitive's result is in terms of the element's drawing: the source (colour-mapped and
// offset in the element's user space), a flood of the filter region, or a result no exact form
// holds (a blur, lighting): the output of the filter up to that primitive, rendered and traced.
struct Layer {
  enum class Kind { source, flood, rendered };
  Kind kind = Kind::source;
  std::size_t primitive = 0;  // rendered: the primitive whose result it is
  ColorMap map;
  double dx = 0, dy = 0;
  Rgba flood;
  // Cut away where the element itself is drawn (feComposite "out" of the unmoved source): exact
  // without the cut when the element, drawn opaque on top, covers that part.
  bool cut_under_source = false;
};
using Result = std::vector<Layer>;  // bottom first; empty: transparent black

struct Plan {
  std::string id;
  std::string functions;  // a list of filter functions ("blur(2px)") instead of a <filter>
  std::size_t filter = 0;
  Result layers;
  double x = 0, y = 0, width = 0, height = 0;  // the filter region, in the element's user space
  bool offsets_in_box = false;                 // an feOffset in objectBoundingBox primitive units
  bool floods = false;                         // a layer is a flood of the region
  bool mixes_linear = false;                   // layers composited in linearRGB
  bool cut_under_source = false;               // layers cut where the element, drawn on top, is
  std::set<std::string> rendered;              // primitives drawn by rendering and tracing
  bool whole = false;                          // the whole filter is one rendered result
  bool reads_paints = false;                   // FillPaint or StrokePaint is read: the render needs the element's paints
};

bool transparent(const Rgba& c) { return c.a < 0.5 / 255; }

bool has_rendered(const Result& r) {
  return std::any_of(r.begin(), r.end(), [](const Layer& l) { return l.kind == Layer::Kind::rendered; });
}

std::optional<double> number_attribute(const RawElement& e, std::string_view name, double fallback) {
  const RawAttribute* a = e.attribute(name);
  if (!a) return fallback;
  std::string_view text = a->value;
  detail::skip_whitespace(text);
  auto n = detail::parse_number(text);
  detail::skip_whitespace(text);
  if (!n || !text.empty() || !std::isfinite(*n)) return std::nullopt;
  return *n;
}

// color-interpolation-filters: true for linearRGB (the initial value), false for sRGB.
std::optional<bool> linear_rgb(const BuildState& state, std::size_t primitive) {
  auto value = state.property(primitive, "color-interpolation-filters");
  std::string v = value ? trim_xml_space(*value) : "linearRGB";
  if (v == "linearRGB") return true;
  if (v == "sRGB") return false;
  return std::nullopt;  // auto: the renderer's choice, not provably one
}

std::optional<ColorStep> color_matrix(const BuildState& state, std::size_t primitive) {
  const RawElement& p = state.document.elements[primitive];
  ColorStep step;
  auto linear = linear_rgb(state, primitive);
  if (!linear) return std::nullopt;
  step.linear_rgb = *linear;
  const RawAttribute* type = p.attribute("type");
  std::string kind = type ? trim_xml_space(type->value) : "matrix";
  const RawAttribute* values = p.attribute("values");
  std::optional<std::vector<double>> list;
  if (values) {
    list = detail::parse_number_list(values->value);
    if (!list) return std::nullopt;
  }
  if (kind == "matrix") {
    if (!list) return step;  // the identity
    if (list->size() != 20) return std::nullopt;
    std::copy(list->begin(), list->end(), step.matrix.begin());
  } else if (kind == "saturate") {
    if (list && list->size() != 1) return std::nullopt;
    double s = list ? list->front() : 1;
    if (s < 0) return std::nullopt;
    step.matrix = saturate_matrix(s);
  } else if (kind == "hueRotate") {
    if (list && list->size() != 1) return std::nullopt;
    step.matrix = hue_rotate_matrix(list ? list->front() : 0);
  } else if (kind == "luminanceToAlpha") {
    step.matrix = luminance_to_alpha_matrix();
  } else {
    return std::nullopt;
  }
  for (double v : step.matrix) {
    if (!std::isfinite(v)) return std::nullopt;
  }
  return step;
}

std::optional<Transfer> transfer_function(const RawElement& f) {
  Transfer t;
  const RawAttribute* type = f.attribute("type");
  if (!type) return std::nullopt;
  std::string kind = trim_xml_space(type->value);
  if (kind == "identity") return t;
  if (kind == "table" || kind == "discrete") {
    t.kind = kind == "table" ? Transfer::Kind::table : Transfer::Kind::discrete;
    if (const RawAttribute* values = f.attribute("tableValues")) {
      auto list = detail::parse_number_list(values->value);
      if (!list || list->size() > max_table_values) return std::nullopt;
      t.values = std::move(*list);
    }
    return t;
  }
  auto read = [&](std::string_view name, double fallback, double& out) {
    auto v = number_attribute(f, name, fallback);
    if (v) out = *v;
    return v.has_value();
  };
  if (kind == "linear") {
    t.kind = Transfer::Kind::linear;
    if (read("slope", 1, t.slope) && read("intercept", 0, t.intercept)) return t;
  } else if (kind == "gamma") {
    t.kind = Transfer::Kind::gamma;
    if (read("amplitude", 1, t.amplitude) && read("exponent", 1, t.exponent) && read("offset", 0, t.offset)) return t;
  }
  return std::nullopt;
}

std::optional<ColorStep> component_transfer(const BuildState& state, std::size_t primitive) {
  ColorStep step;
  step.kind = ColorStep::Kind::transfer;
  auto linear = linear_rgb(state, primitive);
  if (!linear) return std::nullopt;
  step.linear_rgb = *linear;
  const char* names[] = {"feFuncR", "feFuncG", "feFuncB", "feFuncA"};
  for (std::size_t c : state.document.elements[primitive].children) {
    const RawElement& f = state.document.elements[c];
    if (f.ns != detail::svg_namespace) continue;
    std::size_t channel = 0;
    while (channel < 4 && f.local != names[channel]) ++channel;
    if (channel == 4) return std::nullopt;
    auto t = transfer_function(f);
    if (!t) return std::nullopt;
    step.transfer[channel] = std::move(*t);  // the last of a kind wins
  }
  return step;
}

std::optional<Rgba> flood(const BuildState& state, std::size_t primitive) {
  auto text = state.property(primitive, "flood-color");
  auto current = state.property(primitive, "color");
  ColorValue color = read_color_value(text ? *text : "black", current ? *current : "black");
  if (color.kind != ColorValue::Kind::color) return std::nullopt;
  auto opacity_text = state.property(primitive, "flood-opacity");
  auto opacity = opacity_text ? parse_opacity(*opacity_text) : std::optional<double>(1.0);
  if (!opacity) return std::nullopt;
  return Rgba{color.color.r / 255.0, color.color.g / 255.0, color.color.b / 255.0,
              clamp01(color.color.alpha * *opacity)};
}

// A colour step on a result: on one source layer it joins its map, on a flood it recolours it.
std::optional<Result> map_result(Result in, const ColorStep& step) {
  if (in.empty()) {
    if (!transparent(step.apply({}))) return std::nullopt;  // it would fill the region
    return in;
  }
  if (in.size() != 1) return std::nullopt;  // a map of a composite is not one of its layers
  Layer& layer = in.front();
  if (layer.kind == Layer::Kind::flood) {
    layer.flood = step.apply(layer.flood);
  } else {
    layer.map.steps.push_back(step);
  }
  return in;
}

// A child of <filter> that is a primitive (anything in the SVG namespace but title and desc).
bool is_primitive(const RawElement& e) {
  return e.ns == detail::svg_namespace && e.local != "title" && e.local != "desc";
}

// Whether a primitive reads FillPaint or StrokePaint: the traced render applies the filter to a
// group around the drawing, whose paints those would be, not the element's.
bool reads_paint(const RawElement& primitive) {
  for (const char* input : {"in", "in2"}) {
    const RawAttribute* a = primitive.attribute(input);
    if (a && (trim_xml_space(a->value) == "FillPaint" || trim_xml_space(a->value) == "StrokePaint")) return true;
  }
  return false;
}

// Reads the filter's primitives into layers; nullopt for anything not evaluated exactly.
class PlanReader {
 public:
  PlanReader(const BuildState& state, std::size_t filter, const geo::Box& box)
      : state_(state), filter_(filter), box_(box) {}

  // Primitives not evaluated exactly become rendered layers (blurs, lighting) instead of failing.
  void render_the_rest(bool render) { render_ = render; }
  // The primitives that became rendered layers, by name.
  const std::set<std::string>& rendered() const { return rendered_; }

  // Whether an offset was given in objectBoundingBox primitive units.
  bool offsets_in_box() const { return offsets_in_box_; }
  // Whether results are composited in linearRGB.
  bool mixes_linear() const { return mixes_linear_; }

  std::optional<Result> read() {
    const RawElement& f = state_.document.elements[filter_];
    const RawAttribute* units = f.attribute("primitiveUnits");
    bounding_box_ = units && trim_xml_space(units->value) == "objectBoundingBox";
    std::size_t count = 0;
    for (std::size_t c : f.children) {
      const RawElement& p = state_.document.elements[c];
      if (!is_primitive(p)) continue;
      if (++count > max_primitives) return std::nullopt;
      for (const char* subregion : {"x", "y", "width", "height"}) {
        if (p.attribute(subregion)) return std::nullopt;
      }
      auto result = exact_primitive(c);
      if (!result && render_ && renderable_primitive(state_, c) && !reads_paint(p)) {
        Layer rendered;
        rendered.kind = Layer::Kind::rendered;
        rendered.primitive = c;
        result = Result{rendered};
        // What made a render necessary: a blur, not the colour map applied to the blur after it.
        static const std::set<std::string, std::less<>> exact_kinds = {"feFlood", "feColorMatrix",
            "feComponentTransfer", "feOffset", "feMerge", "feBlend", "feComposite"};
        if (!exact_kinds.count(p.local) || rendered_.empty()) rendered_.insert(p.local);
      }
      if (!result || result->size() > max_layers) return std::nullopt;
      if (const RawAttribute* name = p.attribute("result")) named_[trim_xml_space(name->value)] = *result;
      previous_ = std::move(*result);
    }
    if (!previous_) return std::nullopt;  // no primitive: the element is not drawn
    return previous_;
  }

 private:
  Result source() const { return {Layer{}}; }

  std::optional<Result> input(const RawElement& p, std::string_view name) const {
    const RawAttribute* a = p.attribute(name);
    if (!a) {
      if (name != "in") return std::nullopt;
      return previous_ ? previous_ : source();
    }
    if (names_backdrop(a->value)) return previous_ ? previous_ : source();  // as browsers read it
    std::string ref = trim_xml_space(a->value);
    if (ref == "SourceGraphic") return source();
    if (ref == "SourceAlpha") {
      ColorStep alpha;
      alpha.linear_rgb = false;
      alpha.matrix = alpha_only_matrix();
      return map_result(source(), alpha);
    }
    auto it = named_.find(ref);
    if (it == named_.end()) return std::nullopt;  // FillPaint, an unknown name
    return it->second;
  }

  // nullopt for what a colour map, a flood, an offset or a merge cannot say, including anything
  // but a merge of a rendered result (the render then takes it in).
  std::optional<Result> exact_primitive(std::size_t index) {
    const RawElement& p = state_.document.elements[index];
    const std::string& n = p.local;
    // An feImage that names nothing draws transparent black (librsvg draws nothing of the element).
    if (n == "feImage" && !p.href()) return Result{};
    if (n == "feFlood") {
      auto color = flood(state_, index);
      if (!color) return std::nullopt;
      if (transparent(*color)) return Result{};
      Layer layer;
      layer.kind = Layer::Kind::flood;
      layer.flood = *color;
      return Result{layer};
    }
    if (n == "feColorMatrix" || n == "feComponentTransfer") {
      auto in = input(p, "in");
      auto step = n == "feColorMatrix" ? color_matrix(state_, index) : component_transfer(state_, index);
      if (!in || !step || has_rendered(*in)) return std::nullopt;
      return map_result(std::move(*in), *step);
    }
    if (n == "feOffset") {
      auto in = input(p, "in");
      auto dx = number_attribute(p, "dx", 0);
      auto dy = number_attribute(p, "dy", 0);
      if (!in || !dx || !dy || has_rendered(*in)) return std::nullopt;
      if (bounding_box_ && (*dx != 0 || *dy != 0)) {
        offsets_in_box_ = true;
        *dx *= box_.width();
        *dy *= box_.height();
      }
      for (Layer& layer : *in) {
        if (layer.kind == Layer::Kind::flood && (*dx != 0 || *dy != 0)) return std::nullopt;  // a part of the region
        layer.dx += *dx;
        layer.dy += *dy;
      }
      return in;
    }
    if (n == "feMerge" || n == "feBlend" || n == "feComposite") {
      auto linear = linear_rgb(state_, index);
      if (!linear) return std::nullopt;
      mixes_linear_ = mixes_linear_ || *linear;
    }
    if (n == "feMerge") {
      Result out;
      for (std::size_t c : p.children) {
        const RawElement& node = state_.document.elements[c];
        if (!node.is_svg("feMergeNode")) continue;
        auto in = input(node, "in");
        if (!in) return std::nullopt;
        out.insert(out.end(), in->begin(), in->end());
        if (out.size() > max_layers) return std::nullopt;
      }
      return out;
    }
    if (n == "feBlend" || n == "feComposite") {
      const RawAttribute* mode = p.attribute(n == "feBlend" ? "mode" : "operator");
      std::string op = mode ? trim_xml_space(mode->value) : (n == "feBlend" ? "normal" : "over");
      auto in = input(p, "in");
      auto in2 = input(p, "in2");
      if (!in || !in2) return std::nullopt;
      if (op == (n == "feBlend" ? "normal" : "over")) {
        in2->insert(in2->end(), in->begin(), in->end());
        return in2;
      }
      if (has_rendered(*in) || has_rendered(*in2)) return std::nullopt;
      // A flood kept where the source is drawn: the source's silhouette in the flood's colour.
      // Figma's shadow with "show behind transparent areas" off: the copy cut where the element is.
      if (n == "feComposite" && op == "out") {
        if (in2->size() != 1 || in2->front().kind != Layer::Kind::source || in2->front().dx != 0 ||
            in2->front().dy != 0) {
          return std::nullopt;
        }
        for (Layer& layer : *in) layer.cut_under_source = true;
        return in;
      }
      if (n == "feComposite" && op == "in") {
        if (in->empty() || in2->empty()) return Result{};
        if (in->size() != 1 || in->front().kind != Layer::Kind::flood || in2->size() != 1 ||
            in2->front().kind != Layer::Kind::source) {
          return std::nullopt;
        }
        ColorStep overlay;
        overlay.kind = ColorStep::Kind::overlay;
        overlay.overlay = in->front().flood;
        return map_result(std::move(*in2), overlay);
      }
    }
    return std::nullopt;  // blurs, lighting, turbulence, displacement, morphology, images, tiles …
  }

  const BuildState& state_;
  std::size_t filter_;
  geo::Box box_;
  bool bounding_box_ = false;
  bool render_ = false;
  std::set<std::string> rendered_;
  bool offsets_in_box_ = false;
  bool mixes_linear_ = false;
  std::map<std::string, Result, std::less<>> named_;
  std::optional<Result> previous_;
};

// A list of the filter functions of Filter Effects 1 §12 ("blur(2px) drop-shadow(…)"), none of
// them url(): librsvg draws it from the element alone.
bool filter_functions(std::string_view text) {
  static const std::set<std::string, std::less<>> names = {"blur",     "brightness", "contrast", "drop-shadow",
                                                          "grayscale", "hue-rotate", "invert",   "opacity",
                                                          "saturate",  "sepia"};
  std::size_t i = 0, count = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i == text.size()) break;
    std::size_t open = text.find('(', i);
    if (open == std::string_view::npos || !names.count(text.substr(i, open - i))) return false;
    int depth = 0;
    std::size_t j = open;
    for (; j < text.size(); ++j) {
      if (text[j] == '(') ++depth;
      if (text[j] == ')' && --depth == 0) break;
    }
    if (j == text.size()) return false;
    i = j + 1;
    ++count;
  }
  return count > 0;
}

// Filter functions are one rendered result.
std::optional<Plan> read_function_plan(BuildState& state, std::size_t index, const std::string& text) {
  geo::Box box = local_bounds(state, index);
  if (!state.options.trace_effects || !filter_functions(text) || box.empty()) return std::nullopt;
  Plan plan;
  plan.functions = text;
  // A filter function has no region (Filter Effects 1 §12): its blur or shadow shows whole. The
  // render covers the box widened by half its larger side on each side.
  const double margin = 0.5 * std::max(box.width(), box.height());
  plan.x = box.x0 - margin;
  plan.y = box.y0 - margin;
  plan.width = box.width() + 2 * margin;
  plan.height = box.height() + 2 * margin;
  Layer rendered;
  rendered.kind = Layer::Kind::rendered;
  plan.layers.push_back(rendered);
  plan.rendered.insert(text);
  return plan;
}

// A filter no layer plan holds (primitive subregions, a tile, a map that paints the region, a
// cut not under the element) is one result: the whole filter, rendered and traced, with the
// element drawn inside it. Only primitives librsvg draws from the element alone qualify.
std::optional<Plan> whole_render_plan(const BuildState& state, std::size_t index, Plan plan) {
  if (!state.options.trace_effects) return std::nullopt;
  const RawElement& f = state.document.elements[plan.filter];
  std::size_t count = 0, last = 0;
  for (std::size_t c : f.children) {
    const RawElement& p = state.document.elements[c];
    if (!is_primitive(p)) continue;
    if (++count > max_primitives || !renderable_primitive(state, c)) return std::nullopt;
    if (reads_paint(p)) {
      if (!paints_renderable(state, index)) return std::nullopt;
      plan.reads_paints = true;
    }
    plan.rendered.insert(p.local);
    last = c;
  }
  if (count == 0) return std::nullopt;
  Layer rendered;
  rendered.kind = Layer::Kind::rendered;
  rendered.primitive = last;
  plan.layers = {rendered};
  plan.offsets_in_box = plan.floods = plan.mixes_linear = plan.cut_under_source = false;
  plan.whole = true;
  return plan;
}

// "filter #id" or "filter blur(2px)", for messages.
std::string plan_name(const Plan& plan) {
  return plan.functions.empty() ? "filter #" + plan.id : "filter " + plan.functions;
}

// The filter region (Filter Effects 1 §6.1): x, y, width and height of the <filter> in filterUnits
// (objectBoundingBox, the default: fractions of the element's box, -10% and 120%).
std::optional<Plan> read_plan(BuildState& state, std::size_t index, const Context& context) {
  auto value = state.own(index, "filter");
  if (!value) return std::nullopt;
  std::string text = trim_xml_space(*value);
  // One reference, or a list of filter functions.
  if (text.rfind("url(", 0) != 0 || text.find(')') != text.size() - 1) return read_function_plan(state, index, text);
  Plan plan;
  plan.id = local_reference(text);
  auto it = state.ids.find(plan.id);
  if (plan.id.empty() || it == state.ids.end()) return std::nullopt;
  const RawElement& f = state.document.elements[it->second];
  // href on a <filter> (SVG 1.1 §15.3, dropped by SVG 2) is ignored by librsvg 2.54 and browsers:
  // the filter is its own attributes and primitives.
  if (!f.is_svg("filter")) return std::nullopt;
  geo::Box box = local_bounds(state, index);
  const RawAttribute* units = f.attribute("filterUnits");
  if (units && trim_xml_space(units->value) == "userSpaceOnUse") {
    plan.x = length(f, "x", -0.1 * context.viewport_width, context, 'w');
    plan.y = length(f, "y", -0.1 * context.viewport_height, context, 'h');
    plan.width = length(f, "width", 1.2 * context.viewport_width, context, 'w');
    plan.height = length(f, "height", 1.2 * context.viewport_height, context, 'h');
  } else {
    if (!box.has_area()) {
      // Filter Effects 1 §6.1: a region in objectBoundingBox units of a box with no width or no
      // height (a straight line) is empty; librsvg draws nothing of the element.
      state.note("convert-filter", state.document.elements[index],
                 "filter #" + plan.id + " is in objectBoundingBox units and " + tag(state.document.elements[index]) +
                     " has no width or no height: its region is empty");
      plan.filter = it->second;
      return plan;
    }
    auto fraction = [&](std::string_view name, double fallback) -> std::optional<double> {
      const RawAttribute* a = f.attribute(name);
      if (!a) return fallback;
      auto l = detail::parse_length(a->value);
      if (!l) return std::nullopt;
      if (l->unit == detail::LengthUnit::percent) return l->value / 100;
      if (l->unit != detail::LengthUnit::none) return std::nullopt;
      return l->value;
    };
    auto fx = fraction("x", -0.1), fy = fraction("y", -0.1), fw = fraction("width", 1.2), fh = fraction("height", 1.2);
    if (!fx || !fy || !fw || !fh) return std::nullopt;
    plan.x = box.x0 + *fx * box.width();
    plan.y = box.y0 + *fy * box.height();
    plan.width = *fw * box.width();
    plan.height = *fh * box.height();
  }
  if (!std::isfinite(plan.x + plan.y + plan.width + plan.height)) return std::nullopt;
  plan.filter = it->second;
  PlanReader reader(state, it->second, box);
  reader.render_the_rest(state.options.trace_effects);
  auto layers = reader.read();
  if (!layers) return whole_render_plan(state, index, std::move(plan));
  for (const Layer& layer : *layers) {
    // A map that paints transparent pixels would fill the whole region around the drawing.
    if (layer.kind == Layer::Kind::source && !transparent(layer.map.apply({}))) {
      return whole_render_plan(state, index, std::move(plan));
    }
  }
  // A cut layer is exact only under the element itself, unmoved and unmapped, drawn last.
  bool cut = std::any_of(layers->begin(), layers->end(), [](const Layer& l) { return l.cut_under_source; });
  if (cut) {
    const Layer& top = layers->back();
    if (top.kind != Layer::Kind::source || !top.map.identity() || top.dx != 0 || top.dy != 0 || top.cut_under_source) {
      return whole_render_plan(state, index, std::move(plan));
    }
    plan.cut_under_source = true;
  }
  plan.layers = std::move(*layers);
  plan.rendered = reader.rendered();
  plan.offsets_in_box = reader.offsets_in_box();
  plan.mixes_linear = reader.mixes_linear() && plan.layers.size() > 1;
  for (const Layer& layer : plan.layers) plan.floods = plan.floods || layer.kind == Layer::Kind::flood;
  return plan;
}

// Maps a paint's colours; with keep_alpha the alpha stays (the map scales it, applied later).
void map_paint(BuildState& state, model::Paint& paint, const ColorMap& map, bool keep_alpha,
               std::set<std::size_t>& mapped) {
  if (paint.kind == model::Paint::Kind::color) {
    Rgba out = map.apply(to_rgba(paint.color, paint.opacity));
    paint.color = to_rgb(out);
    if (!keep_alpha) paint.opacity = out.a;
  } else if (paint.kind == model::Paint::Kind::gradient && mapped.insert(paint.gradient).second) {
    for (model::GradientStop& stop : state.out.gradients[paint.gradient].stops) {
      Rgba out = map.apply(to_rgba(stop.color, stop.opacity * paint.opacity));
      stop.color = to_rgb(out);
      if (!keep_alpha) stop.opacity = paint.opacity > 0 ? clamp01(out.a / paint.opacity) : 0;
    }
  }
}

void collect_shapes(model::Node& node, std::vector<model::Shape*>& out) {
  if (node.shape) out.push_back(&*node.shape);
  for (model::Node& child : node.children) collect_shapes(child, out);
}

bool translucent(const BuildState& state, const model::Paint& p) {
  if (p.kind == model::Paint::Kind::none) return false;
  if (p.opacity < 1) return true;
  if (p.kind != model::Paint::Kind::gradient) return false;
  for (const auto& stop : state.out.gradients[p.gradient].stops) {
    if (stop.opacity < 1) return true;
  }
  return false;
}

bool see_through(const BuildState& state, const model::Shape& s) {
  return translucent(state, s.fill) || (s.stroke && translucent(state, s.stroke->paint));
}

bool has_translucent(const BuildState& state, model::Node& node) {
  std::vector<model::Shape*> shapes;
  collect_shapes(node, shapes);
  return std::any_of(shapes.begin(), shapes.end(), [&](const model::Shape* s) { return see_through(state, *s); });
}

// Applies a layer's colour map to what it drew. Per shape that is exact; where shapes overlap, the
// filter saw their mix, which is the same when the upper shape is opaque before and after the map
// (an alpha the map scales by a constant is folded as a group opacity, covered parts cut away).
void recolour(BuildState& state, model::Node& node, const ColorMap& map, const RawElement& e, const std::string& id) {
  if (map.identity()) return;
  std::vector<model::Shape*> shapes;
  collect_shapes(node, shapes);
  auto scale = map.alpha_scale();
  std::vector<bool> translucent_before;
  for (const model::Shape* s : shapes) translucent_before.push_back(see_through(state, *s));
  std::set<std::size_t> mapped;
  bool gradient = false;
  for (model::Shape* s : shapes) {
    map_paint(state, s->fill, map, scale.has_value(), mapped);
    if (s->stroke) map_paint(state, s->stroke->paint, map, scale.has_value(), mapped);
    gradient = gradient || s->fill.kind == model::Paint::Kind::gradient ||
               (s->stroke && s->stroke->paint.kind == model::Paint::Kind::gradient);
  }
  bool mixed = false;
  for (std::size_t j = 1; j < shapes.size() && !mixed; ++j) {
    const model::Shape& upper = *shapes[j];
    if (!translucent_before[j] && !see_through(state, upper)) continue;
    geo::Box b = painted_box(upper);
    for (std::size_t i = 0; i < j && !mixed; ++i) {
      geo::Box a = painted_box(*shapes[i]);
      mixed = !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    }
  }
  if (scale && *scale < 1) fold_isolated_opacity(state, node, *scale, e);
  if (mixed) {
    state.approximate(e,
                      "filter #" + id + " applied to each shape's colours; where its shapes overlap it saw their mix");
  } else if (gradient && !map.affine()) {
    state.approximate(
        e, "filter #" + id + " applied to gradient stops; the colours between them are interpolated after it");
  }
}

std::string what_it_became(const Plan& plan) {
  bool moved = false, flooded = false, rendered = false, source = false;
  for (const Layer& layer : plan.layers) {
    moved = moved || (layer.kind == Layer::Kind::source && (layer.dx != 0 || layer.dy != 0));
    flooded = flooded || layer.kind == Layer::Kind::flood;
    rendered = rendered || layer.kind == Layer::Kind::rendered;
    source = source || layer.kind == Layer::Kind::source;
  }
  std::string name = plan_name(plan);
  if (plan.layers.empty()) return name + " draws nothing; removed";
  if (rendered) return name + " became a traced render" + (source ? " merged with the element's own shapes" : "");
  if (moved) return name + " became a translated copy" + (plan.layers.size() > 1 ? " merged with the element" : "");
  if (flooded) return name + " became its region filled with the flood colour";
  if (plan.layers.size() > 1) return name + " became copies of the element merged";
  return name + " applied to the colours";
}

// Primitives whose result at a pixel depends on the pixels around it.
bool spreads(const Plan& plan) {
  static const std::set<std::string, std::less<>> spreading = {
      "feGaussianBlur",    "feOffset",    "feMorphology",        "feDropShadow",        "feConvolveMatrix",
      "feDisplacementMap", "feTile",      "feDiffuseLighting",   "feSpecularLighting"};
  if (!plan.functions.empty()) {
    return plan.functions.find("blur(") != std::string::npos || plan.functions.find("drop-shadow(") != std::string::npos;
  }
  return std::any_of(plan.rendered.begin(), plan.rendered.end(), [](const std::string& n) { return spreading.count(n) > 0; });
}

// The square librsvg draws the page in, in document coordinates: the viewBox framed as the root's
// preserveAspectRatio frames it in a square render.
geo::Box drawn_page(const BuildState& state) {
  const model::ViewBox& box = state.out.view_box;
  auto aligned = aligned_square(box, aspect_mode(state.document.root()));
  const model::ViewBox page = aligned ? *aligned : squared(box);
  return {page.x, page.y, page.x + page.width, page.y + page.height};
}

// Whether the drawing, inside the filter's `area` (document coordinates), reaches past the page
// librsvg draws: librsvg (2.54) filters only what lies on it, so a blur or an offset of an element
// crossing its edge fades there, where browsers filter the whole element (the traced render, made
// around the page, follows browsers).
bool crosses_page(const BuildState& state, model::Node& drawing, const geo::Box& area) {
  std::vector<model::Shape*> shapes;
  collect_shapes(drawing, shapes);
  const geo::Box page = drawn_page(state);
  const double slack = 1e-6 * std::max(page.width(), page.height());
  for (const model::Shape* shape : shapes) {
    geo::Box b = painted_box(*shape);
    b = {std::max(b.x0, area.x0), std::max(b.y0, area.y0), std::min(b.x1, area.x1), std::min(b.y1, area.y1)};
    if (b.empty()) continue;
    if (b.x0 < page.x0 - slack || b.y0 < page.y0 - slack || b.x1 > page.x1 + slack || b.y1 > page.y1 + slack) return true;
  }
  return false;
}

// Draws the element alone and unclipped (its clips and the filter region cut the result, not
// what the filter sees), then renders and traces the filter's result at the layer's primitive.
std::optional<TracedEffect> render_layer(BuildState& state, std::size_t index, const Plan& plan, const Layer& layer,
                                         const Context& context, const geo::Matrix& user, const DrawElement& draw,
                                         std::optional<std::size_t> mask_after) {
  Context source = context;
  source.opacity = 1;  // applied after the filter
  source.clips.clear();
  model::Node drawing;
  state.filter_applied = index;
  const std::optional<std::size_t> outer_mask = state.mask_applied;
  if (mask_after) state.mask_applied = index;  // applied in the render, after the filter
  std::size_t outer_copies = std::exchange(state.filter_copies, state.filter_copies * 2);
  draw(source, drawing);
  state.filter_copies = outer_copies;
  state.filter_applied.reset();
  state.mask_applied = outer_mask;
  if (state.refused) return std::nullopt;
  const geo::Box region{plan.x, plan.y, plan.x + plan.width, plan.y + plan.height};
  const geo::Box area = geo::bounds(geo::transformed(box_path(region), user));
  // Filter functions have no region: all of the drawing is filtered.
  const double everywhere = std::numeric_limits<double>::infinity();
  const geo::Box filtered = plan.functions.empty() ? area : geo::Box{-everywhere, -everywhere, everywhere, everywhere};
  if (spreads(plan) && crosses_page(state, drawing, filtered)) {
    state.filter_past_page = true;
    state.note("convert-filter", state.document.elements[index],
               plan_name(plan) + " spreads an element that reaches past the page: librsvg filters only what lies on "
                                 "the page, so its result fades at the page's edge where browsers' does not; where "
                                 "that shows, the original draws differently in each; the output follows browsers");
  }
  EffectRender effect;
  if (plan.functions.empty()) {
    effect.defs = filter_markup(state, plan.filter, layer.primitive, region, "bimi-effect");
    std::string paints;
    if (plan.reads_paints) {
      auto attributes = paint_attributes(state, index, effect.defs);
      if (!attributes) {
        state.untraced_effects[index] = "FillPaint or StrokePaint of a gradient that paints nothing or repeats";
        return std::nullopt;
      }
      paints = std::move(*attributes);
      // The drawing inside keeps its own paints (the writer leaves black fills and no stroke implicit).
      effect.inner = " fill=\"#000\" fill-opacity=\"1\" stroke=\"none\" stroke-opacity=\"1\"";
    }
    effect.applied = " filter=\"url(#bimi-effect)\"" + paints;
  } else {
    // drop-shadow() without a colour takes currentColor, and lengths in em the font size: the
    // element's, not the group's.
    const auto& values = state.computed_values(index);
    effect.applied = " filter=\"" + escape_xml(plan.functions) + "\"";
    for (const char* name : {"color", "font-size"}) {
      if (auto value = values.find(name); value != values.end()) {
        effect.applied += std::string(" ") + name + "=\"" + escape_xml(value->second) + "\"";
      }
    }
  }
  if (mask_after) {
    MaskRender mask = mask_render(state, index, *mask_after, context);
    if (mask.defs.empty()) {
      if (!mask.failure.empty()) state.untraced_effects[index] = "its mask: " + mask.failure;
      return std::nullopt;
    }
    effect.defs += mask.defs;
    effect.outer = " mask=\"url(#bimi-mask0)\"";
  }
  effect.user = user;
  effect.area = area;
  std::string error;
  auto traced = trace_effect(state, drawing, effect, error);
  if (!traced) state.untraced_effects[index] = error;
  return traced;
}

// Puts the traced bands where the filter's result was and says what they cost.
void place_layer(BuildState& state, const RawElement& e, const Plan& plan, TracedEffect effect, const Context& outside,
                 model::Node& node) {
  const std::size_t shapes = effect.shapes.size(), gradients = effect.gradients.size();
  const std::size_t bytes = place_traced(state, e, std::move(effect), outside, node);
  std::string names;
  for (const std::string& name : plan.rendered) names += (names.empty() ? "" : ", ") + name;
  state.note("convert-traced", e,
             traced_note(plan_name(plan) + (plan.functions.empty() ? ": " + names : std::string()), shapes, gradients,
                         bytes));
}

}  // namespace

namespace {

// The <filter> the element's filter="url(#id)" names, if any.
std::optional<std::size_t> referenced_filter(const BuildState& state, std::size_t index) {
  auto value = state.own(index, "filter");
  if (!value) return std::nullopt;
  std::string text = trim_xml_space(*value);
  if (text.rfind("url(", 0) != 0) return std::nullopt;
  auto it = state.ids.find(local_reference(text));
  if (it == state.ids.end() || !state.document.elements[it->second].is_svg("filter")) return std::nullopt;
  return it->second;
}

// Whether a primitive of the filter reads the backdrop (names_backdrop).
bool reads_backdrop(const BuildState& state, std::size_t filter) {
  for (std::size_t c : state.document.elements[filter].children) {
    const RawElement& p = state.document.elements[c];
    if (!is_primitive(p)) continue;
    std::vector<const RawElement*> readers = {&p};
    for (std::size_t n : p.children) readers.push_back(&state.document.elements[n]);  // feMergeNode
    for (const RawElement* r : readers) {
      for (const char* input : {"in", "in2"}) {
        if (const RawAttribute* a = r->attribute(input); a && names_backdrop(a->value)) return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string unplanned_filter(const BuildState& state, std::size_t index, const geo::Matrix& user) {
  const std::string generic = state.options.trace_effects ? "shadows, blurs"
                                                           : "shadows, blurs; not traced under --no-trace-effects";
  auto filter = referenced_filter(state, index);
  if (!filter) return generic;
  if (auto mask = state.own(index, "mask"); mask && trim_xml_space(*mask) != "none") {
    return "shadows, blurs, under a mask on the same element, which applies after the filter";
  }
  const bool turned = user.b != 0 || user.c != 0;
  for (std::size_t c : state.document.elements[*filter].children) {
    const RawElement& p = state.document.elements[c];
    if (!is_primitive(p)) continue;
    if (p.is_svg("feImage") && p.href()) {
      const std::string& href = p.href()->value;
      if (href.rfind('#', 0) == 0) return "feImage of the element " + href + ", which is not drawn in a filter here";
      if (href.rfind("data:", 0) == 0) return "feImage of an embedded image, which is not drawn in a filter here";
      return "feImage of the external file \"" + href + "\", which no mailbox loads";
    }
    if (!renderable_primitive(state, c) && !p.is_svg("feImage")) {
      return tag(p) + ", a primitive librsvg does not draw";
    }
    if (reads_paint(p) && !paints_renderable(state, index)) return "FillPaint or StrokePaint of a pattern";
    if (turned && p.is_svg("feFlood")) {
      return "a flood on a rotated or skewed element, which librsvg fills on the page's axes";
    }
  }
  return generic;
}

bool empty_filter(const BuildState& state, std::size_t index) {
  auto filter = referenced_filter(state, index);
  if (!filter) return false;
  const auto& children = state.document.elements[*filter].children;
  return std::none_of(children.begin(), children.end(),
                      [&](std::size_t c) { return is_primitive(state.document.elements[c]); });
}

std::string invalid_filter(const BuildState& state, std::size_t index) {
  auto filter = referenced_filter(state, index);
  if (!filter) return {};
  const RawElement& f = state.document.elements[*filter];
  for (const char* name : {"filterUnits", "primitiveUnits"}) {
    const RawAttribute* a = f.attribute(name);
    if (!a) continue;
    std::string units = trim_xml_space(a->value);
    if (units != "userSpaceOnUse" && units != "objectBoundingBox") return std::string(name) + " \"" + a->value + "\"";
  }
  for (const char* name : {"width", "height"}) {
    const RawAttribute* a = f.attribute(name);
    if (!a) continue;
    auto l = detail::parse_length(a->value);
    if (l && l->value < 0) return std::string("a negative ") + name;
  }
  return {};
}

bool filter_applied_outside(BuildState& state, std::size_t index) {
  if (state.filter_applied != index) return false;
  state.filter_applied.reset();
  return true;
}

bool build_filtered(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                    const DrawElement& draw) {
  const RawElement& e = state.document.elements[index];
  auto filter = state.own(index, "filter");
  if (!filter || trim_xml_space(*filter) == "none" || !invalid_filter(state, index).empty()) return false;
  auto plan = read_plan(state, index, context);
  if (!plan) return false;
  if (reads_backdrop(state, plan->filter) && plan->functions.empty()) {
    state.note("convert-filter", e,
               plan_name(*plan) + " reads BackgroundImage or BackgroundAlpha: librsvg takes what is drawn beneath the "
                                  "element, browsers the previous result or the element itself, so the original draws "
                                  "differently in each where those differ; the output follows browsers");
  }
  // A rendered result spreads past the element (a blur, a shadow), as a moved copy does.
  bool moves = false;
  for (const Layer& layer : plan->layers)
    moves = moves || layer.kind != Layer::Kind::source || layer.dx != 0 || layer.dy != 0;
  auto clip = state.own(index, "clip-path");
  // The element's own mask applies to the filter's result (Filter Effects 1 §3: filter, clip,
  // mask). No layer can hold it exactly (its opacity would reach the colours before the filter):
  // the whole filter is rendered with the mask after it, and traced.
  std::optional<std::size_t> mask_after;
  if (auto mask = state.own(index, "mask"); mask && trim_xml_space(*mask) != "none") {
    auto it = state.ids.find(local_reference(*mask));
    if (it != state.ids.end() && state.document.elements[it->second].is_svg("mask")) {
      if (!plan->whole) plan = whole_render_plan(state, index, std::move(*plan));
      if (!plan) return false;
      mask_after = it->second;
    }
  }
  geo::Matrix own = state.element_transform(e);
  auto undo = own.inverse();
  if (!undo) return false;
  // librsvg (2.54) filters a rotated or skewed element on the page's axes: its region is the box
  // around the turned one, a flood fills that box, and an offset in objectBoundingBox units is
  // measured otherwise. The region is drawn as librsvg draws it; floods and such offsets stay refused.
  geo::Matrix user = context.ctm * own;
  bool turned = user.b != 0 || user.c != 0;
  if (turned && (plan->offsets_in_box || plan->floods)) return false;
  if (turned && plan->whole && plan->rendered.count("feFlood")) return false;
  std::size_t copies = 0;
  for (const Layer& layer : plan->layers) copies += layer.kind != Layer::Kind::flood ? 1 : 0;
  if (copies > 0 && state.filter_copies * copies > max_copies) return false;
  // A mask over one flat colour becomes its gradient: not one a traced shape could take.
  if (!plan->rendered.empty() && context.gradient_mask) return false;
  const Clip* own_clip = nullptr;
  // The element's own clip-path cuts the filter's result (SVG 1.1 §14.3.5: filter, then clip),
  // in the element's user space: once around every layer, not with each copy, which would move it.
  std::optional<std::size_t> clip_outside;
  if (moves && clip && trim_xml_space(*clip) != "none") {
    auto it = state.ids.find(local_reference(*clip));
    if (it != state.ids.end() && state.document.elements[it->second].is_svg("clipPath")) {
      Context space = context;
      space.ctm = user;
      const Clip* cut = clip_region(state, it->second, index, space);
      if (!cut) return true;
      if (cut->box.empty()) {
        state.note("convert-clip", e, tag(e) + " is clipped away entirely; removed");
        return true;
      }
      own_clip = cut;
      clip_outside = index;
    }
  }
  // Rendered results first: when one cannot be traced the filter is refused before anything is drawn.
  std::map<std::size_t, TracedEffect> traced;
  for (std::size_t i = 0; i < plan->layers.size(); ++i) {
    if (plan->layers[i].kind != Layer::Kind::rendered) continue;
    auto outer_clip = std::exchange(state.clip_applied, clip_outside);
    auto effect = render_layer(state, index, *plan, plan->layers[i], context, user, draw, mask_after);
    state.clip_applied = outer_clip;
    if (state.refused) return true;
    if (!effect) return false;
    traced.emplace(i, std::move(*effect));
  }
  state.note("convert-filter", e, what_it_became(*plan));
  if (mask_after) {
    state.note("convert-clip", e, "mask #" + local_reference(*state.own(index, "mask")) +
                                      " applied in the traced render, after the filter");
  }
  Context base = context;
  base.opacity = 1;  // applied after the filter, below
  if (own_clip) base.clips.push_back(own_clip);
  Context region = base;
  region.ctm = user;
  geo::Box area{plan->x, plan->y, plan->x + plan->width, plan->y + plan->height};
  if (turned && area.x1 > area.x0 && area.y1 > area.y0) {
    area = geo::bounds(geo::transformed(box_path(area), user));
    region.ctm = geo::Matrix{};
  }
  if (!clip_to_viewport(state, area.x0, area.y0, area.width(), area.height(), region)) return true;
  region.ctm = user;
  // The region is a clip of the filter's own, not a clip-path: inside it, it cuts nothing to note.
  bool clip_noop_noted = std::exchange(state.clip_noop_noted, true);
  model::Node out;
  for (std::size_t i = 0; i < plan->layers.size(); ++i) {
    const Layer& layer = plan->layers[i];
    model::Node node;
    if (layer.kind == Layer::Kind::rendered) {
      place_layer(state, e, *plan, std::move(traced.at(i)), base, node);
    } else if (layer.kind == Layer::Kind::flood) {
      auto rectangle = geo::rect_path(plan->x, plan->y, plan->width, plan->height, 0, 0);
      if (!rectangle) continue;
      model::Shape shape;
      shape.path = std::move(*rectangle);
      shape.fill.kind = model::Paint::Kind::color;
      shape.fill.color = to_rgb(layer.flood);
      shape.fill.opacity = layer.flood.a;
      place_shape(state, e, std::move(shape), region, node);
    } else {
      Context drawn = region;
      drawn.ctm = region.ctm * geo::Matrix::translate(layer.dx, layer.dy) * *undo;
      state.filter_applied = index;
      auto outer_clip = std::exchange(state.clip_applied, clip_outside);
      std::size_t outer_copies = std::exchange(state.filter_copies, state.filter_copies * copies);
      draw(drawn, node);
      state.filter_copies = outer_copies;
      state.clip_applied = outer_clip;
      state.filter_applied.reset();
      if (state.refused) {
        state.clip_noop_noted = clip_noop_noted;
        return true;
      }
      recolour(state, node, layer.map, e, plan->id);
    }
    if (!node.children.empty() || node.shape) out.children.push_back(std::move(node));
  }
  state.clip_noop_noted = clip_noop_noted;
  // A layer cut where the element is shows through where the element is translucent.
  if (plan->cut_under_source && !out.children.empty() && has_translucent(state, out.children.back())) {
    state.approximate(
        e, plan_name(*plan) + " cuts a copy away under the element; drawn whole under its translucent parts");
  }
  // Layers composited in linearRGB mix otherwise than the output, which draws them over each other
  // in sRGB, where a translucent one lies over another. A traced result is translucent at its edges
  // by nature: there only a translucent layer drawn over another one mixes otherwise.
  bool mixed = plan->rendered.empty() ? has_translucent(state, out)
                                      : std::any_of(out.children.begin() + (out.children.empty() ? 0 : 1),
                                                    out.children.end(),
                                                    [&](model::Node& layer) { return has_translucent(state, layer); });
  if (plan->mixes_linear && mixed) {
    state.approximate(
        e, plan_name(*plan) + " composites translucent layers in linearRGB; drawn over each other in sRGB");
  }
  double opacity = context.opacity * state.style(index).opacity;
  if (opacity < 1 && !out.children.empty()) fold_isolated_opacity(state, out, opacity, e);
  if (!out.children.empty()) parent.children.push_back(std::move(out));
  return true;
}

}  // namespace bimi::svgps::convert
