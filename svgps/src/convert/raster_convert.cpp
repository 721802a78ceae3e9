// Bitmap logos: decode → resample to a tracing size → keep alpha or flatten on --background →
// colour reduction (libimagequant) → one potrace pass per colour, stacked → the same framing,
// writer and gates as SVG input. Tracing parameters are searched for the best fidelity to the
// bitmap within the size budget.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <tuple>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/file_format.hpp"
#include "bimi/svgps/raster.hpp"
#include "convert/bitmap_trace.hpp"
#include "convert/framing.hpp"
#include "convert/margin_advice.hpp"
#include "model/writer.hpp"
#include "raster/palette.hpp"
#include "raster/prepare.hpp"
#include "raster/shading.hpp"
#include "raster/trace.hpp"
#include "style/color.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps {
namespace {

void flatten(Image& image, model::Rgb background) {
  for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4) {
    std::uint8_t* p = &image.rgba[i];
    unsigned a = p[3];
    p[0] = static_cast<std::uint8_t>((p[0] * a + background.r * (255 - a) + 127) / 255);
    p[1] = static_cast<std::uint8_t>((p[1] * a + background.g * (255 - a) + 127) / 255);
    p[2] = static_cast<std::uint8_t>((p[2] * a + background.b * (255 - a) + 127) / 255);
    p[3] = 255;
  }
}

// Which fitted regions of smooth shading an attempt draws as gradients (raster/shading.hpp): none,
// those one gradient fits whole, or those and the pieces of regions that fit only when cut.
enum class Shading { none, whole, pieces };

// One attempt: a palette, tracing parameters and a precision.
struct Attempt {
  raster::Detail detail = raster::Detail::flat;
  int colors = 0;
  Shading shading = Shading::none;
  raster::TraceParameters parameters;
  int decimals = 0;
};

struct Outcome {
  model::Document document;  // framed, with background
  std::string svg;
  std::optional<Fidelity> fidelity;
  std::optional<model::Rgb> automatic_background;  // what --background auto put behind the trace
};

// Coarser settings, tried in order while the output is over budget: fewer digits first (free at
// tracing sizes), then more despeckling and looser curve joining, then fewer colours.
// `scale` is how much the bitmap was enlarged for tracing: specks and tolerances are measured in
// the bitmap's own pixels.
std::vector<Attempt> attempts(raster::Detail detail, int colors, Shading shading, int decimals, double scale) {
  auto in_bitmap_pixels = [&](int despeckle, double smoothing, double tolerance) {
    return raster::TraceParameters{static_cast<int>(std::lround(despeckle * scale * scale)), smoothing, tolerance * scale,
                                   /*any_order=*/true};
  };
  const raster::TraceParameters fine = in_bitmap_pixels(2, 1.0, 0.2), coarse = in_bitmap_pixels(4, 1.0, 0.5),
                                coarsest = in_bitmap_pixels(8, 1.2, 1.0);
  std::vector<Attempt> list = {{detail, colors, Shading::none, fine, decimals}};
  if (decimals > 0) list.push_back({detail, colors, Shading::none, fine, decimals - 1});
  list.push_back({detail, colors, Shading::none, coarse, 0});
  list.push_back({detail, colors, Shading::none, coarsest, 0});
  // Geometrically fewer colours (each is a new palette and trace): a handful of attempts.
  for (int fewer = colors * 3 / 4; fewer >= 2; fewer = std::min(fewer - 1, fewer * 2 / 3)) {
    list.push_back({detail, fewer, Shading::none, coarsest, 0});
  }
  if (colors > 2 && list.back().colors != 2) list.push_back({detail, 2, Shading::none, coarsest, 0});
  for (Attempt& attempt : list) attempt.shading = shading;
  return list;
}

}  // namespace

