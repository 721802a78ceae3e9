// The conversion pipeline: decode → raw tree → model → framing (square, margin, background, title)
// → deterministic writer → own lint of the output → fidelity against the original's render.
#include "bimi/svgps/convert.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/render.hpp"
#include "checks.hpp"
#include "convert/builder.hpp"
#include "convert/writer.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "input.hpp"
#include "raw_tree.hpp"
#include "style/color.hpp"
#include "text/outline.hpp"

namespace bimi::svgps {
namespace {

namespace geo = geometry;
constexpr std::size_t max_logo_bytes = 32 * 1024;

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

// About 1/4096 of the logo's size per last digit: invisible at any size inboxes use.
int automatic_decimals(const model::ViewBox& box) {
  double side = std::max(box.width, box.height);
  int decimals = static_cast<int>(std::ceil(std::log10(4096.0 / side)));
  return std::clamp(decimals, 0, 6);
}

bool has_text(const detail::RawDocument& document) {
  return std::any_of(document.elements.begin(), document.elements.end(), [](const detail::RawElement& e) {
    return e.is_svg("text") || e.is_svg("textArea");
  });
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
  auto transparent = [&](int x, int y) { return x < 0 || y < 0 || x >= w || y >= h || image.pixel(x, y)[3] < 128; };
  std::size_t edge = 0, white_edge = 0, black_edge = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      if (p[3] < 128) continue;
      if (!transparent(x - 1, y) && !transparent(x + 1, y) && !transparent(x, y - 1) && !transparent(x, y + 1)) continue;
      ++edge;
      if (p[0] > 235 && p[1] > 235 && p[2] > 235) ++white_edge;
      if (p[0] < 20 && p[1] < 20 && p[2] < 20) ++black_edge;
    }
  }
  if (edge == 0) return std::nullopt;
  if (white_edge * 20 < edge) return model::Rgb{255, 255, 255};
  if (black_edge * 20 < edge) return model::Rgb{0, 0, 0};
  return std::nullopt;
}


}  // namespace

