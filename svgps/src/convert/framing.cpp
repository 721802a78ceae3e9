#include "convert/framing.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "bimi/svgps/lint.hpp"
#include "geometry/path_ops.hpp"
#include "style/color.hpp"

namespace bimi::svgps::convert {

namespace geo = geometry;

geo::Box drawn_bounds(const model::Node& node, const geo::Matrix& parent) {
  geo::Matrix m = parent * node.transform;
  geo::Box box;
  auto add_box = [&](const geo::Box& b, double pad) {
    if (b.empty()) return;
    for (geo::Point p : {geo::Point{b.x0 - pad, b.y0 - pad}, geo::Point{b.x1 + pad, b.y0 - pad},
                         geo::Point{b.x0 - pad, b.y1 + pad}, geo::Point{b.x1 + pad, b.y1 + pad}}) {
      box.add(m.apply(p));
    }
  };
  if (node.shape) {
    double pad = node.shape->stroke ? node.shape->stroke->width / 2 : 0;
    add_box(geo::bounds(node.shape->path), pad);
  }
  for (const auto& child : node.children) {
    geo::Box b = drawn_bounds(child, m);
    if (!b.empty()) {
      box.add({b.x0, b.y0});
      box.add({b.x1, b.y1});
    }
  }
  return box;
}

model::ViewBox squared(model::ViewBox box) {
  double side = std::max(box.width, box.height);
  box.x -= (side - box.width) / 2;
  box.y -= (side - box.height) / 2;
  box.width = box.height = side;
  return box;
}

int automatic_decimals(const model::ViewBox& box) {
  double side = std::max(box.width, box.height);
  int decimals = static_cast<int>(std::ceil(std::log10(4096.0 / side)));
  return std::clamp(decimals, 0, 6);
}

model::Node background_node(const model::ViewBox& box, model::Rgb color) {
  model::Node node;
  model::Shape shape;
  shape.path.segments = {geo::Segment::move_to({box.x, box.y}), geo::Segment::line_to({box.x + box.width, box.y}),
                         geo::Segment::line_to({box.x + box.width, box.y + box.height}),
                         geo::Segment::line_to({box.x, box.y + box.height}), geo::Segment::close()};
  shape.fill.kind = model::Paint::Kind::color;
  shape.fill.color = color;
  node.shape = std::move(shape);
  return node;
}

// A background colour that cannot swallow the mark: white, unless the mark's outline (its
// pixels next to transparency) is itself near-white; then black under the same test; else none.
// White inside a coloured shape is fine — only an edge against the background can vanish.
std::optional<model::Rgb> safe_background(const Image& image) {
  const int w = image.width, h = image.height;
  const std::size_t row_bytes = static_cast<std::size_t>(w) * 4;
  std::size_t edge = 0, white_edge = 0, black_edge = 0;
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = image.pixel(0, y);
    const std::uint8_t* above = y > 0 ? row - row_bytes : nullptr;
    const std::uint8_t* below = y + 1 < h ? row + row_bytes : nullptr;
    for (int x = 0; x < w; ++x) {
      const std::size_t at = static_cast<std::size_t>(x) * 4;
      if (row[at + 3] < 128) continue;
      // Interior: all four neighbours opaque enough (outside the image counts as transparent).
      if (x > 0 && x + 1 < w && above && below && row[at - 1] >= 128 && row[at + 7] >= 128 &&
          above[at + 3] >= 128 && below[at + 3] >= 128) {
        continue;
      }
      ++edge;
      const std::uint8_t* p = row + at;
      if (p[0] > 235 && p[1] > 235 && p[2] > 235) ++white_edge;
      if (p[0] < 20 && p[1] < 20 && p[2] < 20) ++black_edge;
    }
  }
  if (edge == 0) return std::nullopt;
  if (white_edge * 20 < edge) return model::Rgb{255, 255, 255};
  if (black_edge * 20 < edge) return model::Rgb{0, 0, 0};
  return std::nullopt;
}


void apply_title(model::Document& document, const ConvertOptions& options) {
  std::string file_title = document.title;
  document.title = !options.title.empty() ? options.title : !file_title.empty() ? file_title : options.fallback_title;
  if (document.title.empty()) document.title = "Logo";
  if (!options.desc.empty()) document.desc = options.desc;
}

