// The conversion pipeline: decode → raw tree → model → framing (square, margin, background, title)
// → deterministic writer → own lint of the output → fidelity against the original's render.
#include "bimi/svgps/convert.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

#include "bimi/svgps/render.hpp"
#include "convert/bitmap_trace.hpp"
#include "convert/builder.hpp"
#include "convert/effect_group.hpp"
#include "convert/framing.hpp"
#include "convert/margin_advice.hpp"
#include "convert/padded_reference.hpp"
#include "convert/root_stretch.hpp"
#include "convert/units_viewport.hpp"
#include "lint/checks.hpp"
#include "model/writer.hpp"
#include "raster/prepare.hpp"
#include "svg/input.hpp"
#include "svg/raw_tree.hpp"
#include "svg/xml_space.hpp"
#include "text/outline.hpp"

namespace bimi::svgps {
namespace {

bool has_text(const detail::RawDocument& document) {
  return std::any_of(document.elements.begin(), document.elements.end(), [](const detail::RawElement& e) {
    return e.is_svg("text") || e.is_svg("textArea");
  });
}

// A note the converter makes per element (a gradient resolved, an opacity folded) is said once,
// where it first applies, with how many times and on which lines: a long list of the same sentence
// hides the notes that differ. Warnings and errors stay one per place.
Diagnostics said_once(const Diagnostics& changes) {
  struct Repeat {
    std::size_t times = 0;
    std::vector<int> lines;  // distinct, in order met
    bool said = false;
  };
  constexpr std::size_t lines_named = 8;
  std::map<std::pair<std::string_view, std::string_view>, Repeat> repeats;
  for (const auto& d : changes.items()) {
    if (d.severity != Severity::note) continue;
    Repeat& repeat = repeats[{d.rule, d.message}];
    ++repeat.times;
    if (d.location.line > 0 && std::find(repeat.lines.begin(), repeat.lines.end(), d.location.line) == repeat.lines.end()) {
      repeat.lines.push_back(d.location.line);
    }
  }
  Diagnostics merged;
  for (const auto& d : changes.items()) {
    if (d.severity != Severity::note) {
      merged.add(d);
      continue;
    }
    Repeat& repeat = repeats.find({d.rule, d.message})->second;
    if (repeat.said) continue;
    repeat.said = true;
    Diagnostic first = d;
    if (repeat.times > 1) {
      first.message += " (" + std::to_string(repeat.times) + " times";
      if (repeat.lines.size() > 1) {
        first.message += ": lines";
        for (std::size_t i = 0; i < std::min(repeat.lines.size(), lines_named); ++i) {
          first.message += (i ? ", " : " ") + std::to_string(repeat.lines[i]);
        }
        if (repeat.lines.size() > lines_named) first.message += ", …";
      }
      first.message += ")";
    }
    merged.add(std::move(first));
  }
  return merged;
}

// An SVG whose drawing does not fit the byte budget, even in whole numbers or at the precision
// its look needs: what it is traced from instead.
struct OverBudget {
  std::string render_text;  // the original as the fidelity reference renders it
  std::string title;        // the file's own title
  Diagnostics input_notes;  // what was said of the input before its drawing was converted
};

ConvertResult convert_document(std::string_view bytes, const ConvertOptions& options, const convert::Deadline& deadline,
                               std::optional<OverBudget>& over_budget);

// The text of the root's first <title>, as the builder reads it.
std::string root_title(const detail::RawDocument& raw) {
  for (std::size_t child : raw.root().children) {
    const detail::RawElement& e = raw.elements[child];
    if (e.is_svg("title")) return detail::collapse_xml_space(e.text);
  }
  return {};
}

std::string first_error(const Diagnostics& changes) {
  for (const auto& d : changes.items()) {
    if (d.severity == Severity::error) return d.message;
  }
  return {};
}

// How far a picture refused by the fidelity gate is from passing: "4 colours traced from the
// 1024 px render: SSIM 0.961 with 7.86% of pixels differing; the gate asks for SSIM 0.850 and at
// most 5.00%". Empty for a picture refused for another reason.
std::string picture_fidelity(const ConvertResult& picture, int size, const ConvertOptions& options) {
  if (!picture.fidelity || !picture.trace) return {};
  const Fidelity& f = *picture.fidelity;
  if (f.ssim >= options.min_ssim_traced && f.differing_share <= options.max_differing_traced) return {};
  const int colors = picture.trace->colors;
  char figures[160];
  std::snprintf(figures, sizeof figures,
                "SSIM %.3f with %.2f%% of pixels differing; the gate asks for SSIM %.3f and at most %.2f%%", f.ssim,
                100 * f.differing_share, options.min_ssim_traced, 100 * options.max_differing_traced);
  return std::to_string(colors) + " colour" + (colors == 1 ? "" : "s") + " traced from the " + std::to_string(size) +
         " px render: " + figures;
}

// A drawing too detailed for 32 KiB (an engraving, a textured illustration) still looks the same
// at inbox size as a bitmap logo traced from its render: it is traced so and judged by the traced
// thresholds against that render. Four times the size it is judged at (1,024 px by default) is
// finer than any inbox shows it; when that trace is over the budget or not alike, renders of half
// and a quarter of that size hold fewer details (and leave more of the budget to colours), never
// fewer than the gate judges. Refused as before when every picture is refused too.
ConvertResult traced_as_picture(ConvertResult refused, const OverBudget& over, const ConvertOptions& options,
                                const convert::Deadline& deadline) {
  // What could not be kept, without the advice to drop it: the picture keeps it.
  std::string why = first_error(refused.changes);
  why = why.substr(0, why.find(" cannot be represented in SVG Tiny P/S"));
  std::string error;
  ConvertOptions picture_options = options;
  if (picture_options.title.empty()) picture_options.title = over.title;
  const int judged = std::clamp(options.fidelity_size_fine, 64, raster::max_trace_side);
  std::optional<ConvertResult> picture;
  std::vector<int> tried;
  // Of the pictures the fidelity gate refused, the closest to passing (fewest pixels differing):
  // the refusal quotes it.
  struct Closest {
    double differing_share = 0;
    std::string error, figures;
  };
  std::optional<Closest> closest;
  for (int size = std::clamp(4 * options.fidelity_size_fine, 64, raster::max_trace_side); size >= judged; size /= 2) {
    auto image = render_logo(over.render_text, size, options.limits, error);
    if (!image) break;
    convert::BitmapTrace traced = convert::trace_bitmap(
        std::move(*image), "a " + std::to_string(size) + "×" + std::to_string(size) + " render of the original",
        picture_options, deadline);
    picture = std::move(traced.result);
    tried.push_back(size);
    if (picture->svg) break;
    // A bitmap's advice: the drawing's refusal says what to try.
    error = convert::without_advice(first_error(picture->changes));
    // A coarser render leaves more of the budget to colours: shading that a trace of the finer
    // one could not hold within the budget may pass there.
    std::string figures = picture_fidelity(*picture, size, options);
    const bool unlike = !figures.empty();
    if (unlike && (!closest || picture->fidelity->differing_share < closest->differing_share)) {
      closest = Closest{picture->fidelity->differing_share, error, std::move(figures)};
    }
    if (!(traced.over_budget || unlike) || deadline.passed()) break;
  }
  if (!picture || !picture->svg) {
    std::string details;
    if (tried.size() > 1) {
      std::string sizes;
      for (std::size_t i = 0; i < tried.size(); ++i) {
        sizes += (i == 0 ? "" : i + 1 == tried.size() ? " and " : ", ") + std::to_string(tried[i]);
      }
      details = "renders of " + sizes + " px tried";
    }
    if (closest) {
      error = closest->error;
      details += (details.empty() ? "" : "; closest: ") + closest->figures;
    }
    if (!details.empty()) error += " (" + details + ")";
    refused.changes.add("convert-traced", Severity::note,
                        "traced as a picture of its render instead, it is refused too: " + error);
    return refused;
  }
  ConvertResult out = std::move(*picture);
  out.input_bytes = refused.input_bytes;
  Diagnostics changes = over.input_notes;
  changes.add("convert-traced", Severity::warning,
              "in vectors, " + convert::without_advice(why) + ": traced as a picture of the original's render instead");
  for (const auto& d : out.changes.items()) changes.add(d);
  out.changes = std::move(changes);
  return out;
}

}  // namespace

ConvertResult convert_svg(std::string_view bytes, const ConvertOptions& options) {
  const convert::Deadline deadline(options.limits.max_seconds_per_file);
  std::optional<OverBudget> over_budget;
  ConvertResult result = convert_document(bytes, options, deadline, over_budget);
  if (!result.svg && over_budget && options.trace_effects && !deadline.passed()) {
    result = traced_as_picture(std::move(result), *over_budget, options, deadline);
  }
  result.changes = said_once(result.changes);
  if (result.svg) result.output_findings = convert::with_margin_advice(result.output_findings, *result.svg, options.margin_percent);
  return result;
}

namespace {

// Whether the document has at least `count` <filter> elements (a group of effects to flatten).
bool filters_at_least(const detail::RawDocument& document, std::size_t count) {
  std::size_t filters = 0;
  for (const auto& e : document.elements) {
    if (e.is_svg("filter") && ++filters >= count) return true;
  }
  return false;
}

// The fewest bytes `document` takes in whole numbers, its line vertices thinned: as written, or
// on a grid 512 units across `extent`, the coarsest the conversion tries.
std::size_t smallest_at_whole_numbers(const model::Document& document, double extent) {
  const std::size_t written = convert::write_document(document, {0, true}).size();
  const double factor = 512.0 / extent;
  if (!(factor > 0) || !std::isfinite(factor)) return written;
  return std::min(written, convert::write_document(convert::rescaled(document, factor), {0, true}).size());
}

bool fits_at_whole_numbers(const model::Document& document, std::size_t max_bytes) {
  return smallest_at_whole_numbers(document, std::max(document.view_box.width, document.view_box.height)) <= max_bytes;
}

bool invisible(const Image& image) {
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) {
    if (image.rgba[i] != 0) return false;
  }
  return true;
}

ConvertResult convert_document(std::string_view bytes, const ConvertOptions& options, const convert::Deadline& deadline,
                               std::optional<OverBudget>& over_budget) {
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
    if (d.rule == "input-transcoded") {  // read from another encoding; written in UTF-8
      changes.add(d);
      continue;
    }
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
  // Processing instructions (XMP's <?xpacket?>, <?xml-stylesheet?>) draw nothing; the writer never
  // emits them.
  for (const Location& instruction : raw->processing_instructions) {
    changes.add("convert-removed", Severity::note, "processing instruction removed", instruction);
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
    text::FontsOptions font_options;
    font_options.extra_font_dirs = options.font_directories;
    fonts = text::Fonts::create(font_options, error);
    if (!fonts) changes.add("convert-text", Severity::warning, "no fonts available: " + error);
  }
  convert::BuildOptions build_options;
  build_options.force = options.force;
  build_options.trace_effects = options.trace_effects;
  build_options.max_bytes = options.max_bytes;
  build_options.fonts = fonts.get();
  build_options.limits = options.limits;
  build_options.deadline = &deadline;
  build_options.languages = options.languages;
  const Diagnostics before_build = changes;
  convert::BuildRefusal refusal;
  auto built = convert::build_document(*raw, build_options, changes, &refusal);
  // Too large, or too many effects to render one by one: groups of traced effects are traced as
  // one picture each, kept when that fits as written, or fits at all where the drawing effect by
  // effect cannot.
  auto fits_as_written = [&](const model::Document& document) {
    return convert::write_document(document, {convert::automatic_decimals(document.view_box)}).size() <=
           options.max_bytes;
  };
  if (options.trace_effects && filters_at_least(*raw, convert::min_effects_to_flatten) &&
      (!built || !fits_as_written(built->document))) {
    Diagnostics flat_changes = before_build;
    build_options.flatten_effect_groups = true;
    auto flat = convert::build_document(*raw, build_options, flat_changes);
    if (flat && (fits_as_written(flat->document) ||
                 (fits_at_whole_numbers(flat->document, options.max_bytes) &&
                  (!built || !fits_at_whole_numbers(built->document, options.max_bytes))))) {
      built = std::move(flat);
      changes = std::move(flat_changes);
    }
  }
  // The content as the original frames it, for the fidelity check: same viewBox, no additions.
  auto framed_original = convert::with_pixel_view_box(decoded->text, *raw);
  if (!framed_original) framed_original = convert::stretched_in_square(decoded->text, *raw);
  if (!built) {
    // An effect whose trace alone is over the budget: the caller may trace the whole instead.
    if (refusal.effect_over_budget) {
      over_budget = OverBudget{framed_original ? *framed_original : decoded->text, root_title(*raw), before_build};
    }
    return result;
  }
  model::Document document = std::move(built->document);
  const model::ViewBox original_box = document.view_box;
  // Traced raster images are judged as bitmap logos are: an outline a pixel off is no change.
  const bool traced = built->traced;
  const bool filter_past_page = built->filter_past_page;
  ConvertOptions gate = options;
  if (traced) {
    gate.min_ssim = options.min_ssim_traced;
    gate.max_differing = options.max_differing_traced;
  }
  const std::string file_title = document.title;
  convert::apply_title(document, options);
  const std::string aspect = convert::aspect_mode(raw->root());
  model::ViewBox frame = convert::square_frame(document, aspect, options, changes);
  const int decimals = options.decimals >= 0 ? options.decimals : convert::automatic_decimals(frame);
  // A refusal for the byte budget: the caller may trace the original's render instead.
  auto refused_for_size = [&] {
    over_budget = OverBudget{framed_original ? *framed_original : decoded->text, file_title, before_build};
  };

  // What does not fit even with whole numbers on the coarsest grid tried is refused before any
  // render is spent on it (framing only adds to it).
  if (convert::write_document(document, {decimals}).size() > options.max_bytes) {
    const std::size_t smallest = smallest_at_whole_numbers(document, std::max(frame.width, frame.height));
    if (smallest > options.max_bytes) {
      changes.add("convert-refused", Severity::error,
                  "the converted logo is " + convert::over_budget(smallest, options.max_bytes) +
                      " even at whole-number precision");
      refused_for_size();
      return result;
    }
  }

  std::string reference_error;
  const bool fine = has_text(*raw) || traced;
  const int fidelity_size = fine ? options.fidelity_size_fine : options.fidelity_size;
  const std::string& original_text = framed_original ? *framed_original : decoded->text;
  std::optional<Image> reference;
  if (filter_past_page) reference = convert::render_with_room(original_text, fidelity_size, options.limits);
  if (!reference) reference = render_logo(original_text, fidelity_size, options.limits, reference_error);
  // Nothing to convert: the output could only fail `check` (every pixel transparent), and the
  // reason is the original's, not the conversion's.
  if (reference && invisible(*reference) && !convert::renderers_differ(changes)) {
    changes.add("convert-refused", Severity::error,
                "the original renders as nothing (every pixel is transparent), so there is no mark to convert");
    return result;
  }

  // Snapshot before margin and background: those change the picture on purpose.
  model::Document as_original = document;
  as_original.view_box = original_box;
  // A root aligned other than in the middle (or sliced) shows, in the square the reference is
  // rendered in, the square frame: the output's viewBox without preserveAspectRatio says the same.
  if (options.fit == ConvertOptions::Fit::artboard && original_box.width != original_box.height) {
    if (auto aligned = convert::aligned_square(original_box, aspect)) as_original.view_box = *aligned;
  }
  // Renders of the content in each written form tried (a precision, line vertices thinned or
  // not), kept: the background decision reuses one.
  std::map<std::pair<int, bool>, Image> content_renders;
  auto content_render = [&](int precision, bool thin = false) -> const Image* {
    auto it = content_renders.find({precision, thin});
    if (it == content_renders.end()) {
      std::string error;
      auto image =
          render_logo(convert::write_document(as_original, {precision, thin}), fidelity_size, options.limits, error);
      if (!image) return nullptr;
      it = content_renders.emplace(std::make_pair(precision, thin), std::move(*image)).first;
    }
    return &it->second;
  };
  // The verdict lets an edge fall a pixel differently (EdgeSlack::phase); the choice of a lower
  // precision or of thinned lines does not, since rounding moves every edge a little.
  auto render_check = [&](int precision, EdgeSlack edges, bool thin = false) -> std::optional<Fidelity> {
    if (!reference) return std::nullopt;
    const Image* image = content_render(precision, thin);
    if (!image) return std::nullopt;
    return compare_images(*reference, *image, traced ? 1 : 0, edges);
  };
  auto looks_the_same = [&](const std::optional<Fidelity>& f) {
    return f && f->ssim >= gate.min_ssim && f->differing_share <= gate.max_differing;
  };

  // Without margin or cropping the square frame shows exactly what the content render shows.
  auto framed_render = [&](const model::ViewBox& final_frame) -> std::optional<Image> {
    if (options.margin_percent == 0 && options.fit == ConvertOptions::Fit::artboard) {
      if (const Image* image = content_render(decimals)) return *image;
      return std::nullopt;
    }
    std::string error;
    model::Document framed = document;
    framed.view_box = final_frame;
    return render_logo(convert::write_document(framed, {decimals}), 128, options.limits, error);
  };
  // Write, then lower the precision while the file is too large and fidelity holds.
  auto write_and_accept = [&](const model::Document& framed, ConvertResult& out) {
    for (int precision = decimals;;) {
      if (deadline.passed()) {
        out.changes.add("convert-refused", Severity::error, deadline.refusal());
        return;
      }
      std::string svg = convert::write_document(framed, {precision});
      bool thin = false;
      // Too large: first without the line vertices that lie within rounding of the lines that
      // replace them (a hexagon drawn as thousands of tiny steps), at this precision.
      if (svg.size() > options.max_bytes) {
        std::string thinner = convert::write_document(framed, {precision, true});
        if (thinner.size() < svg.size() &&
            (thinner.size() > options.max_bytes || looks_the_same(render_check(precision, EdgeSlack::none, true)))) {
          if (thinner.size() <= options.max_bytes) {
            out.changes.add("convert-structure", Severity::note,
                            "line vertices within rounding of their neighbours left out to fit (" +
                                std::to_string(svg.size()) + " -> " + std::to_string(thinner.size()) + " bytes)");
          }
          svg = std::move(thinner);
          thin = true;
        }
      }
      out.decimals = precision;
      if (svg.size() <= options.max_bytes || precision == 0) {
        if (svg.size() > options.max_bytes) {
          out.changes.add("convert-refused", Severity::error,
                          "the converted logo is " + convert::over_budget(svg.size(), options.max_bytes) +
                              " even at whole-number precision");
          refused_for_size();
          return;
        }
        convert::accept_output(std::move(svg), render_check(precision, EdgeSlack::phase, thin), reference_error, gate, out);
        return;
      }
      if (!looks_the_same(render_check(precision - 1, EdgeSlack::none))) {
        // Between two decimal precisions: whole numbers on a grid of so many units across the
        // logo. Integers carry more precision per character than decimals do.
        for (double units : {4096.0, 2048.0, 1024.0, 512.0}) {
          double factor = units / framed.view_box.width;
          const model::Document on_grid = convert::rescaled(framed, factor);
          std::string grid = convert::write_document(on_grid, {0});
          const bool thin_grid = grid.size() > options.max_bytes;
          if (thin_grid) grid = convert::write_document(on_grid, {0, true});
          if (grid.size() > options.max_bytes) continue;
          std::string error;
          auto image = render_logo(convert::write_document(convert::rescaled(as_original, factor), {0, thin_grid}),
                                   fidelity_size, options.limits, error);
          if (!image || !reference) break;
          auto strict = compare_images(*reference, *image, traced ? 1 : 0, EdgeSlack::none);
          if (!looks_the_same(strict)) break;
          auto fidelity = compare_images(*reference, *image, traced ? 1 : 0, EdgeSlack::phase);
          out.changes.add("convert-structure", Severity::note,
                          "written in whole numbers on a grid " + std::to_string(static_cast<int>(units)) +
                              " units across" + (thin_grid ? ", line vertices within rounding left out," : "") +
                              " to fit");
          out.decimals = 0;
          convert::accept_output(std::move(grid), fidelity, reference_error, gate, out);
          return;
        }
        out.fidelity = render_check(precision, EdgeSlack::phase);
        out.changes.add("convert-refused", Severity::error,
                        "the converted logo is " + convert::over_budget(svg.size(), options.max_bytes) +
                            ", and lower precision would change how it looks");
        refused_for_size();
        return;
      }
      --precision;
      out.changes.add("convert-structure", Severity::note,
                      "precision lowered to " + std::to_string(precision) + " decimals to fit");
    }
  };
  auto finish = [&](bool without_automatic_background, ConvertResult& out) -> std::optional<model::Rgb> {
    ConvertOptions framing = options;
    if (without_automatic_background && framing.background == ConvertOptions::Background::automatic) {
      framing.background = ConvertOptions::Background::none;
    }
    model::Document framed = document;
    const convert::Framing done = convert::frame_and_background(framed, frame, framing, framed_render, out.changes);
    if (done) write_and_accept(framed, out);
    return done.automatic_background;
  };
  convert::finish_with_background_fallback(finish, result);
  return result;
}

}  // namespace
}  // namespace bimi::svgps