ConvertResult convert_svg(std::string_view bytes, const ConvertOptions& options) {
  ConvertResult result;
  result.input_bytes = bytes.size();
  Diagnostics& changes = result.changes;

  Diagnostics input_findings;
  auto decoded = detail::decode_input(bytes, options.limits, input_findings);
  if (!decoded) {
    result.unreadable = true;
    for (const auto& d : input_findings.items()) changes.add(d);
    return result;
  }
  // A DOCTYPE is dropped; plain-text entities (Illustrator's namespace URIs) are substituted.
  for (const auto& d : input_findings.items()) {
    changes.add("convert-removed", Severity::note,
                d.rule == "doctype" ? "DOCTYPE removed" : "entity declaration removed (plain-text entities substituted)",
                d.location);
  }
  if (!decoded->plain_entities.empty()) {
    auto substituted = detail::substitute_plain_entities(decoded->text, decoded->plain_entities,
                                                         options.limits.max_inflated_bytes);
    if (!substituted) {
      changes.add("convert-refused", Severity::error, "entities expand past the size limit");
      return result;
    }
    decoded->text = std::move(*substituted);
  }
  auto raw = detail::parse_xml(decoded->text, options.limits, changes);
  if (!raw) {
    result.unreadable = true;
    return result;
  }
  {
    Diagnostics reference_findings;
    if (!detail::check_references(*raw, options.limits, reference_findings)) {
      for (const auto& d : reference_findings.items()) {
        if (d.rule == "reference-cycle" || d.rule == "use-expansion") {
          changes.add("convert-refused", Severity::error, d.message, d.location);
        }
      }
      return result;
    }
  }

  std::unique_ptr<text::Fonts> fonts;
  if (has_text(*raw)) {
    std::string error;
    fonts = text::Fonts::create(error);
    if (!fonts) changes.add("convert-text", Severity::warning, "no fonts available: " + error);
  }
  convert::BuildOptions build_options;
  build_options.force = options.force;
  build_options.fonts = fonts.get();
  build_options.limits = options.limits;
  auto built = convert::build_document(*raw, build_options, changes);
  if (!built) return result;
  model::Document document = std::move(*built);
  const model::ViewBox original_box = document.view_box;

  // Title and description.
  std::string file_title = document.title;
  document.title = !options.title.empty() ? options.title : !file_title.empty() ? file_title : options.fallback_title;
  if (document.title.empty()) document.title = "Logo";
  if (!options.desc.empty()) document.desc = options.desc;

  // Framing: the artboard (or the drawn content), squared by padding the shorter side.
  model::ViewBox frame = original_box;
  if (options.fit == ConvertOptions::Fit::content) {
    geo::Box content = drawn_bounds(document.root, {});
    if (!content.empty() && content.width() > 0 && content.height() > 0) {
      frame = {content.x0, content.y0, content.width(), content.height()};
      changes.add("convert-structure", Severity::note, "cropped to the drawn content");
    }
  }
  frame = squared(frame);
  if (frame.width != original_box.width || frame.height != original_box.height) {
    changes.add("convert-structure", Severity::note, "made square by padding the shorter side equally");
  }
  int decimals = options.decimals >= 0 ? options.decimals : automatic_decimals(frame);

  // The content as the original frames it, for the fidelity check: same viewBox, no additions.
  std::string reference_error;
  auto reference = render_svg(decoded->text, options.fidelity_size, reference_error);

  // Snapshot before margin and background: those change the picture on purpose.
  model::Document as_original = document;
  as_original.view_box = original_box;
  // Renders of the content at each precision tried, kept: the background decision reuses one.
  std::map<int, Image> content_renders;
  auto content_render = [&](int precision) -> const Image* {
    auto it = content_renders.find(precision);
    if (it == content_renders.end()) {
      std::string error;
      auto image = render_svg(convert::write_document(as_original, {precision}), options.fidelity_size, error);
      if (!image) return nullptr;
      it = content_renders.emplace(precision, std::move(*image)).first;
    }
    return &it->second;
  };
  auto render_check = [&](int precision) -> std::optional<Fidelity> {
    if (!reference) return std::nullopt;
    const Image* image = content_render(precision);
    if (!image) return std::nullopt;
    return compare_images(*reference, *image);
  };

  // Margin and background change the frame deliberately; they come after the fidelity reference.
  if (options.margin_percent > 0) {
    double pad = frame.width * options.margin_percent / 100.0;
    frame = {frame.x - pad, frame.y - pad, frame.width + 2 * pad, frame.height + 2 * pad};
    changes.add("convert-structure", Severity::note, "margin added around the logo");
  }
  document.view_box = frame;
  if (options.background == ConvertOptions::Background::color) {
    auto color = style::parse_color(options.background_color);
    if (!color) {
      changes.add("convert-refused", Severity::error, "--background \"" + options.background_color + "\" is not a colour");
      return result;
    }
    document.root.children.insert(document.root.children.begin(), background_node(frame, {color->r, color->g, color->b}));
    changes.add("convert-structure", Severity::note, "solid background " + options.background_color + " added");
  } else if (options.background == ConvertOptions::Background::automatic) {
    // Without margin or cropping the square frame shows exactly what the content render shows.
    std::optional<Image> framed;
    if (options.margin_percent == 0 && options.fit == ConvertOptions::Fit::artboard) {
      if (const Image* image = content_render(decimals)) framed = *image;
    } else {
      std::string error;
      framed = render_svg(convert::write_document(document, {decimals}), 128, error);
    }
    if (framed && transparent_share_in_circle(*framed) > 0.005) {
      if (auto color = safe_background(*framed)) {
        document.root.children.insert(document.root.children.begin(), background_node(frame, *color));
        changes.add("convert-structure", Severity::note,
                    std::string("solid ") + (color->r ? "white" : "black") +
                        " background added (the logo sat on transparency; --background none keeps it)");
      } else {
        changes.add("convert-structure", Severity::warning,
                    "the logo sits on transparency and no background colour is safe for it; choose one with --background");
      }
    }
  }

  // Write, then lower the precision while the file is too large and fidelity holds.
  for (;;) {
    std::string svg = convert::write_document(document, {decimals});
    result.fidelity = render_check(decimals);
    result.decimals = decimals;
    if (svg.size() <= max_logo_bytes || decimals == 0) {
      if (svg.size() > max_logo_bytes) {
        changes.add("convert-refused", Severity::error,
                    "the converted logo is " + std::to_string(svg.size()) + " bytes, " +
                        std::to_string(svg.size() - max_logo_bytes) + " over the 32 KiB limit, even at whole-number precision");
        return result;
      }
      LintOptions lint_options;
      lint_options.profile = Profile::strict;
      result.output_findings = lint(svg, lint_options).diagnostics;
      if (result.output_findings.has_errors()) {
        changes.add("convert-refused", Severity::error, "the converted logo still fails `bimi check` (see its findings)");
        return result;
      }
      if (!result.fidelity) {
        changes.add("convert-refused", Severity::error,
                    "the original could not be rendered to prove fidelity" +
                        (reference_error.empty() ? std::string() : ": " + reference_error));
        if (!options.force) return result;
      } else if (result.fidelity->ssim < options.min_ssim || result.fidelity->differing_share > options.max_differing) {
        if (!options.force) {
          changes.add("convert-refused", Severity::error,
                      "the converted logo does not render like the original (use --force to write it anyway)");
          return result;
        }
        changes.add("convert-approximated", Severity::warning, "written despite low fidelity (--force)");
      }
      if (changes.has_errors() && !options.force) return result;
      result.svg = std::move(svg);
      return result;
    }
    auto lower = render_check(decimals - 1);
    if (!lower || lower->ssim < options.min_ssim || lower->differing_share > options.max_differing) {
      changes.add("convert-refused", Severity::error,
                  "the converted logo is " + std::to_string(svg.size()) + " bytes, " +
                      std::to_string(svg.size() - max_logo_bytes) +
                      " over the 32 KiB limit, and lower precision would change how it looks");
      return result;
    }
    --decimals;
    changes.add("convert-structure", Severity::note, "precision lowered to " + std::to_string(decimals) + " decimals to fit 32 KiB");
  }
}

}  // namespace bimi::svgps