std::optional<model::ViewBox> aligned_square(const model::ViewBox& box, std::string_view aspect) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < aspect.size();) {
    std::size_t start = aspect.find_first_not_of(" \t\r\n", at);
    if (start == std::string_view::npos) break;
    std::size_t end = std::min(aspect.find_first_of(" \t\r\n", start), aspect.size());
    words.push_back(aspect.substr(start, end - start));
    at = end;
  }
  if (!words.empty() && words.front() == "defer") words.erase(words.begin());  // only for <image>
  if (words.empty() || words.size() > 2) return std::nullopt;
  const std::string_view align = words[0];
  const bool slice = words.size() == 2 && words[1] == "slice";
  if (words.size() == 2 && !slice && words[1] != "meet") return std::nullopt;
  if (align.size() != 8 || align[0] != 'x' || align[4] != 'Y') return std::nullopt;  // "none" or invalid
  auto fraction = [](std::string_view where) -> std::optional<double> {
    if (where == "Min") return 0.0;
    if (where == "Mid") return 0.5;
    if (where == "Max") return 1.0;
    return std::nullopt;
  };
  auto fx = fraction(align.substr(1, 3)), fy = fraction(align.substr(5, 3));
  if (!fx || !fy || (*fx == 0.5 && *fy == 0.5 && !slice)) return std::nullopt;
  const double side = slice ? std::min(box.width, box.height) : std::max(box.width, box.height);
  // Meet: the box sits at the alignment inside a larger square; slice: the square is cut from the
  // box at the alignment.
  return model::ViewBox{box.x + (box.width - side) * *fx, box.y + (box.height - side) * *fy, side, side};
}

model::ViewBox square_frame(const model::Document& document, std::string_view aspect, const ConvertOptions& options,
                            Diagnostics& changes) {
  model::ViewBox frame = document.view_box;
  if (options.fit == ConvertOptions::Fit::content) {
    geo::Box content = drawn_bounds(document.root, {});
    if (!content.empty() && content.width() > 0 && content.height() > 0) {
      frame = {content.x0, content.y0, content.width(), content.height()};
      changes.add("convert-structure", Severity::note, "cropped to the drawn content");
    }
  } else if (frame.width != frame.height) {
    if (auto aligned = aligned_square(frame, aspect)) {
      const bool cropped = aligned->width < std::max(frame.width, frame.height);
      const bool wide = frame.width > frame.height;
      // Meet pads the shorter side; slice crops the longer one.
      changes.add("convert-structure", Severity::note,
                  std::string("made square as its preserveAspectRatio \"") + std::string(aspect) + "\" frames it (" +
                      (cropped ? "cropping the " : "padding the ") + (cropped == wide ? "width" : "height") + ")");
      return *aligned;
    }
  }
  model::ViewBox square = squared(frame);
  if (square.width != document.view_box.width || square.height != document.view_box.height) {
    changes.add("convert-structure", Severity::note, "made square by padding the shorter side equally");
  }
  return square;
}

Framing frame_and_background(model::Document& document, model::ViewBox frame, const ConvertOptions& options,
                             const FramedRender& framed_render, Diagnostics& changes) {
  Framing framing;
  if (options.margin_percent > 0) {
    double pad = frame.width * options.margin_percent / 100.0;
    frame = {frame.x - pad, frame.y - pad, frame.width + 2 * pad, frame.height + 2 * pad};
    changes.add("convert-structure", Severity::note, "margin added around the logo");
  }
  document.view_box = frame;
  if (options.background == ConvertOptions::Background::color) {
    const RgbColor& color = options.background_color;
    document.root.children.insert(document.root.children.begin(), background_node(frame, {color.r, color.g, color.b}));
    changes.add("convert-structure", Severity::note,
                "solid background " + style::to_hex({color.r, color.g, color.b}) + " added");
  } else if (options.background == ConvertOptions::Background::automatic) {
    auto framed = framed_render(frame);
    if (framed && transparent_share_in_circle(*framed) > 0.005) {
      if (auto color = safe_background(*framed)) {
        document.root.children.insert(document.root.children.begin(), background_node(frame, *color));
        changes.add("convert-structure", Severity::note,
                    std::string("solid ") + (color->r ? "white" : "black") +
                        " background added (the logo sat on transparency; --background none keeps it)");
        framing.automatic_background = color;
      } else {
        changes.add("convert-structure", Severity::warning,
                    "the logo sits on transparency and no background colour is safe for it; choose one with --background");
      }
    }
  }
  return framing;
}

void finish_with_background_fallback(const Finish& finish, ConvertResult& result) {
  ConvertResult chosen = result;
  const std::size_t said = chosen.changes.size();
  const std::optional<model::Rgb> background = finish(false, chosen);
  if (chosen.svg || !background) {
    result = std::move(chosen);
    return;
  }
  std::string refusal;
  for (std::size_t i = said; i < chosen.changes.size() && refusal.empty(); ++i) {
    const Diagnostic& d = chosen.changes.items()[i];
    if (d.severity == Severity::error) refusal = without_advice(d.message);  // no advice: it was taken
  }
  const std::string colour = background->r ? "white" : "black";
  ConvertResult without = result;
  finish(true, without);
  if (without.svg) {
    without.changes.add("convert-structure", Severity::note,
                        "no background added: with the solid " + colour + " one --background auto chose it was refused (" +
                            refusal + "); without one it is accepted, on transparency (--background COLOR adds one anyway)");
    result = std::move(without);
    return;
  }
  result = std::move(chosen);  // refused either way: the first choice's report, advice and all
}

