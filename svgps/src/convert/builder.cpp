#include "convert/builder.hpp"

#include <algorithm>
#include <functional>
#include <utility>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "bimi/svgps/raster.hpp"
#include "geometry/clip.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/shapes.hpp"
#include "geometry/stroke.hpp"
#include "geometry/transform.hpp"
#include "raster/data_uri.hpp"
#include "raster/prepare.hpp"
#include "raster/trace.hpp"
#include "style/color.hpp"
#include "style/computed_styles.hpp"
#include "style/font_family.hpp"
#include "svg/iri.hpp"
#include "svg/numbers.hpp"
#include "svg/xml_space.hpp"
#include "text/outline.hpp"

namespace bimi::svgps::convert {
namespace {

using detail::RawAttribute;
using detail::RawDocument;
using detail::RawElement;
using detail::trim_xml_space;
using style::ComputedStyles;
namespace geo = geometry;

constexpr std::size_t max_path_segments = 1'000'000;

std::string tag(const RawElement& e) { return "<" + e.qname + ">"; }

// The id in "url(#id)" (and, for href, "#id"); empty when the reference is not local.
std::string local_reference(std::string_view value, bool bare_allowed = false) {
  std::string text = trim_xml_space(value);
  if (!bare_allowed && text.rfind("url(", 0) != 0) return {};
  if (text.rfind("url(", 0) == 0) text = detail::url_inner(text);
  return text.size() > 1 && text.front() == '#' ? text.substr(1) : std::string();
}

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

// An opacity value: a number, or a percentage.
std::optional<double> parse_opacity(std::string_view text) {
  std::string value = trim_xml_space(text);
  std::string_view view = value;
  auto number = detail::parse_number(view);
  if (!number) return std::nullopt;
  if (view == "%") return clamp01(*number / 100.0);
  if (!view.empty()) return std::nullopt;
  return clamp01(*number);
}

// Whether a matrix keeps shapes' angles and proportions, so strokes and circles survive baking.
bool is_conformal(const geo::Matrix& m) {
  double tolerance = 1e-9 * std::max({std::fabs(m.a), std::fabs(m.b), std::fabs(m.c), std::fabs(m.d), 1.0});
  bool rotation_scale = std::fabs(m.a - m.d) < tolerance && std::fabs(m.b + m.c) < tolerance;
  bool with_reflection = std::fabs(m.a + m.d) < tolerance && std::fabs(m.b - m.c) < tolerance;
  return rotation_scale || with_reflection;
}

double uniform_scale(const geo::Matrix& m) { return std::sqrt(std::fabs(m.determinant())); }

struct Clip {
  geo::Path path;  // in root (document) coordinates
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;  // bounds of path
  bool rectangle = false;
};

// What flows down the tree while building.
struct Context {
  geo::Matrix ctm;              // current transformation matrix to document coordinates
  double opacity = 1;           // group opacities folded into shapes
  double isolated_opacity = 1;  // the opacity of the group being entered, applied once it is built
  std::vector<const Clip*> clips;
  double viewport_width = 0;    // for percentage lengths
  double viewport_height = 0;
  int use_depth = 0;
};

class Builder {
 public:
  Builder(const RawDocument& document, const BuildOptions& options, Diagnostics& changes)
      : document_(document), options_(options), changes_(changes),
        styles_(ComputedStyles::compute(document, changes)) {}

  // Whether run() traced an embedded bitmap.
  bool traced() const { return traced_; }

  std::optional<model::Document> run() {
    const RawElement& root = document_.root();
    if (!root.is_svg("svg")) {
      refuse(root, "the root element is not <svg> in the SVG namespace");
      return std::nullopt;
    }
    model::Document out;
    if (!read_view_box(root, out.view_box)) return std::nullopt;
    for (std::size_t child : root.children) {
      const RawElement& e = document_.elements[child];
      if (e.is_svg("title") && out.title.empty()) out.title = detail::collapse_xml_space(e.text);
      if (e.is_svg("desc") && out.desc.empty()) out.desc = detail::collapse_xml_space(e.text);
    }
    Context context;
    context.viewport_width = out.view_box.width;
    context.viewport_height = out.view_box.height;
    document_out_ = &out;
    try {
      build_children(0, out.root, context);
    } catch (const WorkRefused& refusal) {
      // Work outside any element's own (the root's children as a whole): refused without a line.
      if (!refused_) changes_.add("convert-refused", Severity::error, refusal.what());
      return std::nullopt;
    }
    if (refused_) return std::nullopt;
    return out;
  }

 private:
  // ---- reporting ---------------------------------------------------------------------------
  // Each note once: an element drawn many times through <use> says the same thing each time.
  void note(std::string_view kind, const RawElement& e, std::string message) {
    if (!noted_.emplace(std::string(kind), message, e.location.line, e.location.column).second) return;
    changes_.add(std::string(kind), Severity::note, std::move(message), e.location);
  }
  void approximate(const RawElement& e, std::string message) {
    changes_.add("convert-approximated", Severity::warning, std::move(message), e.location);
  }
  const Deadline* deadline() const { return options_.deadline; }

  void refuse(const RawElement& e, std::string message) {
    changes_.add("convert-refused", Severity::error, std::move(message), e.location);
    refused_ = true;
  }
  // Refuses by default; with --force drops the thing and says so. Returns true when dropped.
  bool refuse_or_drop(const RawElement& e, const std::string& what) {
    if (!options_.force) {
      refuse(e, what + " cannot be represented in SVG Tiny P/S (use --force to drop it and accept the difference)");
      return false;
    }
    changes_.add("convert-dropped", Severity::warning, what + " dropped (--force)", e.location);
    return true;
  }

  // The element an href (plain or xlink) refers to in this document.
  std::optional<std::size_t> href_target(const RawElement& e) const {
    const RawAttribute* href = e.attribute("href");
    if (!href) href = e.attribute("xlink:href");
    if (!href) return std::nullopt;
    auto it = ids_.find(local_reference(href->value, true));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }

  // ---- values ------------------------------------------------------------------------------
  std::optional<std::string_view> property(std::size_t index, std::string_view name) const {
    auto it = instance_styles_.find(index);
    if (it == instance_styles_.end()) return styles_.get(index, name);
    auto value = it->second.find(name);
    if (value == it->second.end()) return std::nullopt;
    return std::string_view(value->second);
  }
  const ComputedStyles::Values& computed_values(std::size_t index) const {
    auto it = instance_styles_.find(index);
    return it == instance_styles_.end() ? styles_.computed(index) : it->second;
  }

  // While a <use> copy is built, its elements inherit from the <use>. Returns what it replaced.
  std::map<std::size_t, ComputedStyles::Values> enter_instance(std::size_t use, std::size_t target) {
    std::map<std::size_t, ComputedStyles::Values> saved;
    std::vector<std::pair<std::size_t, ComputedStyles::Values>> stack;
    stack.emplace_back(target, computed_values(use));
    while (!stack.empty()) {
      auto [index, parent_values] = std::move(stack.back());
      stack.pop_back();
      ComputedStyles::Values values = styles_.computed_under(parent_values, index);
      if (auto it = instance_styles_.find(index); it != instance_styles_.end()) saved.emplace(index, it->second);
      for (std::size_t child : document_.elements[index].children) stack.emplace_back(child, values);
      instance_styles_[index] = std::move(values);
    }
    return saved;
  }
  void leave_instance(std::size_t target, std::map<std::size_t, ComputedStyles::Values> saved) {
    std::vector<std::size_t> stack{target};
    while (!stack.empty()) {
      std::size_t index = stack.back();
      stack.pop_back();
      instance_styles_.erase(index);
      for (std::size_t child : document_.elements[index].children) stack.push_back(child);
    }
    for (auto& [index, values] : saved) instance_styles_[index] = std::move(values);
  }
  std::optional<std::string_view> own(std::size_t index, std::string_view name) const {
    return styles_.specified(index, name);
  }

  // A length attribute in user units (see user_units).
  double length(const RawElement& e, std::string_view name, double fallback, const Context& context,
                char axis) const {
    const RawAttribute* a = e.attribute(name);
    return a ? user_units(a->value, fallback, context, axis) : fallback;
  }

  // A length in user units: percentages against the viewport (w: width, h: height, d: the
  // normalized diagonal), em and ex against a 16 px font.
  static double user_units(std::string_view text, double fallback, const Context& context, char axis) {
    auto parsed = detail::parse_length(text);
    if (!parsed) return fallback;
    switch (parsed->unit) {
      case detail::LengthUnit::percent: {
        double base = axis == 'w' ? context.viewport_width
                      : axis == 'h' ? context.viewport_height
                                    : std::hypot(context.viewport_width, context.viewport_height) / std::sqrt(2.0);
        return parsed->value * base / 100.0;
      }
      case detail::LengthUnit::em: return parsed->value * 16;
      case detail::LengthUnit::ex: return parsed->value * 8;
      default: return *parsed->to_pixels();
    }
  }


  bool read_view_box(const RawElement& root, model::ViewBox& box) {
    if (const RawAttribute* a = root.attribute("viewBox")) {
      auto numbers = detail::parse_number_list(a->value);
      if (numbers && numbers->size() == 4 && (*numbers)[2] > 0 && (*numbers)[3] > 0) {
        box = {(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]};
        return true;
      }
    }
    Context none;
    double w = length(root, "width", 0, none, 'w');
    double h = length(root, "height", 0, none, 'h');
    if (w > 0 && h > 0) {
      box = {0, 0, w, h};
      note("convert-structure", root, "viewBox taken from width and height");
      return true;
    }
    refuse(root, "the logo has neither a usable viewBox nor absolute width and height; its artboard is unknown");
    return false;
  }

  // ---- tree --------------------------------------------------------------------------------
  void build_children(std::size_t index, model::Node& group, const Context& context) {
    for (std::size_t child : document_.elements[index].children) build_element(child, group, context);
  }

  bool is_hidden(std::size_t index) const {
    auto display = own(index, "display");
    return display && trim_xml_space(*display) == "none";
  }

  // Work refused inside a stage (the deadline passed, an operation too large to run) is refused
  // at the innermost element being built, with its line, and unwinds the whole build.
  void build_element(std::size_t index, model::Node& parent, const Context& context) {
    try {
      build_element_unguarded(index, parent, context);
    } catch (const WorkRefused& refusal) {
      if (!refused_) refuse(document_.elements[index], refusal.what());
      throw;
    }
  }