ConvertResult convert_raster(std::string_view bytes, const ConvertOptions& options) {
  const convert::Deadline deadline(options.limits.max_seconds_per_file);
  std::string error;
  auto decoded = decode_raster(bytes, options.limits, error);
  if (!decoded) {
    ConvertResult result;
    result.input_bytes = bytes.size();
    result.unreadable = true;
    result.changes.add("input-unreadable", Severity::error, error);
    return result;
  }
  const std::string source = "a " + std::to_string(decoded->width) + "×" + std::to_string(decoded->height) + " " +
                             std::string(format_name(sniff_format(bytes))) + " bitmap";
  ConvertResult result = convert::trace_bitmap(std::move(*decoded), source, options, deadline).result;
  result.input_bytes = bytes.size();
  if (result.svg) result.output_findings = convert::with_margin_advice(result.output_findings, *result.svg, options.margin_percent);
  return result;
}

namespace convert {

BitmapTrace trace_bitmap(Image bitmap, const std::string& source, const ConvertOptions& options,
                         const Deadline& deadline) {
  BitmapTrace traced_bitmap;
  ConvertResult& result = traced_bitmap.result;
  Diagnostics& changes = result.changes;
  std::string error;
  changes.add("convert-traced", Severity::note, "traced from " + source);
  Image working = raster::tracing_image(bitmap);
  if (working.width != bitmap.width || working.height != bitmap.height) {
    changes.add("convert-structure", Severity::note,
                "resampled from " + std::to_string(bitmap.width) + "×" + std::to_string(bitmap.height) + " to " +
                    std::to_string(working.width) + "×" + std::to_string(working.height) + " pixels for tracing");
  }
  const int band = raster::edge_band(bitmap, working);
  const double scale = static_cast<double>(std::max(working.width, working.height)) /
                       std::max(bitmap.width, bitmap.height);

  std::optional<model::Rgb> background_color;
  if (options.background == ConvertOptions::Background::color) {
    background_color = model::Rgb{options.background_color.r, options.background_color.g, options.background_color.b};
    flatten(working, *background_color);
    flatten(bitmap, *background_color);
  }
  // The trace is judged against the bitmap at the bitmap's own size when that is smaller than
  // the fidelity size: enlarging the bitmap would only blur the reference.
  const int fidelity_size = std::min(options.fidelity_size_fine, std::max(bitmap.width, bitmap.height));
  const Image reference = fit_into_square(bitmap, fidelity_size);
  bitmap = Image{};  // the reference holds what is needed of it

  // Palettes by detail and colour count, made once each. Count 0 is the automatic choice; fewer
  // colours, tried to fit the budget, are reduced afresh.
  std::map<std::pair<raster::Detail, int>, raster::Indexed> palettes;
  auto palette = [&](raster::Detail detail, int colors) -> const raster::Indexed* {
    auto it = palettes.find({detail, colors});
    if (it != palettes.end()) return &it->second;
    auto indexed = raster::reduce_colors(working, colors, band, detail, error);
    if (!indexed) return nullptr;
    return &palettes.emplace(std::make_pair(detail, colors), std::move(*indexed)).first->second;
  };
  const raster::Indexed* first = palette(raster::Detail::flat, std::min(options.colors, 254));
  if (!first) {
    changes.add("convert-refused", Severity::error, error);
    return traced_bitmap;
  }
  if (first->colors.empty()) {
    changes.add("convert-refused", Severity::error, "the image has no visible pixels");
    return traced_bitmap;
  }
  const int colors = static_cast<int>(first->colors.size());
  palettes.emplace(std::make_pair(raster::Detail::flat, colors), *first);
  // Regions of smooth shading, fitted once; each palette tried with them gets them as colours.
  // `whole` leaves out the pieces of regions that fit only when cut.
  std::vector<raster::ShadedRegion> shading, whole;
  try {
    shading = raster::shaded_regions(working, &deadline);
  } catch (const convert::WorkRefused& refusal) {
    changes.add("convert-refused", Severity::error, refusal.what());
    return traced_bitmap;
  }
  std::copy_if(shading.begin(), shading.end(), std::back_inserter(whole), [](const raster::ShadedRegion& r) { return !r.piece; });
  const bool pieces = whole.size() < shading.size();
  auto regions_of = [&](Shading kind) -> const std::vector<raster::ShadedRegion>& {
    return kind == Shading::pieces ? shading : whole;
  };
  std::map<std::tuple<raster::Detail, int, Shading>, raster::Shaded> shaded_palettes;
  auto shaded_palette = [&](raster::Detail detail, int count, Shading kind) -> const raster::Shaded* {
    auto it = shaded_palettes.find({detail, count, kind});
    if (it != shaded_palettes.end()) return &it->second;
    const raster::Indexed* flat = palette(detail, count);
    if (!flat) return nullptr;
    return &shaded_palettes.emplace(std::make_tuple(detail, count, kind), raster::with_shading(*flat, working, regions_of(kind), band))
                .first->second;
  };

  model::Document base;
  base.view_box = {0, 0, static_cast<double>(working.width), static_cast<double>(working.height)};
  convert::apply_title(base, options);
  // --fit content needs drawn bounds, which depend on the trace; the artboard frame does not.
  const model::ViewBox artboard_frame = convert::squared(base.view_box);
  int decimals = options.decimals >= 0 ? options.decimals : convert::automatic_decimals(artboard_frame);

  bool without_automatic_background = false;  // set while the conversion is finished again without it
  auto run = [&](const Attempt& attempt, Diagnostics& notes) -> std::optional<Outcome> {
    const raster::Shaded* shaded =
        attempt.shading != Shading::none ? shaded_palette(attempt.detail, attempt.colors, attempt.shading) : nullptr;
    const raster::Indexed* indexed = shaded ? &shaded->indexed : palette(attempt.detail, attempt.colors);
    if (!indexed) return std::nullopt;
    std::optional<raster::TracedLayers> traced;
    try {
      traced = raster::trace_layers(*indexed, attempt.parameters, error, &deadline);
    } catch (const convert::WorkRefused& refusal) {
      notes.add("convert-refused", Severity::error, refusal.what());
      return std::nullopt;
    }
    if (!traced) return std::nullopt;
    Outcome outcome;
    outcome.document = base;
    if (shaded) raster::paint_shading(*traced, *shaded, regions_of(attempt.shading), outcome.document.gradients);
    outcome.document.root = std::move(traced->group);
    // Framing only adds to the content: content over the budget is not rendered at all.
    std::string content_svg = convert::write_document(outcome.document, {attempt.decimals});
    if (content_svg.size() > options.max_bytes) {
      outcome.svg = std::move(content_svg);
      return outcome;
    }
    std::string render_error;
    auto content = render_logo(content_svg, fidelity_size, options.limits, render_error);
    if (content) outcome.fidelity = compare_images(reference, *content, 1, EdgeSlack::none);

    // An opaque bitmap's bottom layer is its background: it grows to fill the square frame,
    // unless transparency around the bitmap was asked for.
    std::optional<model::Rgb> bottom;
    if (traced->bottom_covers_canvas && !outcome.document.root.children.empty()) {
      bottom = outcome.document.root.children.front().shape->fill.color;
    }
    model::ViewBox frame = convert::square_frame(outcome.document, "xMidYMid meet", options, notes);
    ConvertOptions framing = options;
    std::optional<model::Rgb> own_background;
    if (bottom && options.background != ConvertOptions::Background::none) {
      outcome.document.root.children.erase(outcome.document.root.children.begin());
      if (options.background == ConvertOptions::Background::automatic) {
        own_background = bottom;
        framing.background = ConvertOptions::Background::none;
      } else if (!(*bottom == *background_color)) {
        // The bitmap's own background differs from --background: keep it inside the bitmap's box.
        outcome.document.root.children.insert(outcome.document.root.children.begin(),
                                              convert::background_node(base.view_box, *bottom));
      }
    }
    auto framed_render = [&](const model::ViewBox& final_frame) -> std::optional<Image> {
      if (content && final_frame.x == artboard_frame.x && final_frame.y == artboard_frame.y &&
          final_frame.width == artboard_frame.width) {
        return *content;
      }
      model::Document framed = outcome.document;
      framed.view_box = final_frame;
      std::string ignored;
      return render_logo(convert::write_document(framed, {attempt.decimals}), 128, options.limits, ignored);
    };
    if (without_automatic_background && framing.background == ConvertOptions::Background::automatic) {
      framing.background = ConvertOptions::Background::none;
    }
    const convert::Framing framed = convert::frame_and_background(outcome.document, frame, framing, framed_render, notes);
    if (!framed) return std::nullopt;
    outcome.automatic_background = framed.automatic_background;
    if (own_background) {
      auto& children = outcome.document.root.children;
      children.insert(children.begin(), convert::background_node(outcome.document.view_box, *own_background));
      if (!(outcome.document.view_box.width == base.view_box.width && outcome.document.view_box.height == base.view_box.height)) {
        notes.add("convert-structure", Severity::note,
                  "the bitmap's own background (" +
                      style::to_hex({own_background->r, own_background->g, own_background->b}, style::HexForm::long_form) + ") extended to fill the square");
      }
    }
    outcome.svg = convert::write_document(outcome.document, {attempt.decimals});
    return outcome;
  };

  // The first attempt that fits the budget; the attempts go from finest to coarsest.
  struct Search {
    std::optional<Outcome> outcome;
    Attempt attempt;
    Diagnostics notes;
    std::size_t smallest = 0;
    bool failed = false;  // an attempt could not run: refused, reasons in `notes`
    std::optional<model::Rgb> automatic_background;  // put behind the attempts by --background auto
  };
  // The attempts step down coarsely, and bytes do not fall evenly with colours (a palette of
  // fewer colours can outline more shapes), so when the first attempt within the budget does not
  // render like the bitmap, the steps it skipped are tried: the colour counts between it and the
  // attempt before, and its own colours traced finer. Of those within the budget, the one with
  // the fewest pixels differing is kept (the earliest in order on a tie). Only a conversion the
  // gate would refuse pays for this. Stopped by the time limit, the search is refused: what is
  // written must not depend on time.
  auto faithful = [&](const std::optional<Fidelity>& f) {
    return f && f->ssim >= options.min_ssim_traced && f->differing_share <= options.max_differing_traced;
  };
  auto refine = [&](Search& search, const std::vector<Attempt>& list, std::size_t at) {
    const Attempt& fitted = list[at];
    std::vector<Attempt> skipped;
    if (at > 0) {
      for (int count = list[at - 1].colors - 1; count > fitted.colors; --count) {
        Attempt between = fitted;
        between.colors = count;
        skipped.push_back(between);
      }
    }
    // Finer tracing at whole numbers, coarsest first, when the colours differ from the first
    // attempts' (which were tried so already).
    if (fitted.colors != list.front().colors) {
      for (std::size_t i = at; i-- > 0;) {
        // The list holds each parameter set once at whole numbers, so none repeats here.
        const raster::TraceParameters& p = list[i].parameters;
        if (list[i].decimals != 0 || list[i].colors != list.front().colors ||
            (p.despeckle == fitted.parameters.despeckle && p.tolerance == fitted.parameters.tolerance)) {
          continue;
        }
        Attempt finer = fitted;
        finer.parameters = p;
        skipped.push_back(finer);
      }
    }
    auto stopped = [&] {
      if (!deadline.passed()) return false;
      search.outcome.reset();
      search.notes = Diagnostics{};
      search.notes.add("convert-refused", Severity::error, deadline.refusal());
      search.failed = true;
      return true;
    };
    for (const Attempt& attempt : skipped) {
      if (stopped()) return;
      Diagnostics notes;
      auto outcome = run(attempt, notes);
      if (stopped()) return;
      if (!outcome || outcome->svg.size() > options.max_bytes || !outcome->fidelity) continue;
      const std::optional<Fidelity>& kept = search.outcome->fidelity;
      if (!kept || outcome->fidelity->differing_share < kept->differing_share) {
        search.outcome = std::move(outcome);
        search.attempt = attempt;
        search.notes = std::move(notes);
        if (faithful(search.outcome->fidelity)) return;
      }
    }
  };
  auto first_fitting = [&](raster::Detail detail, int count, Shading shading_kind) {
    Search search;
    const std::vector<Attempt> list = attempts(detail, count, shading_kind, decimals, scale);
    for (std::size_t at = 0; at < list.size(); ++at) {
      const Attempt& attempt = list[at];
      if (deadline.passed()) {
        search.notes.add("convert-refused", Severity::error, deadline.refusal());
        search.failed = true;
        return search;
      }
      Diagnostics notes;
      auto outcome = run(attempt, notes);
      if (!outcome) {
        if (!notes.has_errors()) notes.add("convert-refused", Severity::error, error);
        search.notes = std::move(notes);
        search.failed = true;
        return search;
      }
      search.automatic_background = outcome->automatic_background;
      if (search.smallest == 0 || outcome->svg.size() < search.smallest) search.smallest = outcome->svg.size();
      if (outcome->svg.size() <= options.max_bytes) {
        search.outcome = std::move(outcome);
        search.attempt = attempt;
        search.notes = std::move(notes);
        if (!faithful(search.outcome->fidelity)) refine(search, list, at);
        return search;
      }
    }
    return search;
  };
  // Writes the search's outcome (one that fits the budget) through the fidelity gate.
  auto chosen_search = [&](Search search, ConvertResult& out) -> std::optional<model::Rgb> {
    std::optional<Outcome>& chosen = search.outcome;
    const Attempt& chosen_attempt = search.attempt;
    const Diagnostics& chosen_notes = search.notes;
    for (const auto& d : chosen_notes.items()) out.changes.add(d);
    out.decimals = chosen_attempt.decimals;
    out.trace = ConvertResult::Trace{chosen_attempt.colors, chosen_attempt.parameters.despeckle,
                                     chosen_attempt.parameters.smoothing, chosen_attempt.parameters.tolerance,
                                     working.width, working.height};
    out.changes.add("convert-traced", Severity::note,
                    std::to_string(chosen_attempt.colors) + " colour" + (chosen_attempt.colors == 1 ? "" : "s") +
                        " traced (despeckle " + std::to_string(chosen_attempt.parameters.despeckle) + ", smoothing " +
                        convert::format_number(chosen_attempt.parameters.smoothing, 2) + ", " +
                        std::to_string(chosen_attempt.decimals) + " decimals)");
    ConvertOptions gate = options;
    gate.min_ssim = options.min_ssim_traced;
    gate.max_differing = options.max_differing_traced;
    convert::accept_output(std::move(chosen->svg), chosen->fidelity, "", gate, out);
    return chosen->automatic_background;
  };
  // Flat colours; when they do not render like the bitmap (shading), finer steps kept apart, if
  // that result fits and is faithful. Finer steps are larger: they are tried only when flat
  // colours fit. (Attempts over the budget cost a trace and a write, never a render.) `finer`
  // says the finer steps were kept; `stopped`, that the time limit ended the search.
  struct FlatSearch {
    Search search;
    bool finer = false;
    bool stopped = false;
  };
  auto flat_search = [&]() {
    FlatSearch flat;
    flat.search = first_fitting(raster::Detail::flat, colors, Shading::none);
    if (flat.search.failed) return flat;
    if (options.colors == 0 && flat.search.outcome && !faithful(flat.search.outcome->fidelity)) {
      const raster::Indexed* fine = palette(raster::Detail::fine, 0);
      if (fine && !fine->colors.empty()) {
        Search finer = first_fitting(raster::Detail::fine, static_cast<int>(fine->colors.size()), Shading::none);
        // Stopped by the time limit, the finer search might have been chosen: what is written
        // must not depend on time.
        if (finer.failed && deadline.passed()) {
          flat.stopped = true;
          return flat;
        }
        if (!finer.failed && finer.outcome && faithful(finer.outcome->fidelity)) {
          flat.search = std::move(finer);
          flat.finer = true;
        }
      }
    }
    return flat;
  };
  // Writes the flat search's outcome, or says why there is none.
  auto chosen_flat = [&](FlatSearch flat, ConvertResult& out) -> std::optional<model::Rgb> {
    if (flat.stopped) {
      out.changes.add("convert-refused", Severity::error, deadline.refusal());
      return std::nullopt;
    }
    if (flat.search.failed) {
      for (const auto& d : flat.search.notes.items()) out.changes.add(d);
      return std::nullopt;  // refused for another reason than the budget or fidelity
    }
    if (flat.finer) out.changes.add("convert-traced", Severity::note, "shading kept in finer colour steps");
    if (!flat.search.outcome) {
      if (!without_automatic_background) traced_bitmap.over_budget = true;
      out.changes.add("convert-refused", Severity::error,
                      "the traced logo is still " + convert::over_budget(flat.search.smallest, options.max_bytes) +
                          " with the fewest colours and coarsest tracing tried");
      return flat.search.automatic_background;
    }
    return chosen_search(std::move(flat.search), out);
  };
  // Writes a search with shading, noting how many regions became gradients.
  auto chosen_shaded = [&](Search search, ConvertResult& out) -> std::optional<model::Rgb> {
    const std::size_t fitted = search.outcome->document.gradients.size();
    out.changes.add("convert-traced", Severity::note,
                    std::to_string(fitted) + " region" + (fitted == 1 ? "" : "s") + " of smooth shading traced as " +
                        (fitted == 1 ? "a gradient" : "gradients"));
    return chosen_search(std::move(search), out);
  };
  auto shaded_search = [&](Shading kind, bool& stopped) {
    Search search = first_fitting(raster::Detail::flat, colors, kind);
    stopped = search.failed && deadline.passed();
    return search;
  };
  auto usable = [&](const Search& search) { return !search.failed && search.outcome && faithful(search.outcome->fidelity); };
  auto finish = [&](bool without, ConvertResult& out) -> std::optional<model::Rgb> {
    without_automatic_background = without;
    bool stopped = false;
    // Pieces of a cut region pay for their gradients: they are kept only when what the converter
    // draws without them (whole regions, else flat colours) does not pass, or is larger or less
    // faithful (SSIM lower by more than 0.005).
    std::optional<Search> cut;
    if (pieces) {
      cut = shaded_search(Shading::pieces, stopped);
      if (stopped) return chosen_flat(FlatSearch{{}, false, true}, out);
      if (!usable(*cut)) cut.reset();
    }
    auto better_cut = [&](const Search& other) {
      return cut && (cut->outcome->svg.size() < other.outcome->svg.size() ||
                     cut->outcome->fidelity->ssim > other.outcome->fidelity->ssim + 0.005);
    };
    // Smooth shading as gradients first, when a region fits one; flat colours when that does
    // not fit the budget or render like the bitmap.
    if (!whole.empty()) {
      Search shaded = shaded_search(Shading::whole, stopped);
      if (stopped) return chosen_flat(FlatSearch{{}, false, true}, out);
      if (usable(shaded)) return better_cut(shaded) ? chosen_shaded(std::move(*cut), out) : chosen_shaded(std::move(shaded), out);
    }
    FlatSearch flat = flat_search();
    if (flat.stopped) return chosen_flat(std::move(flat), out);
    if (cut && (!usable(flat.search) || better_cut(flat.search))) return chosen_shaded(std::move(*cut), out);
    return chosen_flat(std::move(flat), out);
  };
  convert::finish_with_background_fallback(finish, result);
  traced_bitmap.over_budget = traced_bitmap.over_budget && !result.svg;
  return traced_bitmap;
}

}  // namespace convert

ConvertResult convert_logo(std::string_view bytes, const ConvertOptions& options) {
  if (sniff_raster(bytes) != RasterFormat::none) return convert_raster(bytes, options);
  return convert_svg(bytes, options);
}

}  // namespace bimi::svgps
