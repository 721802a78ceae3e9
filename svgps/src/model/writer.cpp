#include "model/writer.hpp"

#include <charconv>
#include <cmath>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>

#include "geometry/format.hpp"
#include "geometry/thin_lines.hpp"

namespace bimi::svgps::convert {
namespace {


class Writer {
 public:
  Writer(const model::Document& document, const WriteOptions& options) : document_(document), options_(options) {}

  std::string run() {
    const auto& box = document_.view_box;
    out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"" +
            number(box.x) + " " + number(box.y) + " " + number(box.width) + " " + number(box.height) + "\">\n";
    out_ += "<title>" + escape_xml(document_.title) + "</title>\n";
    if (!document_.desc.empty()) out_ += "<desc>" + escape_xml(document_.desc) + "</desc>\n";
    gradient_decimals_.assign(document_.gradients.size(), options_.decimals);
    gradient_used_.assign(document_.gradients.size(), false);
    note_gradient_decimals(document_.root);
    share_identical_gradients();
    write_gradients();
    write_children(document_.root);
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  std::string number(double value) const { return format_number(value, options_.decimals); }
  std::string opacity(double value) const { return format_number(value, 3); }

  // A gradient is written in the space of the shapes that use it: under a magnifying transform
  // (a stretched radial drawn in its own unit space) it keeps as many more digits as they do.
  void note_gradient_decimals(const model::Node& node) {
    if (node.shape) {
      int decimals = path_decimals(node.transform);
      auto note = [&](const model::Paint& p) {
        if (p.kind == model::Paint::Kind::gradient && p.gradient < gradient_decimals_.size()) {
          gradient_decimals_[p.gradient] = std::max(gradient_decimals_[p.gradient], decimals);
          gradient_used_[p.gradient] = true;
        }
      };
      note(node.shape->fill);
      if (node.shape->stroke) note(node.shape->stroke->paint);
    }
    for (const model::Node& child : node.children) note_gradient_decimals(child);
  }

  // A gradient's element as written, with `id` for its id.
  std::string gradient_element(std::size_t index, std::string_view id) const {
    const model::Gradient& g = document_.gradients[index];
    auto number = [&](double v) { return format_number(v, gradient_decimals_[index]); };
    bool linear = g.kind == model::Gradient::Kind::linear;
    std::string out = linear ? "<linearGradient" : "<radialGradient";
    out += " id=\"" + std::string(id) + "\" gradientUnits=\"userSpaceOnUse\"";
    if (linear) {
      out += " x1=\"" + number(g.x1) + "\" y1=\"" + number(g.y1) + "\" x2=\"" + number(g.x2) + "\" y2=\"" +
             number(g.y2) + "\"";
    } else {
      out += " cx=\"" + number(g.cx) + "\" cy=\"" + number(g.cy) + "\" r=\"" + number(g.r) + "\"";
    }
    out += ">\n";
    for (const auto& stop : g.stops) {
      out += "<stop offset=\"" + format_number(stop.offset, 4) + "\" stop-color=\"" + hex_color(stop.color) + "\"";
      if (stop.opacity != 1) out += " stop-opacity=\"" + opacity(stop.opacity) + "\"";
      out += "/>\n";
    }
    out += linear ? "</linearGradient>\n" : "</radialGradient>\n";
    return out;
  }

  // Gradients that would be written identically (the same shapes of colour in the same space, as
  // when several shapes use one userSpaceOnUse gradient) are written once, numbered in order of
  // first use; every shape refers to that one. A gradient no shape uses (one converted only for
  // an effect's render) is not written.
  void share_identical_gradients() {
    std::map<std::string, std::size_t, std::less<>> written;  // element without its id -> number
    gradient_number_.resize(document_.gradients.size());
    for (std::size_t i = 0; i < document_.gradients.size(); ++i) {
      if (!gradient_used_[i]) continue;
      auto [it, added] = written.emplace(gradient_element(i, ""), written.size() + 1);
      gradient_number_[i] = it->second;
      if (added) first_of_number_.push_back(i);
    }
  }

  void write_gradients() {
    if (first_of_number_.empty()) return;
    out_ += "<defs>\n";
    for (std::size_t i : first_of_number_) out_ += gradient_element(i, gradient_id(i));
    out_ += "</defs>\n";
  }

  std::string gradient_id(std::size_t index) const {
    return "g" + std::to_string(index < gradient_number_.size() ? gradient_number_[index] : index + 1);
  }

  std::string paint(const model::Paint& p) const {
    switch (p.kind) {
      case model::Paint::Kind::none: return "none";
      case model::Paint::Kind::color: return hex_color(p.color);
      case model::Paint::Kind::gradient: return "url(#" + gradient_id(p.gradient) + ")";
    }
    return "none";
  }

  std::string transform(const geometry::Matrix& m) const {
    if (m.a == 1 && m.b == 0 && m.c == 0 && m.d == 1) return "translate(" + number(m.e) + " " + number(m.f) + ")";
    // Matrix coefficients keep more digits: they multiply coordinates.
    auto coefficient = [&](double v) { return format_number(v, options_.decimals + 4); };
    return "matrix(" + coefficient(m.a) + " " + coefficient(m.b) + " " + coefficient(m.c) + " " + coefficient(m.d) +
           " " + number(m.e) + " " + number(m.f) + ")";
  }

  void write_children(const model::Node& group) {
    for (const model::Node& child : group.children) write_node(child);
  }

  void write_node(const model::Node& node) {
    bool grouped = !node.transform.is_identity() && !node.shape;
    if (node.shape) {
      write_shape(*node.shape, node.transform);
      return;
    }
    if (grouped) out_ += "<g transform=\"" + transform(node.transform) + "\">\n";
    write_children(node);
    if (grouped) out_ += "</g>\n";
  }

  // Coordinates under a transform are magnified by it: keep as many more digits as it magnifies.
  int path_decimals(const geometry::Matrix& m) const {
    double sum = m.a * m.a + m.b * m.b + m.c * m.c + m.d * m.d;
    double det = m.determinant();
    double largest = std::sqrt((sum + std::sqrt(std::max(0.0, sum * sum - 4 * det * det))) / 2);
    int extra = largest > 1 ? static_cast<int>(std::ceil(std::log10(largest) - 1e-9)) : 0;
    return std::min(options_.decimals + extra, 12);
  }

  void write_shape(const model::Shape& shape, const geometry::Matrix& m) {
    const int decimals = path_decimals(m);
    out_ += "<path d=\"" +
            geometry::format_path(options_.thin_lines ? geometry::thinned_lines(shape.path, 0.5 * std::pow(10.0, -decimals))
                                                      : shape.path,
                                  decimals) +
            "\"";
    if (!m.is_identity()) out_ += " transform=\"" + transform(m) + "\"";
    bool black = shape.fill.kind == model::Paint::Kind::color && shape.fill.color == model::Rgb{};
    if (!black) out_ += " fill=\"" + paint(shape.fill) + "\"";
    if (shape.fill.kind != model::Paint::Kind::none && shape.fill.opacity != 1) {
      out_ += " fill-opacity=\"" + opacity(shape.fill.opacity) + "\"";
    }
    if (shape.fill_rule == geometry::FillRule::evenodd && shape.fill.kind != model::Paint::Kind::none) {
      out_ += " fill-rule=\"evenodd\"";
    }
    if (shape.stroke && shape.stroke->paint.kind != model::Paint::Kind::none) write_stroke(*shape.stroke, path_decimals(m));
    out_ += "/>\n";
  }

  // Stroke lengths are in the shape's own units, so they keep the digits its path keeps.
  void write_stroke(const model::Stroke& s, int decimals) {
    auto number = [&](double v) { return format_number(v, decimals); };
    out_ += " stroke=\"" + paint(s.paint) + "\"";
    if (s.paint.opacity != 1) out_ += " stroke-opacity=\"" + opacity(s.paint.opacity) + "\"";
    if (s.width != 1) out_ += " stroke-width=\"" + number(s.width) + "\"";
    if (s.cap == model::Stroke::Cap::round) out_ += " stroke-linecap=\"round\"";
    if (s.cap == model::Stroke::Cap::square) out_ += " stroke-linecap=\"square\"";
    if (s.join == model::Stroke::Join::round) out_ += " stroke-linejoin=\"round\"";
    if (s.join == model::Stroke::Join::bevel) out_ += " stroke-linejoin=\"bevel\"";
    if (s.join == model::Stroke::Join::miter && s.miter_limit != 4) {
      out_ += " stroke-miterlimit=\"" + number(s.miter_limit) + "\"";
    }
    if (!s.dashes.empty()) {
      std::string list;
      for (double d : s.dashes) list += (list.empty() ? "" : " ") + number(d);
      out_ += " stroke-dasharray=\"" + list + "\"";
      if (s.dash_offset != 0) out_ += " stroke-dashoffset=\"" + number(s.dash_offset) + "\"";
    }
  }

  const model::Document& document_;
  const WriteOptions& options_;
  std::vector<int> gradient_decimals_;
  std::vector<bool> gradient_used_;           // gradient index -> some shape paints with it
  std::vector<std::size_t> gradient_number_;  // gradient index -> the number of the one written
  std::vector<std::size_t> first_of_number_;  // the gradient written for each number, in order
  std::string out_;
};

}  // namespace

std::string hex_color(model::Rgb c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", c.r, c.g, c.b);
  // The short form when it says the same colour.
  if (buffer[1] == buffer[2] && buffer[3] == buffer[4] && buffer[5] == buffer[6]) {
    return std::string{'#', buffer[1], buffer[3], buffer[5]};
  }
  return buffer;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) return "0";  // also turns -0 into 0
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, decimals);
  if (error != std::errc()) return "0";
  std::string text(buffer, end);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string write_document(const model::Document& document, const WriteOptions& options) {
  return Writer(document, options).run();
}

}  // namespace bimi::svgps::convert