  void build_element_unguarded(std::size_t index, model::Node& parent, const Context& context) {
    if (refused_) return;
    const RawElement& e = document_.elements[index];
    if (options_.deadline && ++elements_built_ % 256 == 0 && options_.deadline->passed()) {
      refuse(e, options_.deadline->refusal());
      return;
    }
    if (e.ns != detail::svg_namespace) {
      note("convert-removed", e, tag(e) + " (editor metadata or foreign markup) removed");
      return;
    }
    const std::string& name = e.local;
    static const std::set<std::string, std::less<>> never_drawn = {
        "defs", "title", "desc", "metadata", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
        "symbol", "marker", "pattern", "filter", "style", "font", "font-face", "glyph", "missing-glyph", "hkern",
        "vkern", "solidColor", "cursor", "view", "animate", "animateMotion", "animateColor", "animateTransform",
        "set", "discard", "script"};
    if (never_drawn.count(name)) {
      if (name == "script" || name == "style" || name.rfind("anim", 0) == 0 || name == "set") {
        note("convert-removed", e, tag(e) + " removed" + (name == "style" ? " (its rules were applied as attributes)" : ""));
      }
      return;
    }
    if (is_hidden(index)) {
      note("convert-removed", e, tag(e) + " with display=\"none\" removed");
      return;
    }
    if (name == "g" || name == "a") {
      if (name == "a") note("convert-structure", e, "<a> unwrapped: its content kept, the link dropped");
      build_group(index, parent, context, geo::Matrix{});
    } else if (name == "svg") {
      build_nested_svg(index, parent, context);
    } else if (name == "use") {
      build_use(index, parent, context);
    } else if (name == "switch") {
      build_switch(index, parent, context);
    } else if (name == "text" || name == "textArea") {
      build_text(index, parent, context);
    } else if (name == "image") {
      build_image(index, parent, context);
    } else if (name == "foreignObject" || name == "video" || name == "audio" || name == "animation") {
      refuse_or_drop(e, tag(e));
    } else if (name == "path" || name == "rect" || name == "circle" || name == "ellipse" || name == "line" ||
               name == "polyline" || name == "polygon") {
      build_shape(index, parent, context);
    } else {
      note("convert-removed", e, tag(e) + " is not a drawing element; removed");
    }
  }

  // The transform, opacity, clip and effects of a container, then its children.
  void build_group(std::size_t index, model::Node& parent, const Context& context, const geo::Matrix& extra,
                   std::optional<std::size_t> content = std::nullopt) {
    const RawElement& e = document_.elements[index];
    Context inner = context;
    inner.ctm = context.ctm * element_transform(e) * extra;
    inner.isolated_opacity = 1;
    if (!apply_effects(index, inner)) return;
    double isolated = std::exchange(inner.isolated_opacity, 1.0);
    model::Node node;
    build_children(content.value_or(index), node, inner);
    if (isolated < 1) fold_isolated_opacity(node, isolated, e);
    if (!node.children.empty()) parent.children.push_back(std::move(node));
  }

  // A group's opacity applies to the group as one picture. Folding it into each shape is exact
  // where the shapes do not overlap; where an opaque fill covers a shape below it, the covered
  // part is cut from the lower shape first, which keeps it exact. Other overlaps are approximated.
  void fold_isolated_opacity(model::Node& group, double opacity, const RawElement& e) {
    struct Leaf {
      model::Node* node;
      bool plain;  // no transform on the way: in document coordinates
    };
    std::vector<Leaf> leaves;
    std::vector<std::pair<model::Node*, bool>> stack{{&group, true}};
    while (!stack.empty()) {
      auto [node, plain] = stack.back();
      stack.pop_back();
      bool here = plain && node->transform.is_identity();
      if (node->shape) {
        leaves.push_back({node, here});
        continue;
      }
      for (auto it = node->children.rbegin(); it != node->children.rend(); ++it) stack.push_back({&*it, here});
    }
    auto opaque_fill_only = [&](const Leaf& leaf) {
      const model::Shape& s = *leaf.node->shape;
      if (!leaf.plain || s.stroke || s.fill.opacity < 1 || s.fill.kind == model::Paint::Kind::none) return false;
      if (s.fill.kind == model::Paint::Kind::gradient) {
        for (const auto& stop : document_out_->gradients[s.fill.gradient].stops) {
          if (stop.opacity < 1) return false;
        }
      }
      return true;
    };
    auto overlap = [](const geo::Box& a, const geo::Box& b) {
      return !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    };
    double tolerance = this->tolerance();
    bool exact = true;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      model::Shape& lower = *leaves[i].node->shape;
      for (std::size_t j = i + 1; j < leaves.size(); ++j) {
        convert::check(deadline());
        const model::Shape& upper = *leaves[j].node->shape;
        if (!overlap(painted_box(lower), painted_box(upper))) continue;
        if (opaque_fill_only(leaves[j]) && leaves[i].plain && !lower.stroke) {
          lower.path = geo::subtract(lower.path, lower.fill_rule, upper.path, upper.fill_rule, tolerance, deadline());
          lower.fill_rule = geo::FillRule::nonzero;
        } else {
          exact = false;
        }
      }
    }
    for (Leaf& leaf : leaves) {
      model::Shape& s = *leaf.node->shape;
      s.fill.opacity = clamp01(s.fill.opacity * opacity);
      if (s.stroke) s.stroke->paint.opacity = clamp01(s.stroke->paint.opacity * opacity);
      if (s.path.empty()) s.fill.kind = model::Paint::Kind::none;
    }
    prune_empty(group);
    if (exact) {
      note("convert-opacity", e, "group opacity folded into its shapes (covered parts cut away first)");
    } else {
      approximate(e, "group opacity folded into overlapping shapes; where they overlap, the lower one shows through");
    }
  }

  static void prune_empty(model::Node& node) {
    auto& children = node.children;
    for (auto& child : children) prune_empty(child);
    children.erase(std::remove_if(children.begin(), children.end(),
                                  [](const model::Node& c) {
                                    if (c.shape) return c.shape->fill.kind == model::Paint::Kind::none && !c.shape->stroke;
                                    return c.children.empty();
                                  }),
                   children.end());
  }

  geo::Matrix element_transform(const RawElement& e) {
    const RawAttribute* a = e.attribute("transform");
    if (!a) return {};
    auto m = geo::parse_transform(a->value);
    if (!m) {
      note("convert-removed", e, "transform \"" + a->value + "\" is not valid SVG and was ignored, as renderers do");
      return {};
    }
    return *m;
  }

  // opacity, filter, mask and clip-path on an element. Returns false when the element is not drawn.
  bool apply_effects(std::size_t index, Context& context) {
    const RawElement& e = document_.elements[index];
    if (auto value = own(index, "opacity")) {
      auto opacity = parse_opacity(*value);
      if (opacity && *opacity < 1 && fold_opacity(index, *opacity, context)) {
        note("convert-opacity", e, "opacity folded into fill-opacity and stroke-opacity");
      }
    }
    if (auto blend = own(index, "mix-blend-mode"); blend && trim_xml_space(*blend) != "normal") {
      if (!refuse_or_drop(e, "mix-blend-mode \"" + std::string(*blend) + "\"")) return false;
    }
    if (auto filter = own(index, "filter"); filter && trim_xml_space(*filter) != "none") {
      if (!refuse_or_drop(e, "filter \"" + std::string(*filter) + "\" (shadows, blurs)")) return false;
    }
    if (auto mask = own(index, "mask"); mask && trim_xml_space(*mask) != "none") {
      if (!apply_mask(index, *mask, context)) return false;
    }
    if (auto clip = own(index, "clip-path"); clip && trim_xml_space(*clip) != "none") {
      std::string id = local_reference(*clip);
      auto it = ids_.find(id);
      if (id.empty() || it == ids_.end() || !document_.elements[it->second].is_svg("clipPath")) {
        note("convert-clip", e, "clip-path \"" + std::string(*clip) + "\" refers to no clipPath; ignored as renderers do");
        return true;
      }
      const Clip* region = clip_region(it->second, index, context);
      if (!region) return false;
      if (region->box.empty()) {
        note("convert-clip", e, tag(e) + " is clipped away entirely; removed");
        return false;
      }
      context.clips.push_back(region);
    }
    return true;
  }

  // Multiplies what the element draws by `opacity`: straight into its paint when it draws one
  // thing (true), else as the opacity of an isolated group (see fold_isolated_opacity).
  bool fold_opacity(std::size_t index, double opacity, Context& context) {
    if (count_drawn_shapes(index, 2) <= 1) {
      context.opacity *= opacity;
      return true;
    }
    context.isolated_opacity *= opacity;
    return false;
  }

  std::size_t count_drawn_shapes(std::size_t index, std::size_t stop_at) const {
    std::size_t count = 0;
    std::vector<std::size_t> stack{index};
    while (!stack.empty() && count < stop_at) {
      std::size_t i = stack.back();
      stack.pop_back();
      const RawElement& e = document_.elements[i];
      const std::string& n = e.local;
      if (n == "path" || n == "rect" || n == "circle" || n == "ellipse" || n == "line" || n == "polyline" ||
          n == "polygon" || n == "text" || n == "use") {
        ++count;
        // A filled and stroked shape overlaps itself.
        auto stroke = property(i, "stroke");
        if (stroke && trim_xml_space(*stroke) != "none") ++count;
      }
      for (std::size_t c : e.children) stack.push_back(c);
    }
    return count;
  }

  // ---- clip paths and masks ----------------------------------------------------------------
  // One shape a clipPath or a mask draws. Its style is `element`'s (a <use> copy's styles are in
  // force while it is visited); `path` is in the element's user space, which `placement` maps to
  // the user space of the clipped or masked element.
  struct ContentShape {
    std::size_t element;
    const geo::Path& path;
    geo::Matrix placement;
    bool text = false;  // outlines of a text span: filled with nonzero whatever the rules say
    const std::vector<std::size_t>& around;  // the groups and <use>s it is drawn through
  };
  using ContentVisitor = std::function<bool(const ContentShape&)>;

  // Visits what the children of a clipPath or mask draw: shapes, text spans, shapes drawn by
  // <use>, and (in a mask only: `groups`) groups. False when something there is refused.
  bool visit_content(std::size_t container, const geo::Matrix& m, const Context& context, bool groups,
                     const ContentVisitor& visit, int depth = 0) {
    std::vector<std::size_t> around;
    return visit_children(container, m, context, groups, visit, depth, around);
  }

