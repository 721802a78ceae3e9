// Convert any SVG logo into SVG Tiny P/S that renders like the original, or say why not.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/fidelity.hpp"
#include "bimi/svgps/color.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::svgps {

struct ConvertOptions {
  std::string title;           // empty: the file's own title, else fallback_title
  std::string fallback_title;  // usually the file name without extension
  // Directories of font files (the brand's own) that text is outlined with, before the system's.
  // The reference render sees them only through a renderer that registers them too (the CLI's
  // render workers do); rendered in-process, the original falls back to the system's fonts.
  std::vector<std::string> font_directories;
  // The reader's languages, most preferred first (BCP 47 tags such as "de-CH", "de"), against
  // which <switch> tests systemLanguage. Empty: none, as librsvg reads a C locale. The reference
  // render must be made with the same languages (the CLI's render workers are told them).
  std::vector<std::string> languages;
  std::string desc;            // empty: the file's own desc, if any
  enum class Background { automatic, none, color };
  Background background = Background::automatic;
  RgbColor background_color;      // with Background::color
  double margin_percent = 0;     // space added on every side, in % of the logo's size
  enum class Fit { artboard, content };
  Fit fit = Fit::artboard;
  int decimals = -1;             // -1: chosen from the logo's size (about 1/4096 of it)
  bool force = false;            // drop filters, masks and images; write despite low fidelity
  // Filter results no exact form holds (blurs, drop shadows, lighting) are rendered in place and
  // traced into shapes with fill-opacity, and a drawing over max_bytes even in whole numbers is
  // traced from its render as a bitmap is; false refuses them instead (or drops effects with force).
  bool trace_effects = true;
  double min_ssim = 0.93;        // fidelity needed to write without --force
  double max_differing = 0.02;   // share of visibly differing pixels allowed without --force
  // Bitmaps are judged with a pixel of slack (see compare_images' shift), and by SSIM more
  // leniently: 8×8-window SSIM marks every anti-aliased edge that a trace places a fraction of a
  // pixel off, which dense marks (serif lettering) have everywhere and the eye does not see; a
  // lost or added shape still shows in the share of differing pixels.
  double min_ssim_traced = 0.85;
  double max_differing_traced = 0.05;
  int fidelity_size = 192;       // render size for the fidelity check, above what inboxes show
  int fidelity_size_fine = 256;  // the same for text and traced bitmaps: outlines judged against
                                 // hinted glyphs or against bitmap pixels need more pixels to
                                 // look alike
  std::size_t max_bytes = 32 * 1024;  // size budget of the output (the BIMI limit is 32 KiB)
  int colors = 0;                // bitmaps: colours to trace, 0 = chosen automatically
  Limits limits;
};

struct ConvertResult {
  std::optional<std::string> svg;  // the converted logo; nullopt when refused
  bool unreadable = false;         // the input is not an SVG document (exit 3)
  Diagnostics changes;             // what was changed (notes), approximated or dropped (warnings), refused (errors)
  Diagnostics output_findings;     // `bimi check --profile strict` on the output
  std::optional<Fidelity> fidelity;
  std::size_t input_bytes = 0;
  int decimals = 0;                // the precision the output was written with
  struct Trace {
    int colors = 0;                // colours traced
    int despeckle = 0;             // potrace turdsize
    double smoothing = 0;          // potrace alphamax
    double tolerance = 0;          // potrace opttolerance
    int width = 0, height = 0;     // pixels traced (after resampling)
  };
  std::optional<Trace> trace;      // set when the input was a bitmap
};

// Deterministic: the same bytes and options always give the same output bytes.
ConvertResult convert_svg(std::string_view bytes, const ConvertOptions& options);

// A PNG or JPEG logo traced into vector shapes, one per colour, with the same framing, output form
// and guarantees as convert_svg. Fidelity is measured against the bitmap itself.
ConvertResult convert_raster(std::string_view bytes, const ConvertOptions& options);

// convert_raster for PNG and JPEG bytes, convert_svg for anything else.
ConvertResult convert_logo(std::string_view bytes, const ConvertOptions& options);

// An SVG logo as the converter compares it with its output: a root whose preserveAspectRatio is
// "none" drawn at its own width×height (its viewBox stretched onto that shape), centred in a
// square; a square render of the text itself would stretch the viewBox onto the square. Nothing
// when a square render of the text already shows the logo so, or the text is not well-formed.
std::optional<std::string> drawn_at_own_size(std::string_view svg_text, const Limits& limits);

// An SVG logo rendered `size` pixels square as the converter renders the original it judges its
// output against: a logo with filters with room around the page, so that a blur of an element
// reaching past the page is drawn whole as browsers draw it (librsvg filters only the page); the
// same pixels as render_logo wherever nothing reads past the page. Nothing when the logo has no
// filter or its root cannot be placed so: render_logo then renders it.
std::optional<Image> rendered_as_judged(std::string_view svg_text, int size, const Limits& limits);

}  // namespace bimi::svgps
