#include "convert/opacity.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "geometry/clip.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

void prune_empty(model::Node& node) {
  auto& children = node.children;
  for (auto& child : children) prune_empty(child);
  children.erase(std::remove_if(children.begin(), children.end(),
                                [](const model::Node& c) {
                                  if (c.shape) return c.shape->fill.kind == model::Paint::Kind::none && !c.shape->stroke;
                                  return c.children.empty();
                                }),
                 children.end());
}

std::size_t count_drawn_shapes(const BuildState& state, std::size_t index, std::size_t stop_at) {
  std::size_t count = 0;
  std::vector<std::size_t> stack{index};
  while (!stack.empty() && count < stop_at) {
    std::size_t i = stack.back();
    stack.pop_back();
    const RawElement& e = state.document.elements[i];
    const std::string& n = e.local;
    if (n == "path" || n == "rect" || n == "circle" || n == "ellipse" || n == "line" || n == "polyline" ||
        n == "polygon" || n == "text" || n == "use") {
      ++count;
      // A filled and stroked shape overlaps itself.
      if (state.style(i).stroke.text != "none") ++count;
    }
    for (std::size_t c : e.children) stack.push_back(c);
  }
  return count;
}

}  // namespace

geo::Box painted_box(const model::Shape& shape) {
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

// A group's opacity applies to the group as one picture. Folding it into each shape is exact
// where the shapes do not overlap; where an opaque fill covers a shape below it, the covered
// part is cut from the lower shape first, which keeps it exact. Other overlaps are approximated.
void fold_isolated_opacity(BuildState& state, model::Node& group, double opacity, const RawElement& e) {
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
      for (const auto& stop : state.out.gradients[s.fill.gradient].stops) {
        if (stop.opacity < 1) return false;
      }
    }
    return true;
  };
  auto overlap = [](const geo::Box& a, const geo::Box& b) {
    return !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  };
  double tolerance = state.tolerance();
  bool exact = true;
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    model::Shape& lower = *leaves[i].node->shape;
    for (std::size_t j = i + 1; j < leaves.size(); ++j) {
      convert::check(state.deadline());
      const model::Shape& upper = *leaves[j].node->shape;
      if (!overlap(painted_box(lower), painted_box(upper))) continue;
      if (opaque_fill_only(leaves[j]) && leaves[i].plain && !lower.stroke) {
        lower.path = geo::subtract(lower.path, lower.fill_rule, upper.path, upper.fill_rule, tolerance, state.deadline());
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
    state.note("convert-opacity", e, "group opacity folded into its shapes (covered parts cut away first)");
  } else {
    state.approximate(e, "group opacity folded into overlapping shapes; where they overlap, the lower one shows through");
  }
}

bool fold_opacity(BuildState& state, std::size_t index, double opacity, Context& context) {
  if (count_drawn_shapes(state, index, 2) <= 1) {
    context.opacity *= opacity;
    return true;
  }
  context.isolated_opacity *= opacity;
  return false;
}

}  // namespace bimi::svgps::convert