  bool visit_children(std::size_t container, const geo::Matrix& m, const Context& context, bool groups,
                      const ContentVisitor& visit, int depth, std::vector<std::size_t>& around) {
    for (std::size_t child : document_.elements[container].children) {
      const RawElement& c = document_.elements[child];
      if (c.ns != detail::svg_namespace || is_hidden(child)) continue;
      if (!c.is_svg("use")) {
        if (!visit_content_element(child, m, context, groups, visit, depth, around)) return false;
        continue;
      }
      auto target = href_target(c);
      if (!target) continue;
      if (depth > 32) {
        refuse(c, "<use> references nest too deeply to inline");
        return false;
      }
      geo::Matrix placement = m * element_transform(c) *
                              geo::Matrix::translate(length(c, "x", 0, context, 'w'), length(c, "y", 0, context, 'h'));
      bool group = document_.elements[*target].is_svg("g");
      if (group && !groups) {
        refuse(c, "a <use> of a group inside a clipPath is not supported yet");
        return false;
      }
      auto saved = enter_instance(child, *target);
      around.push_back(child);
      bool ok = visit_content_element(*target, placement, context, groups, visit, depth + 1, around);
      around.pop_back();
      leave_instance(*target, std::move(saved));
      if (!ok) return false;
    }
    return true;
  }

  bool visit_content_element(std::size_t index, const geo::Matrix& m, const Context& context, bool groups,
                             const ContentVisitor& visit, int depth, std::vector<std::size_t>& around) {
    const RawElement& e = document_.elements[index];
    geo::Matrix placement = m * element_transform(e);
    if (e.is_svg("g") && groups) {
      around.push_back(index);
      bool ok = visit_children(index, placement, context, groups, visit, depth + 1, around);
      around.pop_back();
      return ok;
    }
    if (e.is_svg("text")) {
      auto spans = outline_spans(index, context);
      if (!spans) return false;
      around.push_back(index);  // the <text> around each span
      bool ok = true;
      for (const auto& [span, path] : *spans) {
        if (!(ok = visit({span, path, placement, true, around}))) break;
      }
      around.pop_back();
      return ok;
    }
    auto visibility = property(index, "visibility");
    if (visibility && trim_xml_space(*visibility) != "visible" && trim_xml_space(*visibility) != "inherit") return true;
    auto path = shape_path(index, context);
    if (!path) {
      if (groups && is_drawing_element(e)) {
        // An image, a nested svg or the like in a mask: its luminance is not one flat value.
        if (!refuse_or_drop(e, tag(e) + " inside a mask")) return false;
      }
      return true;  // a clipPath draws only shapes and text; renderers ignore the rest
    }
    return visit({index, *path, placement, false, around});
  }

  static bool is_drawing_element(const RawElement& e) {
    static const std::set<std::string, std::less<>> drawing = {"image", "svg", "symbol", "switch", "foreignObject",
                                                               "a", "video", "animation", "textArea"};
    return drawing.count(e.local) > 0;
  }

  // The area the pieces cover, in the space they are given in: their concatenation when that is
  // exact (one piece, or pieces of one rule that cannot overlap), else their union.
  geo::FilledPath unite_pieces(std::vector<geo::FilledPath> pieces, double tolerance) const {
    if (pieces.size() == 1) return std::move(pieces.front());
    std::vector<geo::Box> boxes;
    for (const auto& piece : pieces) boxes.push_back(geo::bounds(piece.path));
    bool apart = pieces.size() <= 64;
    for (std::size_t i = 0; apart && i < pieces.size(); ++i) {
      apart = pieces[i].rule == pieces.front().rule;
      for (std::size_t j = i + 1; apart && j < pieces.size(); ++j) {
        const geo::Box &a = boxes[i], &b = boxes[j];
        apart = a.empty() || b.empty() || a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
      }
    }
    if (!apart) return {geo::unite(pieces, tolerance, deadline()), geo::FillRule::nonzero};
    geo::FilledPath all{{}, pieces.empty() ? geo::FillRule::nonzero : pieces.front().rule};
    for (auto& piece : pieces) {
      all.path.segments.insert(all.path.segments.end(), piece.path.segments.begin(), piece.path.segments.end());
    }
    return all;
  }

  // A clip region kept for the shapes below: `area` (in the clipped element's user space)
  // mapped to the document by `ctm`.
  const Clip* store_clip(geo::FilledPath area, const geo::Matrix& ctm) {
    auto clip = std::make_unique<Clip>();
    clip->path = geo::transformed(area.path, ctm);
    clip->rule = area.rule;
    clip->box = geo::bounds(clip->path);
    geo::Box rectangle;
    clip->rectangle = geo::is_axis_aligned_rectangle(clip->path, rectangle);
    clips_.push_back(std::move(clip));
    return clips_.back().get();
  }

  // The unit square of objectBoundingBox units mapped onto an element's bounding box; nullopt
  // when the box has no area (the element is then not drawn).
  std::optional<geo::Matrix> bounding_box_units(std::size_t element) {
    geo::Box box = local_bounds(element);
    if (box.empty() || box.width() <= 0 || box.height() <= 0) return std::nullopt;
    return geo::Matrix{box.width(), 0, 0, box.height(), box.x0, box.y0};
  }

  // The union of a clipPath's shapes and text, in document coordinates for an element whose CTM
  // is given. Null when the element is not drawn (or something is refused).
  const Clip* clip_region(std::size_t clip_index, std::size_t clipped, const Context& context) {
    const RawElement& clip_element = document_.elements[clip_index];
    geo::Matrix m = element_transform(clip_element);
    if (const RawAttribute* units = clip_element.attribute("clipPathUnits");
        units && trim_xml_space(units->value) == "objectBoundingBox") {
      auto box = bounding_box_units(clipped);
      if (!box) return nullptr;
      m = m * *box;
    }
    std::vector<geo::FilledPath> pieces;
    bool ok = visit_content(clip_index, m, context, false, [&](const ContentShape& shape) {
      auto rule = property(shape.element, "clip-rule");
      bool evenodd = !shape.text && rule && trim_xml_space(*rule) == "evenodd";
      pieces.push_back({geo::transformed(shape.path, shape.placement), evenodd ? geo::FillRule::evenodd : geo::FillRule::nonzero});
      if (shape.text) note("convert-clip", document_.elements[shape.element], "text in a clipPath outlined");
      return true;
    });
    if (!ok) return nullptr;
    return store_clip(unite_pieces(std::move(pieces), tolerance_under(context.ctm)), context.ctm);
  }

  // Applies a mask that is exactly a clip region and an opacity: content only of shapes, all in
  // one opaque colour, so that everything it draws has the same mask value (luminance, or alpha
  // for mask-type="alpha"). Returns false when the element is not drawn.
  bool apply_mask(std::size_t index, std::string_view value, Context& context) {
    const RawElement& e = document_.elements[index];
    auto it = ids_.find(local_reference(value));
    if (it == ids_.end() || !document_.elements[it->second].is_svg("mask")) {
      note("convert-clip", e, "mask \"" + std::string(value) + "\" refers to no mask; ignored as renderers do");
      return true;
    }
    MaskArea area;
    if (!read_mask(it->second, index, context, area)) return area.dropped;
    if (area.pieces.empty() || area.value <= 0) {
      note("convert-clip", e, tag(e) + " is hidden by its mask (the mask draws nothing, or only black, which a luminance mask turns transparent); removed");
      return false;
    }
    const Clip* clip = store_clip(mask_region(it->second, index, context, std::move(area.pieces)), context.ctm);
    if (clip->box.empty()) {
      note("convert-clip", e, tag(e) + " is masked away entirely; removed");
      return false;
    }
    context.clips.push_back(clip);
    std::string how = "mask applied as a clip of its shapes";
    if (area.value < 1) {
      fold_opacity(index, area.value, context);
      char opacity[16];
      std::snprintf(opacity, sizeof opacity, "%.3f", area.value);
      how += std::string(" and an opacity of ") + opacity + " (its uniform luminance)";
    }
    note("convert-clip", e, how);
    return true;
  }

  struct MaskArea {
    std::vector<geo::FilledPath> pieces;  // in the masked element's user space
    double value = -1;                    // the mask value every piece has; -1 until one is drawn
    bool dropped = false;                 // refused content dropped under --force: draw unmasked
  };

  // Reads a mask's content into `area`. False when it cannot be a clip: refused, or with
  // --force the mask is dropped (area.dropped) and the element drawn without it.
  bool read_mask(std::size_t mask_index, std::size_t masked, const Context& context, MaskArea& area) {
    const RawElement& mask = document_.elements[mask_index];
    geo::Matrix m;
    if (const RawAttribute* units = mask.attribute("maskContentUnits");
        units && trim_xml_space(units->value) == "objectBoundingBox") {
      auto box = bounding_box_units(masked);
      if (!box) return true;  // nothing drawn: the element is hidden
      m = *box;
    }
    // mask-type: from CSS, else the presentation attribute (SVG 2).
    std::optional<std::string> type;
    if (auto css = own(mask_index, "mask-type")) type = trim_xml_space(*css);
    if (const RawAttribute* a = mask.attribute("mask-type"); !type && a) type = trim_xml_space(a->value);
    bool alpha = type == "alpha";
    auto fail = [&](const RawElement& at, const std::string& why) {
      area.dropped = refuse_or_drop(at, "a mask whose content " + why);
      return false;
    };
    return visit_content(mask_index, m, context, true, [&](const ContentShape& shape) {
      const RawElement& at = document_.elements[shape.element];
      if (auto effect = effect_in_mask(shape)) {
        return fail(document_.elements[*effect], "has its own opacity, filter, mask or clip-path");
      }
      MaskPaint fill = mask_paint(shape.element, "fill", "fill-opacity", "#000000", alpha);
      MaskPaint stroke = mask_paint(shape.element, "stroke", "stroke-opacity", "none", alpha);
      for (const MaskPaint* paint : {&fill, &stroke}) {
        if (!paint->reason.empty()) return fail(at, "is " + paint->reason);
        if (!paint->drawn) continue;
        if (area.value >= 0 && paint->value != area.value) return fail(at, "has more than one luminance");
        area.value = paint->value;
      }
      if (fill.drawn) {
        auto rule = property(shape.element, "fill-rule");
        bool evenodd = !shape.text && rule && trim_xml_space(*rule) == "evenodd";
        area.pieces.push_back({geo::transformed(shape.path, shape.placement), evenodd ? geo::FillRule::evenodd : geo::FillRule::nonzero});
      }
      if (stroke.drawn && !shape.text) {
        auto outline = stroke_in_content(shape, context);
        if (!outline) return false;
        area.pieces.push_back({std::move(*outline), geo::FillRule::nonzero});
      }
      return true;
    });
  }

