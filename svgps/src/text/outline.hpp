// Text to outlines: BIMI logos must not depend on the reader's fonts, so the converter turns each
// <text>/<tspan> run into a path. Fonts are chosen with fontconfig, shaped with HarfBuzz and
// outlined with FreeType; docs/text-outlines.md describes the choices and the fallback.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geometry/path.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::text {

// Limits that keep hostile input from costing unbounded time or memory.
inline constexpr std::size_t kMaxRunCodepoints = 10'000;
inline constexpr std::size_t kMaxRunGlyphs = 40'000;
inline constexpr std::size_t kMaxPathSegments = 2'000'000;
inline constexpr std::size_t kMaxFamilies = 64;
inline constexpr std::size_t kMaxFamilyNameBytes = 256;
inline constexpr double kMaxFontSizePx = 1e6;

// The family every run falls back to when none of its families is installed (fonts-dejavu-core).
inline constexpr const char* kFallbackFamily = "DejaVu Sans";

struct FontRequest {
  // From font-family, in order, quotes already removed. CSS generic names (serif, sans-serif,
  // monospace, cursive, fantasy, system-ui, ui-*) are matched case-insensitively.
  std::vector<std::string> families;
  double size_px = 16;
  int weight = 400;  // CSS weight, 1..1000 (normal 400, bold 700)
  bool italic = false;
};

struct TextRun {
  enum class Anchor { start, middle, end };

  std::string text;  // UTF-8, whitespace already processed by the caller
  FontRequest font;
  geometry::Point origin;  // start of the run on the baseline, user units
  Anchor anchor = Anchor::start;
  double letter_spacing = 0;  // user units, added after every character (cluster)
};

// A character the chosen font has no glyph for; it is not drawn but keeps the .notdef advance.
struct MissingCharacter {
  char32_t codepoint = 0;
  std::size_t byte_offset = 0;  // into TextRun::text
};

struct OutlinedText {
  geometry::Path path;  // user units, y down, baseline at origin.y; fill with nonzero
  std::string font_file;
  std::string font_family_used;
  // True when the first family of the request could not be used (a later family, or the
  // fallback, was). A metric-compatible alias (Arial -> Liberation Sans) counts as found.
  bool fell_back = false;
  double advance = 0;  // shaped width in user units, letter spacing included
  // The first face's ascender and descender (HarfBuzz's horizontal extents), user units, both
  // positive: vertical text is centred between them.
  double ascent = 0, descent = 0;
  bool synthetic_bold = false;     // bold asked for, only a lighter face found: emboldened
  bool synthetic_oblique = false;  // italic asked for, only an upright face found: slanted
  std::size_t glyph_count = 0;
  std::vector<MissingCharacter> missing;
  std::vector<std::string> warnings;  // families not found, missing characters, fallbacks
};

// Where fonts come from. By default: the system's fontconfig configuration (which is where
// Arial/Helvetica/Times/Courier become the metric-compatible Liberation fonts).
struct FontsOptions {
  bool system_fonts = true;
  std::vector<std::string> extra_font_files;  // added as application fonts; must exist
  std::vector<std::string> extra_font_dirs;   // every font file in them (recursively), likewise
};

// Owns the fontconfig configuration, the FreeType library and a cache of loaded faces and font
// choices. Create one per thread and reuse it: it is not thread-safe, and creating it scans the
// font directories (fontconfig's caches make that cheap after the first time).
class Fonts {
 public:
  static std::unique_ptr<Fonts> create(const FontsOptions& options, std::string& error);
  static std::unique_ptr<Fonts> create(std::string& error) { return create(FontsOptions{}, error); }

  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  struct Impl;

 private:
  friend std::optional<OutlinedText> outline_text(const TextRun&, const Fonts&, std::string&,
                                                  const convert::Deadline*);
  // The caches change behind a const Fonts&: one more reason it is not thread-safe.
  Impl& impl() const { return *impl_; }
  explicit Fonts(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Shapes and outlines one run. Returns nullopt with `error` set for unusable input (invalid
// UTF-8, limits exceeded, no usable font at all); characters without a glyph do not fail the run
// but are listed in OutlinedText::missing and warnings. `deadline` (optional) is checked glyph by
// glyph (throws convert::WorkRefused).
std::optional<OutlinedText> outline_text(const TextRun& run, const Fonts& fonts, std::string& error,
                                         const convert::Deadline* deadline = nullptr);

}  // namespace bimi::svgps::text