namespace {

void rescale_node(model::Node& node, double factor) {
  node.transform.e *= factor;
  node.transform.f *= factor;
  if (node.shape) {
    node.shape->path = geo::transformed(node.shape->path, geo::Matrix::scale(factor, factor));
    if (node.shape->stroke) {
      node.shape->stroke->width *= factor;
      for (double& dash : node.shape->stroke->dashes) dash *= factor;
      node.shape->stroke->dash_offset *= factor;
    }
  }
  for (auto& child : node.children) rescale_node(child, factor);
}

}  // namespace

model::Document rescaled(const model::Document& document, double factor) {
  model::Document out = document;
  auto& box = out.view_box;
  box = {box.x * factor, box.y * factor, box.width * factor, box.height * factor};
  for (auto& g : out.gradients) {
    g.x1 *= factor, g.y1 *= factor, g.x2 *= factor, g.y2 *= factor;
    g.cx *= factor, g.cy *= factor, g.r *= factor;
  }
  rescale_node(out.root, factor);
  return out;
}

std::string over_budget(std::size_t bytes, std::size_t limit) {
  return std::to_string(bytes) + " bytes, " + std::to_string(bytes - limit) + " over the limit of " +
         std::to_string(limit);
}

bool renderers_differ(const Diagnostics& changes) {
  return std::any_of(changes.items().begin(), changes.items().end(), [](const Diagnostic& d) {
    return d.message.find("draws differently in each") != std::string::npos;
  });
}

std::string without_advice(const std::string& refusal) { return refusal.substr(0, refusal.find("; try:")); }

std::string what_to_try(const Diagnostics& changes, bool traced) {
  // What the report already says went approximate, most specific first.
  std::vector<std::string> tries;
  bool fallback_font = false, approximated = false;
  const bool differ = renderers_differ(changes);
  for (const auto& d : changes.items()) {
    if (d.message.find("draws differently in each") != std::string::npos) continue;  // said first, below
    if (d.message.find("fallback font") != std::string::npos || d.message.find("not installed") != std::string::npos) {
      fallback_font = true;
    } else if (d.rule == "convert-approximated") {
      approximated = true;
    }
  }
  if (differ) {
    tries.push_back("the original draws differently in librsvg and in browsers (see the note above): --force writes "
                    "what browsers draw");
  }
  if (fallback_font) tries.push_back("give the brand's font files with --fonts DIR");
  if (traced) tries.push_back("trace with more colours (--colors) or from a larger bitmap");
  if (approximated) tries.push_back("see the approximations above, which the export can avoid");
  if (!differ) tries.push_back("--force writes it anyway");
  std::string said = "try: ";
  for (std::size_t i = 0; i < tries.size(); ++i) said += (i ? "; " : "") + tries[i];
  return said;
}

void accept_output(std::string svg, const std::optional<Fidelity>& fidelity, const std::string& render_error,
                   const ConvertOptions& options, ConvertResult& result) {
  Diagnostics& changes = result.changes;
  result.fidelity = fidelity;
  if (svg.size() > options.max_bytes) {
    changes.add("convert-refused", Severity::error, "the converted logo is " + over_budget(svg.size(), options.max_bytes));
    return;
  }
  LintOptions lint_options;
  lint_options.profile = Profile::strict;
  result.output_findings = lint(svg, lint_options).diagnostics;
  if (result.output_findings.has_errors()) {
    changes.add("convert-refused", Severity::error, "the converted logo still fails `bimi check` (see its findings)");
    return;
  }
  if (!fidelity) {
    changes.add("convert-refused", Severity::error,
                "the original could not be rendered to prove fidelity" + (render_error.empty() ? std::string() : ": " + render_error));
    if (!options.force) return;
  } else if (fidelity->ssim < options.min_ssim || fidelity->differing_share > options.max_differing) {
    if (!options.force) {
      changes.add("convert-refused", Severity::error,
                  "the converted logo does not render like the original; " + what_to_try(changes, result.trace.has_value()));
      return;
    }
    changes.add("convert-approximated", Severity::warning, "written despite low fidelity (--force)");
  }
  if (changes.has_errors() && !options.force) return;
  result.svg = std::move(svg);
}

}  // namespace bimi::svgps::convert