  // The first element among a mask's shape and the groups and <use>s it is drawn through that
  // changes its paint with an effect of its own, if any.
  std::optional<std::size_t> effect_in_mask(const ContentShape& shape) const {
    std::vector<std::size_t> elements = shape.around;
    elements.push_back(shape.element);
    for (std::size_t i : elements) {
      auto opacity = own(i, "opacity");
      if (opacity && parse_opacity(*opacity).value_or(1) < 1) return i;
      for (const char* effect : {"filter", "mask", "clip-path", "mix-blend-mode"}) {
        auto value = own(i, effect);
        if (value && trim_xml_space(*value) != "none" && trim_xml_space(*value) != "normal") return i;
      }
    }
    return std::nullopt;
  }

  // The stroke of a mask's shape as a filled region in the masked element's user space.
  std::optional<geo::Path> stroke_in_content(const ContentShape& shape, const Context& context) {
    model::Paint paint;
    paint.kind = model::Paint::Kind::color;
    auto stroke = read_stroke(shape.element, paint, context);
    if (!stroke) return geo::Path{};
    const RawElement& e = document_.elements[shape.element];
    auto outline = stroke_outline(e, *stroke, shape.path, tolerance_under(context.ctm * shape.placement));
    if (!outline) return std::nullopt;
    note("convert-clip", e, "stroke in a mask outlined");
    return geo::transformed(*outline, shape.placement);
  }

  // What one paint of a mask's content adds to the mask: nothing, or the mask value of its opaque
  // colour; `reason` says why it is neither.
  struct MaskPaint {
    bool drawn = false;
    double value = 0;
    std::string reason;
  };
  MaskPaint mask_paint(std::size_t element, std::string_view name, std::string_view opacity_name,
                       std::string_view initial, bool alpha) {
    std::string value = trim_xml_space(property(element, name).value_or(initial));
    if (value.rfind("url(", 0) == 0) {
      auto it = ids_.find(local_reference(value));
      if (it != ids_.end()) return {false, 0, "painted with " + tag(document_.elements[it->second])};
      std::size_t close = value.find(')');  // a missing paint server: its fallback
      value = close == std::string::npos ? "" : trim_xml_space(std::string_view(value).substr(close + 1));
    }
    if (value.empty() || value == "none") return {};
    if (style::is_current_color(value)) value = trim_xml_space(property(element, "color").value_or("#000000"));
    auto color = style::parse_color(value);
    if (!color) return {};
    double opacity = color->alpha * parse_opacity(property(element, opacity_name).value_or("1")).value_or(1);
    if (opacity <= 0) return {};
    if (opacity < 1) return {false, 0, "partly transparent"};
    // Luminance from the sRGB values, as librsvg and browsers compute a luminance mask; in whole
    // numbers first, so that white is exactly 1 and equal colours compare equal.
    int weighted = 2125 * color->r + 7154 * color->g + 721 * color->b;
    return {true, alpha ? 1.0 : weighted / (10000 * 255.0), ""};
  }

  // The union of a mask's pieces cut to its region (x, y, width, height in maskUnits).
  geo::FilledPath mask_region(std::size_t mask_index, std::size_t masked, const Context& context,
                              std::vector<geo::FilledPath> pieces) {
    double tolerance = tolerance_under(context.ctm);
    geo::FilledPath area = unite_pieces(std::move(pieces), tolerance);
    geo::Box region = mask_box(mask_index, masked, context);
    geo::Box drawn = geo::bounds(area.path);
    if (drawn.empty() || region.empty()) return {};
    if (drawn.x0 >= region.x0 && drawn.y0 >= region.y0 && drawn.x1 <= region.x1 && drawn.y1 <= region.y1) return area;
    return {geo::intersect(area.path, area.rule, box_path(region), geo::FillRule::nonzero, tolerance, deadline()),
            geo::FillRule::nonzero};
  }

  // The mask's rectangle in the masked element's user space: by default 10 % of the element's
  // bounding box around it.
  geo::Box mask_box(std::size_t mask_index, std::size_t masked, const Context& context) {
    const RawElement& mask = document_.elements[mask_index];
    const RawAttribute* units = mask.attribute("maskUnits");
    if (units && trim_xml_space(units->value) == "userSpaceOnUse") {
      double x = length(mask, "x", -0.1 * context.viewport_width, context, 'w');
      double y = length(mask, "y", -0.1 * context.viewport_height, context, 'h');
      double w = length(mask, "width", 1.2 * context.viewport_width, context, 'w');
      double h = length(mask, "height", 1.2 * context.viewport_height, context, 'h');
      return w > 0 && h > 0 ? geo::Box{x, y, x + w, y + h} : geo::Box{};
    }
    auto box = bounding_box_units(masked);
    if (!box) return {};
    auto fraction = [&](const char* name, double fallback) {
      const RawAttribute* a = mask.attribute(name);
      auto parsed = a ? detail::parse_length(a->value) : std::nullopt;
      if (!parsed) return fallback;
      return parsed->unit == detail::LengthUnit::percent ? parsed->value / 100 : parsed->value;
    };
    double x = fraction("x", -0.1), y = fraction("y", -0.1), w = fraction("width", 1.2), h = fraction("height", 1.2);
    if (!(w > 0) || !(h > 0)) return {};
    geo::Point p0 = box->apply({x, y}), p1 = box->apply({x + w, y + h});
    return {p0.x, p0.y, p1.x, p1.y};
  }

  static geo::Path box_path(const geo::Box& box) {
    return {{geo::Segment::move_to({box.x0, box.y0}), geo::Segment::line_to({box.x1, box.y0}),
             geo::Segment::line_to({box.x1, box.y1}), geo::Segment::line_to({box.x0, box.y1}), geo::Segment::close()}};
  }

  // Bounds of an element's own geometry in its user space (for objectBoundingBox units): a
  // shape's path, or what a group's shapes and groups draw.
  geo::Box local_bounds(std::size_t index, int depth = 0) {
    Context none;
    const RawElement& e = document_.elements[index];
    auto path = shape_path(index, none);
    if (path) return geo::bounds(*path);
    geo::Box box;
    if (depth > 32) return box;
    if (e.is_svg("text")) {
      auto spans = outline_spans(index, none);
      for (const auto& span : spans.value_or(std::vector<std::pair<std::size_t, geo::Path>>{})) {
        add_box(box, geo::bounds(span.second));
      }
      return box;
    }
    if (e.is_svg("use")) {
      // In the space the use's x and y move the copy into, as the copy's effects are applied.
      auto target = href_target(e);
      if (!target) return box;
      geo::Box inner = local_bounds(*target, depth + 1);
      if (inner.empty()) return box;
      return geo::bounds(geo::transformed(box_path(inner), element_transform(document_.elements[*target])));
    }
    for (std::size_t child : document_.elements[index].children) {
      const RawElement& c = document_.elements[child];
      if (c.ns != detail::svg_namespace || is_hidden(child)) continue;
      auto p = shape_path(child, none);
      geo::Box b;
      if (p) {
        b = geo::bounds(geo::transformed(*p, element_transform(c)));
      } else if (c.is_svg("g") || c.is_svg("a") || c.is_svg("use") || c.is_svg("text")) {
        geo::Box inner = local_bounds(child, depth + 1);
        if (inner.empty()) continue;
        geo::Matrix m = element_transform(c);
        if (c.is_svg("use")) m = m * geo::Matrix::translate(length(c, "x", 0, none, 'w'), length(c, "y", 0, none, 'h'));
        b = geo::bounds(geo::transformed(box_path(inner), m));
      }
      add_box(box, b);
    }
    return box;
  }

  static void add_box(geo::Box& box, const geo::Box& more) {
    if (more.empty()) return;
    box.add({more.x0, more.y0});
    box.add({more.x1, more.y1});
  }

  void build_nested_svg(std::size_t index, model::Node& parent, const Context& context) {
    const RawElement& e = document_.elements[index];
    double x = length(e, "x", 0, context, 'w');
    double y = length(e, "y", 0, context, 'h');
    double w = length(e, "width", context.viewport_width, context, 'w');
    double h = length(e, "height", context.viewport_height, context, 'h');
    geo::Matrix viewport = geo::Matrix::translate(x, y) * view_box_transform(e, w, h);
    note("convert-structure", e, "nested <svg> inlined as a group");
    Context inner = context;
    inner.viewport_width = w;
    inner.viewport_height = h;
    build_group(index, parent, inner, viewport);
  }

  // viewBox and preserveAspectRatio into a matrix.
  geo::Matrix view_box_transform(const RawElement& e, double width, double height) {
    const RawAttribute* a = e.attribute("viewBox");
    if (!a) return {};
    auto numbers = detail::parse_number_list(a->value);
    if (!numbers || numbers->size() != 4 || (*numbers)[2] <= 0 || (*numbers)[3] <= 0) return {};
    return aspect_transform(e, {(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]}, width, height);
  }

  static std::string aspect_mode(const RawElement& e) {
    const RawAttribute* par = e.attribute("preserveAspectRatio");
    return par ? trim_xml_space(par->value) : "xMidYMid meet";
  }

  // The element's preserveAspectRatio fitting `box` into a width×height viewport at the origin.
  static geo::Matrix aspect_transform(const RawElement& e, const model::ViewBox& box, double width, double height) {
    double sx = width / box.width, sy = height / box.height;
    std::string mode = aspect_mode(e);
    if (mode == "none") return geo::Matrix{sx, 0, 0, sy, -box.x * sx, -box.y * sy};
    bool slice = mode.find("slice") != std::string::npos;
    double s = slice ? std::max(sx, sy) : std::min(sx, sy);
    double align_x = mode.find("xMin") != std::string::npos ? 0 : mode.find("xMax") != std::string::npos ? 1 : 0.5;
    double align_y = mode.find("YMin") != std::string::npos ? 0 : mode.find("YMax") != std::string::npos ? 1 : 0.5;
    double tx = (width - box.width * s) * align_x - box.x * s;
    double ty = (height - box.height * s) * align_y - box.y * s;
    return geo::Matrix{s, 0, 0, s, tx, ty};
  }

