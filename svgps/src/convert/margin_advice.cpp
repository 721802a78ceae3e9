#include "convert/margin_advice.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/transform.hpp"
#include "svg/numbers.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::convert {
namespace {

namespace geo = geometry;

// The circle rule counts pixels whose centres lie beyond the circle; keeping the drawing within
// 98 % of the radius leaves room for anti-aliasing at the render's 96 px.
constexpr double kInside = 0.98;

}  // namespace

std::optional<int> margin_clearing_circle(std::string_view svg, double margin_percent) {
  Diagnostics ignored;
  Limits limits;
  auto raw = detail::parse_xml(svg, limits, ignored);
  if (!raw) return std::nullopt;
  const detail::RawElement& root = raw->root();
  const detail::RawAttribute* view_box = root.attribute("viewBox");
  auto box = view_box ? detail::parse_number_list(view_box->value) : std::nullopt;
  if (!box || box->size() != 4 || (*box)[2] <= 0 || (*box)[2] != (*box)[3]) return std::nullopt;
  const double side = (*box)[2];
  const geo::Point centre{(*box)[0] + side / 2, (*box)[1] + side / 2};
  double farthest = 0;
  // Depth-first with each element's transform composed onto its parent's; defs hold no drawing.
  struct Visit {
    std::size_t element;
    geo::Matrix ctm;
  };
  std::vector<Visit> stack{{0, {}}};
  while (!stack.empty()) {
    Visit visit = stack.back();
    stack.pop_back();
    const detail::RawElement& e = raw->elements[visit.element];
    geo::Matrix ctm = visit.ctm;
    if (const detail::RawAttribute* t = e.attribute("transform")) {
      if (auto m = geo::parse_transform(t->value)) ctm = ctm * *m;
    }
    if (e.local == "path") {
      const detail::RawAttribute* d = e.attribute("d");
      if (!d) continue;
      geo::Path path = geo::transformed(geo::parse_path_data(d->value, 1'000'000).path, ctm);
      geo::Box bounds = geo::bounds(path);
      if (bounds.empty()) continue;
      const bool background = bounds.x0 <= (*box)[0] && bounds.y0 <= (*box)[1] && bounds.x1 >= (*box)[0] + side &&
                              bounds.y1 >= (*box)[1] + side;
      if (background) continue;
      double pad = 0;
      const detail::RawAttribute* stroke = e.attribute("stroke");
      if (stroke && stroke->value != "none") {
        const detail::RawAttribute* width = e.attribute("stroke-width");
        double w = width ? std::strtod(width->value.c_str(), nullptr) : 1.0;
        pad = std::max(w, 0.0) / 2 * std::sqrt(std::fabs(ctm.determinant())) * std::sqrt(2.0);  // square or miter corners
      }
      for (const auto& polygon : geo::flatten(path, side / 2000)) {
        for (const geo::Point& p : polygon) farthest = std::max(farthest, std::hypot(p.x - centre.x, p.y - centre.y) + pad);
      }
      continue;
    }
    if (e.local == "defs" || e.local == "linearGradient" || e.local == "radialGradient") continue;
    for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) stack.push_back({*it, ctm});
  }
  const double reach = farthest / (side / 2);  // 1 is the circle's edge
  if (reach <= kInside) return std::nullopt;
  // The frame grows by 2m % of the artboard: (1 + 2m/100) = (1 + 2m0/100) · reach / kInside.
  double margin = 50.0 * ((1 + 2 * margin_percent / 100.0) * reach / kInside - 1);
  // --margin takes at most 100: past it (a shape far off the artboard) there is no advice to give.
  if (!(margin <= 100)) return std::nullopt;
  return static_cast<int>(std::ceil(margin - 1e-9));
}

Diagnostics with_margin_advice(const Diagnostics& findings, std::string_view svg, double margin_percent) {
  if (!findings.has_rule("circle-crop")) return findings;
  auto margin = margin_clearing_circle(svg, margin_percent);
  Diagnostics advised;
  for (Diagnostic d : findings.items()) {
    if (d.rule == "circle-crop" && margin) d.message += " (--margin " + std::to_string(*margin) + " clears it)";
    advised.add(std::move(d));
  }
  return advised;
}

}  // namespace bimi::svgps::convert