  // A PNG or JPEG embedded as a data: URI is traced into flat colour shapes, as a bitmap logo
  // is; an external image (never fetched) or another format cannot be kept.
  void build_image(std::size_t index, model::Node& parent, const Context& outer) {
    const RawElement& e = document_.elements[index];
    const RawAttribute* href = e.attribute("href");
    if (!href) href = e.attribute("xlink:href");
    if (!href) {
      note("convert-removed", e, "<image> without href removed");
      return;
    }
    auto uri = raster::decode_data_uri(href->value, options_.limits.max_input_bytes);
    if (!uri || (uri->media_type != "image/png" && uri->media_type != "image/jpeg" && uri->media_type != "image/jpg")) {
      refuse_or_drop(e, "an <image> that is not an embedded PNG or JPEG");
      return;
    }
    std::string error;
    auto bitmap = decode_raster(uri->bytes, options_.limits, error);
    if (!bitmap) {
      refuse_or_drop(e, "an embedded <image> that cannot be decoded (" + error + ")");
      return;
    }
    Context context = outer;
    context.ctm = outer.ctm * element_transform(e);
    context.isolated_opacity = 1;
    if (!apply_effects(index, context)) return;
    context.opacity *= std::exchange(context.isolated_opacity, 1.0);
    auto visibility = property(index, "visibility");
    if (visibility && trim_xml_space(*visibility) != "visible" && trim_xml_space(*visibility) != "inherit") return;
    double x = length(e, "x", 0, context, 'w'), y = length(e, "y", 0, context, 'h');
    // Without width and height the image shows at its own size (SVG 2's auto).
    double width = length(e, "width", bitmap->width, context, 'w');
    double height = length(e, "height", bitmap->height, context, 'h');
    if (!(width > 0) || !(height > 0)) return;
    if (aspect_mode(e).find("slice") != std::string::npos) {
      refuse_or_drop(e, "an <image> cropped by preserveAspectRatio=\"slice\"");
      return;
    }
    Image working = raster::tracing_image(*bitmap);
    auto indexed = raster::reduce_colors(working, 0, raster::edge_band(*bitmap, working), raster::Detail::flat, error);
    auto traced = indexed ? raster::trace_layers(*indexed, {}, error, deadline()) : std::nullopt;
    if (!traced) {
      refuse(e, "the embedded image could not be traced: " + error);
      return;
    }
    if (context.opacity < 1 && traced->group.children.size() > 1) {
      approximate(e, "opacity on a traced image folded into each colour layer; where layers overlap they show through");
    }
    Context placed = context;
    placed.ctm = context.ctm * geo::Matrix::translate(x, y) *
                 aspect_transform(e, {0, 0, static_cast<double>(working.width), static_cast<double>(working.height)},
                                  width, height);
    model::Node group;
    for (auto& layer : traced->group.children) {
      model::Shape shape = std::move(*layer.shape);
      shape.fill.opacity = context.opacity;
      place_shape(e, std::move(shape), placed, group);
    }
    traced_ = true;
    note("convert-traced", e,
         "embedded " + std::to_string(bitmap->width) + "×" + std::to_string(bitmap->height) + " " +
             (uri->media_type == "image/png" ? "PNG" : "JPEG") + " traced into " +
             std::to_string(traced->group.children.size()) + " colour shape" +
             (traced->group.children.size() == 1 ? "" : "s"));
    if (!group.children.empty()) parent.children.push_back(std::move(group));
  }

  void build_use(std::size_t index, model::Node& parent, const Context& context) {
    const RawElement& e = document_.elements[index];
    auto found = href_target(e);
    if (!found) {
      note("convert-removed", e, "<use> refers to nothing drawable; removed");
      return;
    }
    if (context.use_depth > 32 || ++use_instances_ > options_.limits.max_use_instances) {
      refuse(e, "<use> references nest or repeat too much to inline");
      return;
    }
    std::size_t target = *found;
    for (std::size_t p = index; p != RawElement::no_parent; p = document_.elements[p].parent) {
      if (p == target) {
        refuse(e, "<use> refers to an element that contains it");
        return;
      }
    }
    if (!inlined_use_noted_) {
      note("convert-structure", e, "<use> references inlined (the output has no references)");
      inlined_use_noted_ = true;
    }
    Context inner = context;
    inner.use_depth++;
    double x = length(e, "x", 0, context, 'w');
    double y = length(e, "y", 0, context, 'h');
    inner.ctm = context.ctm * element_transform(e) * geo::Matrix::translate(x, y);
    inner.isolated_opacity = 1;
    if (!apply_effects(index, inner)) return;
    double isolated = std::exchange(inner.isolated_opacity, 1.0);
    const RawElement& t = document_.elements[target];
    model::Node node;
    auto saved = enter_instance(index, target);
    if (t.is_svg("symbol") || t.is_svg("svg")) {
      double w = length(e, "width", context.viewport_width, context, 'w');
      double h = length(e, "height", context.viewport_height, context, 'h');
      Context symbol = inner;
      symbol.ctm = inner.ctm * element_transform(t) * view_box_transform(t, w, h);
      symbol.viewport_width = w;
      symbol.viewport_height = h;
      if (apply_effects(target, symbol)) build_children(target, node, symbol);
    } else {
      build_element(target, node, inner);
    }
    leave_instance(target, std::move(saved));
    if (isolated < 1) fold_isolated_opacity(node, isolated, e);
    if (!node.children.empty()) parent.children.push_back(std::move(node));
  }

  void build_switch(std::size_t index, model::Node& parent, const Context& context) {
    const RawElement& e = document_.elements[index];
    for (std::size_t child : e.children) {
      const RawElement& c = document_.elements[child];
      if (c.ns != detail::svg_namespace) continue;
      // A renderer skips children that ask for extensions or features it lacks (Illustrator
      // puts its private data in such a <foreignObject>) and draws the first one left.
      const RawAttribute* extensions = c.attribute("requiredExtensions");
      if (extensions && !trim_xml_space(extensions->value).empty()) continue;
      if (const RawAttribute* language = c.attribute("systemLanguage")) {
        std::string value = trim_xml_space(language->value);
        if (!value.empty() && value.rfind("en", 0) != 0) continue;
      }
      note("convert-structure", e, "<switch> resolved to the " + tag(c) + " a renderer draws");
      Context inner = context;
      inner.ctm = context.ctm * element_transform(e);
      inner.isolated_opacity = 1;
      if (!apply_effects(index, inner)) return;
      double isolated = std::exchange(inner.isolated_opacity, 1.0);
      model::Node node;
      build_element(child, node, inner);
      if (isolated < 1) fold_isolated_opacity(node, isolated, e);
      if (!node.children.empty()) parent.children.push_back(std::move(node));
      return;
    }
  }

  // ---- shapes ------------------------------------------------------------------------------
  std::optional<geo::Path> shape_path(std::size_t index, const Context& context) {
    const RawElement& e = document_.elements[index];
    const std::string& n = e.local;
    if (n == "path") {
      const RawAttribute* d = e.attribute("d");
      if (!d) return std::nullopt;
      auto parsed = geo::parse_path_data(d->value, max_path_segments);
      if (!parsed.complete) {
        note("convert-structure", e, "path data has an error (" + parsed.error + "); drawn up to it, as renderers do");
      }
      return std::move(parsed.path);
    }
    if (n == "rect") {
      std::optional<double> rx, ry;
      if (e.attribute("rx")) rx = length(e, "rx", 0, context, 'w');
      if (e.attribute("ry")) ry = length(e, "ry", 0, context, 'h');
      return geo::rect_path(length(e, "x", 0, context, 'w'), length(e, "y", 0, context, 'h'),
                            length(e, "width", 0, context, 'w'), length(e, "height", 0, context, 'h'), rx, ry);
    }
    if (n == "circle") {
      return geo::circle_path(length(e, "cx", 0, context, 'w'), length(e, "cy", 0, context, 'h'),
                              length(e, "r", 0, context, 'd'));
    }
    if (n == "ellipse") {
      // SVG 2 (and librsvg): a missing, empty or "auto" radius takes the other one's value.
      auto radius = [&](const char* name, char axis) -> std::optional<double> {
        const RawAttribute* a = e.attribute(name);
        if (!a || !detail::parse_length(a->value)) return std::nullopt;
        return length(e, name, 0, context, axis);
      };
      auto rx = radius("rx", 'w');
      auto ry = radius("ry", 'h');
      if (!rx && !ry) return std::nullopt;
      return geo::ellipse_path(length(e, "cx", 0, context, 'w'), length(e, "cy", 0, context, 'h'), rx.value_or(*ry),
                               ry.value_or(*rx));
    }
    if (n == "line") {
      return geo::line_path(length(e, "x1", 0, context, 'w'), length(e, "y1", 0, context, 'h'),
                            length(e, "x2", 0, context, 'w'), length(e, "y2", 0, context, 'h'));
    }
    if (n == "polyline" || n == "polygon") {
      const RawAttribute* points = e.attribute("points");
      if (!points) return std::nullopt;
      auto parsed = geo::parse_points(points->value, max_path_segments);
      return n == "polygon" ? geo::polygon_path(parsed.points) : geo::polyline_path(parsed.points);
    }
    return std::nullopt;
  }

  void build_shape(std::size_t index, model::Node& parent, const Context& outer) {
    const RawElement& e = document_.elements[index];
    Context context = outer;
    context.ctm = outer.ctm * element_transform(e);
    context.isolated_opacity = 1;
    if (!apply_effects(index, context)) return;
    if (context.isolated_opacity < 1) {
      context.opacity *= std::exchange(context.isolated_opacity, 1.0);
      approximate(e, "opacity on a filled and stroked shape folded into both; the fill shows under the stroke's inner half");
    }
    auto path = shape_path(index, context);
    if (!path || path->empty()) return;
    auto visibility = property(index, "visibility");
    if (visibility && trim_xml_space(*visibility) != "visible" && trim_xml_space(*visibility) != "inherit") return;

    model::Shape shape;
    shape.path = std::move(*path);
    auto rule = property(index, "fill-rule");
    shape.fill_rule = rule && trim_xml_space(*rule) == "evenodd" ? geo::FillRule::evenodd : geo::FillRule::nonzero;
    shape.fill = resolve_paint(index, "fill", "fill-opacity", "#000000", context, shape.path);
    auto stroke_paint = resolve_paint(index, "stroke", "stroke-opacity", "none", context, shape.path);
    shape.stroke = read_stroke(index, stroke_paint, context);
    if (shape.fill.kind == model::Paint::Kind::none && !shape.stroke) return;
    place_in_paint_order(index, std::move(shape), context, parent);
  }

  // paint-order: a stroke drawn under the fill is the same shape drawn twice, stroke first.
  void place_in_paint_order(std::size_t index, model::Shape shape, const Context& context, model::Node& parent) {
    const RawElement& e = document_.elements[index];
    if (auto order = property(index, "paint-order"); order && shape.stroke &&
        shape.fill.kind != model::Paint::Kind::none) {
      std::string value = trim_xml_space(*order);
      std::size_t stroke_at = value.find("stroke"), fill_at = value.find("fill");
      if (stroke_at != std::string::npos && (fill_at == std::string::npos || stroke_at < fill_at)) {
        model::Shape under = shape;
        under.fill.kind = model::Paint::Kind::none;
        shape.stroke.reset();
        note("convert-paint", e, "paint-order with the stroke first written as two shapes");
        place_shape(e, std::move(under), context, parent);
      }
    }
    place_shape(e, std::move(shape), context, parent);
  }

  // An element's stroke properties with the given paint; nullopt when it paints nothing.
  std::optional<model::Stroke> read_stroke(std::size_t index, const model::Paint& paint, const Context& context) {
    if (paint.kind == model::Paint::Kind::none) return std::nullopt;
    model::Stroke stroke;
    stroke.paint = paint;
    stroke.width = length_property(index, "stroke-width", 1, context);
    if (!(stroke.width > 0)) return std::nullopt;
    if (auto cap = property(index, "stroke-linecap")) {
      std::string value = trim_xml_space(*cap);
      stroke.cap = value == "round"    ? model::Stroke::Cap::round
                   : value == "square" ? model::Stroke::Cap::square
                                       : model::Stroke::Cap::butt;
    }
    if (auto join = property(index, "stroke-linejoin")) {
      std::string value = trim_xml_space(*join);
      stroke.join = value == "round"   ? model::Stroke::Join::round
                    : value == "bevel" ? model::Stroke::Join::bevel
                                       : model::Stroke::Join::miter;
    }
    if (auto miter = property(index, "stroke-miterlimit")) {
      std::string text = trim_xml_space(*miter);
      std::string_view view = text;
      if (auto v = detail::parse_number(view); v && *v >= 1) stroke.miter_limit = *v;
    }
    if (auto dashes = property(index, "stroke-dasharray"); dashes && trim_xml_space(*dashes) != "none") {
      auto list = detail::parse_number_list(*dashes);
      if (list && !list->empty() && std::all_of(list->begin(), list->end(), [](double d) { return d >= 0; }) &&
          std::any_of(list->begin(), list->end(), [](double d) { return d > 0; })) {
        stroke.dashes = *list;
        if (stroke.dashes.size() % 2) stroke.dashes.insert(stroke.dashes.end(), list->begin(), list->end());
        stroke.dash_offset = length_property(index, "stroke-dashoffset", 0, context);
      }
    }
    return stroke;
  }

  double length_property(std::size_t index, std::string_view name, double fallback, const Context& context) {
    auto value = property(index, name);
    return value ? user_units(*value, fallback, context, 'd') : fallback;
  }


  // Puts a shape in document coordinates when that is exact, applies clips, adds it to parent.
  void place_shape(const RawElement& e, model::Shape shape, const Context& context, model::Node& parent) {
    geo::Matrix m = context.ctm;
    auto stretched = [&](const model::Paint& p) {
      return p.kind == model::Paint::Kind::gradient && gradient_spaces_.count(p.gradient) > 0;
    };
    if (shape.stroke && (stretched(shape.stroke->paint) || stretched(shape.fill))) {
      // A stretched gradient is drawn in its own space, which would distort a stroke: fill and
      // stroke become two shapes, and a stroke painted with the gradient is outlined here, in
      // the shape's own space, and painted as a fill.
      if (shape.fill.kind != model::Paint::Kind::none) {
        model::Shape fill = shape;
        fill.stroke.reset();
        place_shape(e, std::move(fill), context, parent);
      }
      model::Shape stroke = std::move(shape);
      stroke.fill.kind = model::Paint::Kind::none;
      if (stretched(stroke.stroke->paint)) {
        auto outline = stroke_outline(e, *stroke.stroke, stroke.path, tolerance_under(m));
        if (!outline) return;
        model::Shape outlined;
        outlined.fill = stroke.stroke->paint;
        outlined.path = std::move(*outline);
        stroke = std::move(outlined);
        note("convert-paint", e, "stroke painted with a stretched radial gradient outlined and filled");
      }
      place_shape(e, std::move(stroke), context, parent);
      return;
    }
    if (stretched(shape.fill)) {
      const geo::Matrix space = gradient_spaces_.at(shape.fill.gradient);
      auto inverse = space.inverse();
      if (!inverse) return;
      shape.path = geo::transformed(shape.path, *inverse);
      for (model::Shape& part : clipped_parts(e, std::move(shape), context, m * space)) {
        model::Node node;
        node.transform = m * space;
        node.shape = std::move(part);
        parent.children.push_back(std::move(node));
      }
      return;
    }
    bool bake = is_conformal(m) || (!shape.stroke && !has_radial_paint(shape));
    if (bake) bake_shape(shape, m);
    for (model::Shape& part : clipped_parts(e, std::move(shape), context, bake ? std::optional<geo::Matrix>() : m)) {
      model::Node node;
      // A stroke outlined by a clip is a fill now, and a fill can be baked.
      if (!bake && !part.stroke && !has_radial_paint(part)) {
        bake_shape(part, m);
      } else if (!bake) {
        node.transform = m;
      }
      node.shape = std::move(part);
      parent.children.push_back(std::move(node));
    }
  }

  bool has_radial_paint(const model::Shape& shape) const {
    auto radial = [&](const model::Paint& p) {
      return p.kind == model::Paint::Kind::gradient &&
             document_out_->gradients[p.gradient].kind == model::Gradient::Kind::radial;
    };
    return radial(shape.fill) || (shape.stroke && radial(shape.stroke->paint));
  }

  // Maps a shape's geometry, stroke and paint into document coordinates (exact for a conformal
  // matrix, or for any matrix when there is neither a stroke nor a radial gradient).
  void bake_shape(model::Shape& shape, const geo::Matrix& m) {
    shape.path = geo::transformed(shape.path, m);
    if (shape.stroke) {
      double s = uniform_scale(m);
      shape.stroke->width *= s;
      for (double& d : shape.stroke->dashes) d *= s;
      shape.stroke->dash_offset *= s;
    }
    bake_paint_transform(shape.fill, m);
    if (shape.stroke) bake_paint_transform(shape.stroke->paint, m);
  }

  // The shape cut by every clip in force: nothing, the shape, or its fill and its outlined
  // stroke as two shapes. `local` maps the shape's coordinates to the document when they differ.
  std::vector<model::Shape> clipped_parts(const RawElement& e, model::Shape shape, const Context& context,
                                          std::optional<geo::Matrix> local) {
    std::vector<model::Shape> parts;
    parts.push_back(std::move(shape));
    for (const Clip* clip : context.clips) {
      auto region = clip_in_space(*clip, local);
      if (!region) return {};
      std::vector<model::Shape> kept;
      for (model::Shape& part : parts) clip_shape(e, std::move(part), *region, kept);
      parts = std::move(kept);
    }
    return parts;
  }

  // A clip region in a shape's coordinates, with the flattening tolerance that stays within the
  // document's tolerance there.
  struct LocalClip {
    geo::Path path;
    geo::FillRule rule = geo::FillRule::nonzero;
    geo::Box box;
    bool rectangle = false;
    double tolerance = 0;
  };
  std::optional<LocalClip> clip_in_space(const Clip& clip, std::optional<geo::Matrix> local) const {
    LocalClip region{clip.path, clip.rule, clip.box, clip.rectangle, tolerance()};
    if (!local) return region;
    auto inverse = local->inverse();
    if (!inverse) return std::nullopt;
    region.path = geo::transformed(clip.path, *inverse);
    region.box = geo::bounds(region.path);
    geo::Box ignored;
    region.rectangle = clip.rectangle && geo::is_axis_aligned_rectangle(region.path, ignored);
    region.tolerance = tolerance_under(*local);
    return region;
  }

  // The flattening tolerance in document units: BuildOptions::tolerance at 512 px.
  double tolerance() const {
    return options_.tolerance * std::max(document_out_->view_box.width, document_out_->view_box.height) / 512.0;
  }
  // The same for coordinates `m` maps to the document: divided by the most `m` stretches.
  double tolerance_under(const geo::Matrix& m) const {
    double half_sum = (m.a * m.a + m.b * m.b + m.c * m.c + m.d * m.d) / 2;
    double det = m.determinant();
    double stretch = std::sqrt(half_sum + std::sqrt(std::max(0.0, half_sum * half_sum - det * det)));
    return stretch > 0 && std::isfinite(stretch) ? tolerance() / stretch : tolerance();
  }

  // A bound on what a shape paints: its path's box widened by the stroke's reach.
  static geo::Box painted_box(const model::Shape& shape) {
    geo::Box box = geo::bounds(shape.path);
    double reach = 0;
    if (shape.stroke) {
      const model::Stroke& s = *shape.stroke;
      double miter = s.join == model::Stroke::Join::miter ? s.miter_limit : 1.0;
      double cap = s.cap == model::Stroke::Cap::square ? std::sqrt(2.0) : 1.0;
      reach = s.width / 2 * std::max(miter, cap);
    }
    if (!box.empty()) box = {box.x0 - reach, box.y0 - reach, box.x1 + reach, box.y1 + reach};
    return box;
  }

  // Cuts one shape with a clip region; adds what is left to `out`. A stroke the clip cuts is
  // outlined and cut as a fill: kept as a stroke, it would follow the cut edge instead of ending
  // there. A stroke the clip leaves whole stays a stroke (smaller).
  void clip_shape(const RawElement& e, model::Shape shape, const LocalClip& region, std::vector<model::Shape>& out) {
    geo::Box drawn = painted_box(shape);
    const geo::Box& c = region.box;
    if (drawn.empty() || c.empty() || drawn.x1 <= c.x0 || drawn.x0 >= c.x1 || drawn.y1 <= c.y0 || drawn.y0 >= c.y1) {
      return;
    }
    bool inside = drawn.x0 >= c.x0 && drawn.y0 >= c.y0 && drawn.x1 <= c.x1 && drawn.y1 <= c.y1;
    if (region.rectangle && inside) {
      if (!clip_noop_noted_) {
        note("convert-clip", e, "clip-path removed: it does not cut anything drawn");
        clip_noop_noted_ = true;
      }
      out.push_back(std::move(shape));
      return;
    }
    if (!shape.stroke) {
      if (cut_fill(e, shape, region)) out.push_back(std::move(shape));
      return;
    }
    auto outline = stroke_outline(e, *shape.stroke, shape.path, region.tolerance);
    if (!outline) return;
    bool stroke_cut = cuts(*outline, geo::FillRule::nonzero, region);
    bool filled = shape.fill.kind != model::Paint::Kind::none;
    if (!stroke_cut && (!filled || !cuts(shape.path, shape.fill_rule, region))) {
      out.push_back(std::move(shape));
      return;
    }
    if (filled) {
      model::Shape fill = shape;
      fill.stroke.reset();
      if (cut_fill(e, fill, region)) out.push_back(std::move(fill));
    }
    if (!stroke_cut) {
      shape.fill.kind = model::Paint::Kind::none;
      out.push_back(std::move(shape));
      return;
    }
    model::Shape outlined;
    outlined.fill = shape.stroke->paint;
    outlined.path =
        geo::intersect(*outline, geo::FillRule::nonzero, region.path, region.rule, region.tolerance, deadline());
    note("convert-clip", e, "stroke outlined to apply the clip");
    if (!outlined.path.empty()) out.push_back(std::move(outlined));
  }

  // Intersects a fill with a clip region; false when nothing is left.
  bool cut_fill(const RawElement& e, model::Shape& shape, const LocalClip& region) {
    shape.path = geo::intersect(shape.path, shape.fill_rule, region.path, region.rule, region.tolerance, deadline());
    shape.fill_rule = geo::FillRule::nonzero;
    if (shape.path.empty()) return false;
    note("convert-clip", e, "clip-path applied to the shape's geometry");
    return true;
  }

  // Whether a clip removes a visible part of a filled region: more than a sliver of tolerance
  // width along the region's box.
  bool cuts(const geo::Path& filled, geo::FillRule rule, const LocalClip& region) const {
    geo::Path outside = geo::subtract(filled, rule, region.path, region.rule, region.tolerance, deadline());
    geo::Box box = geo::bounds(filled);
    return geo::filled_area(outside, region.tolerance, deadline()) > region.tolerance * (box.width() + box.height());
  }

  // The region a stroke paints, as a nonzero fill; nullopt (refused) when it has too many dashes.
  std::optional<geo::Path> stroke_outline(const RawElement& e, const model::Stroke& stroke, const geo::Path& path,
                                          double tolerance) {
    geo::StrokeStyle style;
    style.width = stroke.width;
    style.cap = stroke.cap == model::Stroke::Cap::round    ? geo::StrokeStyle::Cap::round
                : stroke.cap == model::Stroke::Cap::square ? geo::StrokeStyle::Cap::square
                                                           : geo::StrokeStyle::Cap::butt;
    style.join = stroke.join == model::Stroke::Join::round   ? geo::StrokeStyle::Join::round
                 : stroke.join == model::Stroke::Join::bevel ? geo::StrokeStyle::Join::bevel
                                                             : geo::StrokeStyle::Join::miter;
    style.miter_limit = stroke.miter_limit;
    style.dashes = stroke.dashes;
    style.dash_offset = stroke.dash_offset;
    auto outline = geo::outline_stroke(path, style, tolerance, deadline());
    if (!outline) {
      refuse(e, "a dashed stroke that must be outlined has more than " + std::to_string(geo::max_stroke_dashes) +
                    " dashes");
    }
    return outline;
  }

  // ---- paint -------------------------------------------------------------------------------
  model::Paint resolve_paint(std::size_t index, std::string_view name, std::string_view opacity_name,
                             std::string_view initial, const Context& context, const geo::Path& path) {
    const RawElement& e = document_.elements[index];
    std::string value = trim_xml_space(property(index, name).value_or(initial));
    model::Paint paint;
    double opacity = 1;
    if (auto o = property(index, opacity_name)) opacity = parse_opacity(*o).value_or(1);
    paint.opacity = clamp01(opacity * context.opacity);
    if (value == "none" || value.empty()) return paint;
    std::string id = local_reference(value);
    if (!id.empty()) {
      auto it = ids_.find(id);
      if (it != ids_.end()) {
        const RawElement& server = document_.elements[it->second];
        if (server.is_svg("linearGradient") || server.is_svg("radialGradient")) {
          pending_gradient_space_.reset();
          if (auto gradient = resolve_gradient(it->second, path, e)) {
            if (gradient->stops.size() == 1 ||
                std::all_of(gradient->stops.begin(), gradient->stops.end(), [&](const model::GradientStop& s) {
                  return s.color == gradient->stops.front().color && s.opacity == gradient->stops.front().opacity;
                })) {
              paint.kind = model::Paint::Kind::color;
              paint.color = gradient->stops.front().color;
              paint.opacity = clamp01(paint.opacity * gradient->stops.front().opacity);
              return paint;
            }
            paint.kind = model::Paint::Kind::gradient;
            document_out_->gradients.push_back(std::move(*gradient));
            paint.gradient = document_out_->gradients.size() - 1;
            if (pending_gradient_space_) gradient_spaces_[paint.gradient] = *pending_gradient_space_;
            pending_gradient_space_.reset();
            return paint;
          }
          paint.kind = model::Paint::Kind::none;  // a gradient without stops paints nothing
          return paint;
        }
        if (server.is_svg("solidColor")) {
          auto color = style::parse_color(property(it->second, "solid-color").value_or("#000"));
          if (color) {
            paint.kind = model::Paint::Kind::color;
            paint.color = {color->r, color->g, color->b};
            double so = parse_opacity(property(it->second, "solid-opacity").value_or("1")).value_or(1);
            paint.opacity = clamp01(paint.opacity * so * color->alpha);
            return paint;
          }
        }
        if (server.is_svg("pattern")) {
          refuse_or_drop(e, "a pattern fill");
          return paint;
        }
      }
      // A missing paint server: the fallback after url(), else none.
      std::size_t close = value.find(')');
      std::string fallback = close == std::string::npos ? "" : trim_xml_space(std::string_view(value).substr(close + 1));
      if (fallback.empty() || fallback == "none") return paint;
      value = fallback;
    }
    if (style::is_current_color(value)) {
      value = trim_xml_space(property(index, "color").value_or("#000000"));
    }
    auto color = style::parse_color(value);
    if (!color) {
      note("convert-paint", e, std::string(name) + " \"" + value + "\" is not a colour; treated as none, as renderers do");
      return paint;
    }
    paint.kind = model::Paint::Kind::color;
    paint.color = {color->r, color->g, color->b};
    paint.opacity = clamp01(paint.opacity * color->alpha);
    return paint;
  }

  // Attributes of a gradient, following its href chain for what it does not set itself.
  // The gradient and those it inherits from through href, nearest first, each at most once.
  std::vector<std::size_t> gradient_chain(std::size_t index) const {
    std::vector<std::size_t> chain;
    for (std::optional<std::size_t> i = index; i && std::find(chain.begin(), chain.end(), *i) == chain.end();) {
      chain.push_back(*i);
      i = href_target(document_.elements[*i]);
    }
    return chain;
  }

  // Attributes a gradient does not set itself come from the gradients it references.
  const RawAttribute* gradient_attribute(std::size_t index, std::string_view name) const {
    for (std::size_t i : gradient_chain(index)) {
      if (const RawAttribute* a = document_.elements[i].attribute(name)) return a;
    }
    return nullptr;
  }

  // The gradient whose stops apply: the nearest in the chain that has any.
  std::size_t gradient_with_stops(std::size_t index) const {
    for (std::size_t i : gradient_chain(index)) {
      for (std::size_t c : document_.elements[i].children) {
        if (document_.elements[c].is_svg("stop")) return i;
      }
    }
    return index;
  }

  double gradient_number(std::size_t index, std::string_view name, double fallback, bool bounding_box) {
    const RawAttribute* a = gradient_attribute(index, name);
    if (!a) return fallback;
    auto parsed = detail::parse_length(a->value);
    if (!parsed) return fallback;
    if (parsed->unit == detail::LengthUnit::percent) {
      double base = bounding_box ? 1.0 : document_out_->view_box.width;
      return parsed->value / 100.0 * base;
    }
    return parsed->value;
  }

  std::optional<model::Gradient> resolve_gradient(std::size_t index, const geo::Path& path, const RawElement& user) {
    const RawElement& g = document_.elements[index];
    model::Gradient out;
    bool linear = g.local == "linearGradient";
    out.kind = linear ? model::Gradient::Kind::linear : model::Gradient::Kind::radial;
    const RawAttribute* units = gradient_attribute(index, "gradientUnits");
    bool bounding_box = !units || trim_xml_space(units->value) != "userSpaceOnUse";
    // Stops.
    std::size_t stops_from = gradient_with_stops(index);
    double last = 0;
    for (std::size_t c : document_.elements[stops_from].children) {
      const RawElement& s = document_.elements[c];
      if (!s.is_svg("stop")) continue;
      model::GradientStop stop;
      const RawAttribute* offset = s.attribute("offset");
      stop.offset = offset ? parse_opacity(offset->value).value_or(0) : 0;
      stop.offset = std::max(stop.offset, last);
      last = stop.offset;
      std::string color_text = trim_xml_space(property(c, "stop-color").value_or("#000000"));
      if (style::is_current_color(color_text)) color_text = trim_xml_space(property(c, "color").value_or("#000000"));
      auto color = style::parse_color(color_text);
      if (color) stop.color = {color->r, color->g, color->b};
      stop.opacity = clamp01(parse_opacity(property(c, "stop-opacity").value_or("1")).value_or(1) *
                             (color ? color->alpha : 1.0));
      out.stops.push_back(stop);
    }
    if (out.stops.empty()) return std::nullopt;

    geo::Matrix to_user;  // gradient space to the shape's user space
    if (bounding_box) {
      geo::Box box = geo::bounds(path);
      if (box.empty() || box.width() <= 0 || box.height() <= 0) return std::nullopt;  // SVG: not rendered
      to_user = geo::Matrix{box.width(), 0, 0, box.height(), box.x0, box.y0};
      note("convert-paint", user, "gradient in objectBoundingBox units resolved to user space");
    }
    if (const RawAttribute* t = gradient_attribute(index, "gradientTransform")) {
      if (auto m = geo::parse_transform(t->value)) {
        to_user = to_user * *m;
        note("convert-paint", user, "gradientTransform baked into the gradient's coordinates");
      }
    }
    if (const RawAttribute* spread = gradient_attribute(index, "spreadMethod");
        spread && trim_xml_space(spread->value) != "pad") {
      approximate(user, "spreadMethod=\"" + spread->value + "\" drawn as pad");
    }
    if (linear) {
      geo::Point p1{gradient_number(index, "x1", 0, bounding_box), gradient_number(index, "y1", 0, bounding_box)};
      geo::Point p2{gradient_number(index, "x2", bounding_box ? 1 : document_out_->view_box.width, bounding_box),
                    gradient_number(index, "y2", 0, bounding_box)};
      set_linear(out, p1, p2, to_user);
    } else {
      double cx = gradient_number(index, "cx", bounding_box ? 0.5 : document_out_->view_box.width / 2, bounding_box);
      double cy = gradient_number(index, "cy", bounding_box ? 0.5 : document_out_->view_box.height / 2, bounding_box);
      double r = gradient_number(index, "r", bounding_box ? 0.5 : document_out_->view_box.width / 2, bounding_box);
      double fx = gradient_number(index, "fx", cx, bounding_box);
      double fy = gradient_number(index, "fy", cy, bounding_box);
      if (std::fabs(fx - cx) > 1e-9 || std::fabs(fy - cy) > 1e-9) {
        approximate(user, "a radial gradient's focal point (fx, fy) moved to its centre");
      }
      if (!is_conformal(to_user)) {
        // An ellipse of colour: keep the gradient a circle in its own space and draw the shape
        // there, under the stretching transform.
        out.cx = cx;
        out.cy = cy;
        out.r = r;
        pending_gradient_space_ = to_user;
        note("convert-paint", user, "stretched radial gradient kept exact by drawing the shape in the gradient's space");
        return out;
      }
      geo::Point c = to_user.apply({cx, cy});
      out.cx = c.x;
      out.cy = c.y;
      out.r = r * uniform_scale(to_user);
    }
    return out;
  }

  // A linear gradient's end points after an affine map, exactly: the colour is constant along
  // lines perpendicular to p1→p2 in gradient space; those lines stay parallel under the map, so
  // the new vector runs from m(p1) perpendicular to their image and ends on m(p2)'s line.
  static void set_linear(model::Gradient& out, geo::Point p1, geo::Point p2, const geo::Matrix& m) {
    geo::Point a = m.apply(p1);
    geo::Point b = m.apply(p2);
    double vx = p2.x - p1.x, vy = p2.y - p1.y;
    // Direction of the iso-colour lines in gradient space, mapped (linear part only).
    double ix = -vy, iy = vx;
    double jx = m.a * ix + m.c * iy, jy = m.b * ix + m.d * iy;
    double length = std::hypot(jx, jy);
    if (length == 0 || (vx == 0 && vy == 0)) {
      out.x1 = a.x;
      out.y1 = a.y;
      out.x2 = b.x;
      out.y2 = b.y;
      return;
    }
    double nx = jy / length, ny = -jx / length;  // normal of the mapped iso-lines
    double t = (b.x - a.x) * nx + (b.y - a.y) * ny;
    out.x1 = a.x;
    out.y1 = a.y;
    out.x2 = a.x + nx * t;
    out.y2 = a.y + ny * t;
  }

  void bake_paint_transform(model::Paint& paint, const geo::Matrix& m) {
    if (paint.kind != model::Paint::Kind::gradient) return;
    model::Gradient& g = document_out_->gradients[paint.gradient];
    if (g.kind == model::Gradient::Kind::linear) {
      set_linear(g, {g.x1, g.y1}, {g.x2, g.y2}, m);
    } else {
      geo::Point c = m.apply({g.cx, g.cy});
      g.cx = c.x;
      g.cy = c.y;
      g.r *= uniform_scale(m);
    }
  }

  // ---- text ----------------------------------------------------------------------------------
  void build_text(std::size_t index, model::Node& parent, const Context& outer) {
    Context context = outer;
    context.ctm = outer.ctm * element_transform(document_.elements[index]);
    context.isolated_opacity = 1;
    if (!apply_effects(index, context)) return;
    if (context.isolated_opacity < 1) {
      context.opacity *= std::exchange(context.isolated_opacity, 1.0);
      approximate(document_.elements[index], "opacity on filled and stroked text folded into both; the fill shows under the stroke's inner half");
    }
    auto spans = outline_spans(index, context);
    if (!spans) return;
    for (auto& [span, path] : *spans) {
      model::Shape shape;
      shape.path = std::move(path);
      shape.fill = resolve_paint(span, "fill", "fill-opacity", "#000000", context, shape.path);
      // The glyph outlines are paths in user space, so a stroke on them is the text's stroke.
      shape.stroke = read_stroke(span, resolve_paint(span, "stroke", "stroke-opacity", "none", context, shape.path), context);
      if (shape.fill.kind == model::Paint::Kind::none && !shape.stroke) continue;
      place_in_paint_order(span, std::move(shape), context, parent);
    }
  }

  // The outlines of a <text> element's runs in its user space, one per text node with its
  // element (the text or a tspan); nullopt when refused. Each run is positioned by the nearest
  // x/y; tspans continue where the last run ended.
  std::optional<std::vector<std::pair<std::size_t, geo::Path>>> outline_spans(std::size_t index,
                                                                              const Context& context) {
    const RawElement& e = document_.elements[index];
    if (!options_.fonts) {
      refuse(e, "text cannot be outlined: no fonts are available");
      return std::nullopt;
    }
    double pen_x = length(e, "x", 0, context, 'w');
    double pen_y = length(e, "y", 0, context, 'h');
    std::vector<std::size_t> spans{index};
    for (std::size_t c : e.children) {
      if (document_.elements[c].is_svg("tspan")) spans.push_back(c);
    }
    std::vector<std::pair<std::size_t, geo::Path>> out;
    for (std::size_t span : spans) {
      const RawElement& s = document_.elements[span];
      if (span != index) {
        if (s.attribute("x")) pen_x = length(s, "x", pen_x, context, 'w');
        if (s.attribute("y")) pen_y = length(s, "y", pen_y, context, 'h');
        if (s.attribute("dx")) pen_x += length(s, "dx", 0, context, 'w');
        if (s.attribute("dy")) pen_y += length(s, "dy", 0, context, 'h');
      }
      std::string content = detail::collapse_xml_space(s.text);
      if (content.empty()) continue;
      // Bounded per document, not only per run: every outlined glyph is kept until the end.
      text_characters_ += static_cast<std::size_t>(std::count_if(
          content.begin(), content.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
      if (text_characters_ > options_.limits.max_text_characters) {
        refuse(s, "the logo has more than " + std::to_string(options_.limits.max_text_characters) +
                      " characters of text to outline");
        return std::nullopt;
      }
      text::TextRun run;
      run.text = content;
      run.origin = {pen_x, pen_y};
      run.font = font_request(span);
      if (auto anchor = property(span, "text-anchor")) {
        std::string a = trim_xml_space(*anchor);
        run.anchor = a == "middle" ? text::TextRun::Anchor::middle
                     : a == "end"  ? text::TextRun::Anchor::end
                                   : text::TextRun::Anchor::start;
      }
      std::string error;
      auto outlined = text::outline_text(run, *options_.fonts, error, deadline());
      if (!outlined) {
        refuse(s, "text \"" + content + "\" could not be outlined: " + error);
        return std::nullopt;
      }
      text_glyphs_ += outlined->glyph_count;
      if (text_glyphs_ > options_.limits.max_text_glyphs) {
        refuse(s, "the logo's text outlines to more than " + std::to_string(options_.limits.max_text_glyphs) +
                      " glyphs");
        return std::nullopt;
      }
      for (const auto& warning : outlined->warnings) approximate(s, "text: " + warning);
      note("convert-text", s, "text \"" + content + "\" outlined with " + outlined->font_family_used);
      pen_x += run.anchor == text::TextRun::Anchor::start ? outlined->advance : 0;
      out.emplace_back(span, std::move(outlined->path));
    }
    return out;
  }

  text::FontRequest font_request(std::size_t index) {
    text::FontRequest request;
    std::string families = std::string(property(index, "font-family").value_or("sans-serif"));
    if (auto list = style::parse_font_family_list(families)) {
      for (const auto& family : *list) request.families.push_back(family.name);
    }
    if (auto size = property(index, "font-size")) {
      if (auto parsed = detail::parse_length(*size); parsed && parsed->to_pixels()) request.size_px = *parsed->to_pixels();
    }
    if (auto weight = property(index, "font-weight")) {
      std::string w = trim_xml_space(*weight);
      if (w == "bold" || w == "bolder") {
        request.weight = 700;
      } else if (w == "normal" || w == "lighter") {
        request.weight = 400;
      } else {
        std::string_view view = w;
        if (auto n = detail::parse_number(view)) request.weight = static_cast<int>(*n);
      }
    }
    if (auto style = property(index, "font-style")) request.italic = trim_xml_space(*style) != "normal";
    return request;
  }

  const RawDocument& document_;
  const BuildOptions& options_;
  Diagnostics& changes_;
  ComputedStyles styles_;
  const std::map<std::string, std::size_t, std::less<>>& ids_ = document_.ids;  // built by parse_xml
  std::vector<std::unique_ptr<Clip>> clips_;
  std::map<std::size_t, ComputedStyles::Values> instance_styles_;
  std::map<std::size_t, geo::Matrix> gradient_spaces_;  // gradient index -> its stretching transform
  std::optional<geo::Matrix> pending_gradient_space_;
  model::Document* document_out_ = nullptr;
  std::size_t use_instances_ = 0;
  bool refused_ = false;
  bool traced_ = false;  // an embedded bitmap was traced
  std::size_t elements_built_ = 0;
  std::size_t text_characters_ = 0;  // outlined so far, against Limits::max_text_characters
  std::size_t text_glyphs_ = 0;      // against Limits::max_text_glyphs
  std::set<std::tuple<std::string, std::string, int, int>> noted_;
  bool inlined_use_noted_ = false;
  bool clip_noop_noted_ = false;
};

}  // namespace

std::optional<Built> build_document(const RawDocument& document, const BuildOptions& options,
                                    Diagnostics& changes) {
  Builder builder(document, options, changes);
  auto built = builder.run();
  if (!built) return std::nullopt;
  return Built{std::move(*built), builder.traced()};
}

}  // namespace bimi::svgps::convert
