// Shaping with HarfBuzz and glyph outlines from FreeType, placed in user space.
#include "text/outline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <new>

#include <ft2build.h>
#include FT_OUTLINE_H

#include "text/fonts.hpp"

namespace bimi::svgps::text {

namespace {

using geometry::Path;
using geometry::Point;
using geometry::Segment;

// Slant of a synthetic oblique: x += 0.2 * y, fontconfig's 90-synthetic.conf matrix (~11.3°).
constexpr double kObliqueShear = 0.2;
// Strength of a synthetic bold in em, FreeType's FT_GlyphSlot_Embolden amount.
constexpr long kEmboldenEmDivisor = 24;
// Characters of one run another font is sought for; the rest are missing.
constexpr std::size_t kMaxFallbackLookups = 256;
// Missing characters named one by one in the warning; the rest are counted.
constexpr std::size_t kMissingNamedInWarning = 10;

struct DecodedText {
  std::vector<char32_t> codepoints;
  std::vector<std::size_t> offsets;  // byte offset of each codepoint
};

// Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF); HarfBuzz would otherwise turn
// bad bytes into U+FFFD silently.
bool decode_utf8(const std::string& text, DecodedText& out, std::string& error) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (out.codepoints.size() == kMaxRunCodepoints) {
      error = "text run longer than " + std::to_string(kMaxRunCodepoints) + " characters";
      return false;
    }
    const unsigned char lead = bytes[i];
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
      length = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      cp = lead & 0x1Fu;
      minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      cp = lead & 0x0Fu;
      minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      cp = lead & 0x07u;
      minimum = 0x10000;
    } else {
      error = "invalid UTF-8 at byte " + std::to_string(i);
      return false;
    }
    if (size - i < length) {
      error = "truncated UTF-8 at byte " + std::to_string(i);
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) {
        error = "invalid UTF-8 at byte " + std::to_string(i);
        return false;
      }
      cp = (cp << 6) | (bytes[i + k] & 0x3Fu);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      error = "invalid UTF-8 at byte " + std::to_string(i);
      return false;
    }
    out.codepoints.push_back(cp);
    out.offsets.push_back(i);
    i += length;
  }
  return true;
}

bool check_request(const TextRun& run, std::string& error) {
  const FontRequest& font = run.font;
  if (!std::isfinite(font.size_px) || font.size_px < 0 || font.size_px > kMaxFontSizePx) {
    error = "font size must be a finite number from 0 to " + std::to_string(kMaxFontSizePx) + " px";
    return false;
  }
  if (font.weight < 1 || font.weight > 1000) {
    error = "font weight must be from 1 to 1000";
    return false;
  }
  if (font.families.size() > kMaxFamilies) {
    error = "more than " + std::to_string(kMaxFamilies) + " font families";
    return false;
  }
  for (const auto& family : font.families) {
    if (family.empty() || family.size() > kMaxFamilyNameBytes ||
        family.find('\0') != std::string::npos) {
      error = "font family names must be 1 to " + std::to_string(kMaxFamilyNameBytes) +
              " bytes without NUL";
      return false;
    }
  }
  if (!std::isfinite(run.origin.x) || !std::isfinite(run.origin.y) ||
      !std::isfinite(run.letter_spacing) || std::fabs(run.letter_spacing) > kMaxFontSizePx) {
    error = "text position and letter spacing must be finite (letter spacing at most 1e6)";
    return false;
  }
  return true;
}

std::string codepoint_name(char32_t cp) {
  char name[16];
  std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(cp));
  return name;
}

// Receives one glyph's outline from FT_Outline_Decompose in font units (y up) and appends it to
// the path in user units (y down).
struct GlyphSink {
  Path* path = nullptr;
  // user = (origin_x + scale * (x + shear * y), origin_y - scale * y), x and y in font units
  // relative to the glyph's origin.
  double origin_x = 0;
  double origin_y = 0;
  double scale = 1;
  double shear = 0;

  double current_x = 0;  // font units, for conic -> cubic
  double current_y = 0;
  std::size_t subpath_start = 0;  // index of the open subpath's move, if any
  bool subpath_open = false;
  bool over_limit = false;
  bool out_of_memory = false;

  Point place(double x, double y) const {
    return {origin_x + scale * (x + shear * y), origin_y - scale * y};
  }

  bool append(const Segment& segment) {
    if (path->segments.size() >= kMaxPathSegments) {
      over_limit = true;
      return false;
    }
    try {
      path->segments.push_back(segment);
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
      return false;
    }
    return true;
  }

  // FreeType ends each contour with a line back to its start; Z says the same, so drop the line.
  bool close_subpath() {
    if (!subpath_open) return true;
    subpath_open = false;
    auto& segments = path->segments;
    const Point start = segments[subpath_start].p[0];
    if (segments.size() - subpath_start > 1 && segments.back().kind == Segment::Kind::line &&
        segments.back().p[0] == start) {
      segments.pop_back();
    }
    if (segments.size() - subpath_start == 1) {  // a lone point draws nothing
      segments.pop_back();
      return true;
    }
    return append(Segment::close());
  }

  static GlyphSink& of(void* user) { return *static_cast<GlyphSink*>(user); }

  static int move_to(const FT_Vector* to, void* user) {
    GlyphSink& sink = of(user);
    if (!sink.close_subpath()) return 1;
    sink.current_x = static_cast<double>(to->x);
    sink.current_y = static_cast<double>(to->y);
    sink.subpath_start = sink.path->segments.size();
    if (!sink.append(Segment::move_to(sink.place(sink.current_x, sink.current_y)))) return 1;
    sink.subpath_open = true;
    return 0;
  }

  static int line_to(const FT_Vector* to, void* user) {
    GlyphSink& sink = of(user);
    sink.current_x = static_cast<double>(to->x);
    sink.current_y = static_cast<double>(to->y);
    return sink.append(Segment::line_to(sink.place(sink.current_x, sink.current_y))) ? 0 : 1;
  }

  // A quadratic from P0 via C to P is the cubic with controls P0 + 2/3 (C - P0), P + 2/3 (C - P).
  static int conic_to(const FT_Vector* control, const FT_Vector* to, void* user) {
    GlyphSink& sink = of(user);
    const double cx = static_cast<double>(control->x);
    const double cy = static_cast<double>(control->y);
    const double x = static_cast<double>(to->x);
    const double y = static_cast<double>(to->y);
    const Point c1 = sink.place(sink.current_x + 2.0 / 3.0 * (cx - sink.current_x),
                                sink.current_y + 2.0 / 3.0 * (cy - sink.current_y));
    const Point c2 = sink.place(x + 2.0 / 3.0 * (cx - x), y + 2.0 / 3.0 * (cy - y));
    sink.current_x = x;
    sink.current_y = y;
    return sink.append(Segment::cubic_to(c1, c2, sink.place(x, y))) ? 0 : 1;
  }

  static int cubic_to(const FT_Vector* control1, const FT_Vector* control2, const FT_Vector* to,
                      void* user) {
    GlyphSink& sink = of(user);
    sink.current_x = static_cast<double>(to->x);
    sink.current_y = static_cast<double>(to->y);
    return sink.append(Segment::cubic_to(
               sink.place(static_cast<double>(control1->x), static_cast<double>(control1->y)),
               sink.place(static_cast<double>(control2->x), static_cast<double>(control2->y)),
               sink.place(sink.current_x, sink.current_y)))
               ? 0
               : 1;
  }
};

// White space, digits and punctuation, which take the script of the text around them.
bool is_neutral(char32_t cp) {
  if (cp < 0x80) return !((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'));
  return cp == 0xA0 || cp == 0x60C || cp == 0x61B || cp == 0x61F || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x3000 && cp <= 0x303F);
}

// A stretch of the run (bytes [begin, end) of its text) drawn with one face.
struct FaceSegment {
  std::size_t begin = 0, end = 0;
  ChosenFont font;
};

// A segment shaped: its glyphs, its face's scale and synthetic bold, and where it starts along
// the run (user units).
struct ShapedSegment {
  ChosenFont font;
  detail::HbBufferPtr buffer;
  const hb_glyph_info_t* infos = nullptr;
  const hb_glyph_position_t* positions = nullptr;
  unsigned count = 0;
  double scale = 1;
  long embolden = 0;
  double start = 0;
  // Letter spacing goes after each cluster (a character, or the characters a ligature joined).
  bool ends_cluster(unsigned i) const { return i + 1 == count || infos[i + 1].cluster != infos[i].cluster; }
};

// Characters the chosen face has no glyph for are drawn with a face that has one, as pango does
// for librsvg: the run is cut into segments of one face each, to be shaped apart and laid end to
// end (in logical order: a run that mixes directions across faces is not reordered). Each
// character drawn by another face is added to `substituted` with that face's family.
std::vector<FaceSegment> segments_by_face(Fonts::Impl& impl, const TextRun& run, const DecodedText& decoded,
                                          const ChosenFont& chosen, const LoadedFace& face,
                                          std::vector<std::pair<char32_t, std::string>>& substituted,
                                          const convert::Deadline* deadline) {
  const std::vector<char32_t>& cps = decoded.codepoints;
  std::vector<bool> covered(cps.size());
  bool all = true;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    covered[k] = FT_Get_Char_Index(face.ft_face.get(), cps[k]) != 0;
    all = all && covered[k];
  }
  if (all) return {{0, run.text.size(), chosen}};
  // Per character, the first character from it on that is not neutral (cps.size() if none).
  std::vector<std::size_t> next_strong(cps.size() + 1, cps.size());
  for (std::size_t k = cps.size(); k-- > 0;) next_strong[k] = is_neutral(cps[k]) ? next_strong[k + 1] : k;
  std::vector<FaceSegment> segments;
  std::size_t lookups = 0;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    convert::check(deadline);
    ChosenFont font = chosen;
    // A character the current segment's other font has stays in it: one it needs, and a space or
    // punctuation between two it needs (so that a phrase in another script is shaped, and
    // ordered, as one). Each character another font is sought for costs a fontconfig sort
    // (cached): bounded.
    if (!segments.empty() && !(segments.back().font.file == chosen.file)) {
      std::string ignored;
      const LoadedFace* current = impl.face(segments.back().font.file, segments.back().font.index, ignored);
      auto has = [&](std::size_t j) { return current && FT_Get_Char_Index(current->ft_face.get(), cps[j]) != 0; };
      if (!covered[k] && has(k)) {
        substituted.emplace_back(cps[k], segments.back().font.family);
        continue;
      }
      if (covered[k] && is_neutral(cps[k]) && has(k)) {
        const std::size_t next = next_strong[k];
        if (next < cps.size() && !covered[next] && has(next)) continue;
      }
    }
    if (!covered[k] && lookups < kMaxFallbackLookups) {
      ++lookups;
      if (auto other = impl.fallback_for(cps[k], run.font)) {
        font = *other;
        font.synthetic_bold = false;
        font.synthetic_oblique = false;
        substituted.emplace_back(cps[k], other->family);
      }
    }
    const std::size_t begin = decoded.offsets[k];
    if (!segments.empty() && segments.back().font.file == font.file && segments.back().font.index == font.index) {
      continue;  // the segment goes on to this character
    }
    if (!segments.empty()) segments.back().end = begin;
    segments.push_back({begin, run.text.size(), font});
  }
  return segments;
}

}  // namespace

std::optional<OutlinedText> outline_text(const TextRun& run, const Fonts& fonts, std::string& error,
                                         const convert::Deadline* deadline) {
  if (!check_request(run, error)) return std::nullopt;
  DecodedText decoded;
  if (!decode_utf8(run.text, decoded, error)) return std::nullopt;

  Fonts::Impl& impl = fonts.impl();
  std::optional<ChosenFont> chosen = impl.choose(run.font, error);
  if (!chosen) return std::nullopt;

  OutlinedText out;
  out.font_file = chosen->file;
  out.font_family_used = chosen->family;
  out.fell_back = chosen->fell_back;
  out.synthetic_bold = chosen->synthetic_bold;
  out.synthetic_oblique = chosen->synthetic_oblique;
  out.warnings = chosen->warnings;
  if (run.text.empty()) return out;

  const LoadedFace* face = impl.face(chosen->file, chosen->index, error);
  if (!face) return std::nullopt;

  std::vector<std::pair<char32_t, std::string>> substituted;  // character, the family drawing it
  const std::vector<FaceSegment> segments = segments_by_face(impl, run, decoded, *chosen, *face, substituted, deadline);
  if (!substituted.empty()) {
    std::string list;
    for (std::size_t k = 0; k < substituted.size() && k < kMissingNamedInWarning; ++k) {
      list += (k == 0 ? "" : ", ") + codepoint_name(substituted[k].first) + " (" + substituted[k].second + ")";
    }
    if (substituted.size() > kMissingNamedInWarning) {
      list += " and " + std::to_string(substituted.size() - kMissingNamedInWarning) + " more";
    }
    out.warnings.push_back(std::to_string(substituted.size()) + " character(s) have no glyph in '" + chosen->family +
                           "' and are drawn with another font: " + list);
  }

  // CSS: with letter spacing, optional ligatures would glue letters that should move apart.
  std::vector<hb_feature_t> features;
  if (run.letter_spacing != 0) {
    for (const char* tag : {"-liga", "-clig", "-dlig", "-hlig"}) {
      hb_feature_t feature;
      if (hb_feature_from_string(tag, -1, &feature)) features.push_back(feature);
    }
  }
  // Shaped segments; each keeps its face's scale, and where it starts along the run.
  std::vector<ShapedSegment> shaped;
  std::size_t glyph_total = 0;
  double width = 0;
  for (const FaceSegment& segment : segments) {
    const LoadedFace* segment_face = impl.face(segment.font.file, segment.font.index, error);
    if (!segment_face) return std::nullopt;
    ShapedSegment part;
    part.font = segment.font;
    part.buffer.reset(hb_buffer_create());
    hb_buffer_add_utf8(part.buffer.get(), run.text.data(), static_cast<int>(run.text.size()),
                       static_cast<unsigned>(segment.begin), static_cast<int>(segment.end - segment.begin));
    if (!hb_buffer_allocation_successful(part.buffer.get())) {
      error = "out of memory while shaping";
      return std::nullopt;
    }
    hb_buffer_guess_segment_properties(part.buffer.get());
    hb_shape(segment_face->hb_font.get(), part.buffer.get(), features.data(), static_cast<unsigned>(features.size()));
    part.infos = hb_buffer_get_glyph_infos(part.buffer.get(), &part.count);
    part.positions = hb_buffer_get_glyph_positions(part.buffer.get(), nullptr);
    glyph_total += part.count;
    if (glyph_total > kMaxRunGlyphs) {
      error = "text run shapes to more than " + std::to_string(kMaxRunGlyphs) + " glyphs";
      return std::nullopt;
    }
    part.embolden = part.font.synthetic_bold
                        ? std::max(1L, static_cast<long>(segment_face->units_per_em) / kEmboldenEmDivisor)
                        : 0;
    part.scale = run.font.size_px / static_cast<double>(segment_face->units_per_em);
    if (shaped.empty()) {
      hb_font_extents_t extents{};
      if (hb_font_get_h_extents(segment_face->hb_font.get(), &extents)) {
        out.ascent = static_cast<double>(extents.ascender) * part.scale;
        out.descent = -static_cast<double>(extents.descender) * part.scale;
      }
    }
    // The shaped width first: text-anchor needs it before any glyph is placed.
    std::int64_t width_units = 0;
    std::size_t spacing_count = 0;
    for (unsigned i = 0; i < part.count; ++i) {
      width_units += part.positions[i].x_advance + part.embolden;
      if (part.ends_cluster(i)) ++spacing_count;
    }
    part.start = width;
    width += static_cast<double>(width_units) * part.scale + static_cast<double>(spacing_count) * run.letter_spacing;
    shaped.push_back(std::move(part));
  }
  out.glyph_count = glyph_total;
  out.advance = width;
  double anchor_shift = 0;
  if (run.anchor == TextRun::Anchor::middle) anchor_shift = -out.advance / 2;
  if (run.anchor == TextRun::Anchor::end) anchor_shift = -out.advance;

  // Characters without a glyph in any face: not drawn (a .notdef box is never what the author
  // meant), but reported, and their advance kept so the rest of the run stays where it would be.
  for (const ShapedSegment& part : shaped) {
    for (unsigned i = 0; i < part.count; ++i) {
      if (part.infos[i].codepoint != 0) continue;
      if (i > 0 && part.infos[i - 1].cluster == part.infos[i].cluster && part.infos[i - 1].codepoint == 0) continue;
      const std::size_t offset = part.infos[i].cluster;
      char32_t cp = 0;
      auto at = std::lower_bound(decoded.offsets.begin(), decoded.offsets.end(), offset);
      if (at != decoded.offsets.end() && *at == offset) {
        cp = decoded.codepoints[static_cast<std::size_t>(at - decoded.offsets.begin())];
      }
      out.missing.push_back({cp, offset});
    }
  }
  if (!out.missing.empty()) {
    std::string list;
    for (std::size_t k = 0; k < out.missing.size() && k < kMissingNamedInWarning; ++k) {
      list += (k == 0 ? "" : ", ") + codepoint_name(out.missing[k].codepoint);
    }
    if (out.missing.size() > kMissingNamedInWarning) {
      list += " and " + std::to_string(out.missing.size() - kMissingNamedInWarning) + " more";
    }
    out.warnings.push_back(std::to_string(out.missing.size()) + " character(s) have no glyph in '" +
                           chosen->family + "' and are not drawn: " + list);
  }

  if (run.font.size_px == 0) return out;  // CSS: a zero font size draws nothing

  FT_Outline_Funcs callbacks{};
  callbacks.move_to = &GlyphSink::move_to;
  callbacks.line_to = &GlyphSink::line_to;
  callbacks.conic_to = &GlyphSink::conic_to;
  callbacks.cubic_to = &GlyphSink::cubic_to;
  callbacks.shift = 0;
  callbacks.delta = 0;

  GlyphSink sink;
  sink.path = &out.path;
  for (const ShapedSegment& part : shaped) {
    const LoadedFace* part_face = impl.face(part.font.file, part.font.index, error);
    if (!part_face) return std::nullopt;
    FT_Face ft_face = part_face->ft_face.get();
    sink.scale = part.scale;
    sink.shear = part.font.synthetic_oblique ? kObliqueShear : 0;
    std::int64_t pen_x = 0;  // font units
    std::int64_t pen_y = 0;
    double spacing = part.start;  // user units
    for (unsigned i = 0; i < part.count; ++i) {
      const hb_glyph_info_t& info = part.infos[i];
      const hb_glyph_position_t& position = part.positions[i];
      convert::check(deadline);
      if (info.codepoint != 0) {
        // Unscaled and unhinted: exact font-unit outlines, independent of any pixel grid.
        if (FT_Load_Glyph(ft_face, info.codepoint, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) != 0) {
          error = "FreeType cannot load glyph " + std::to_string(info.codepoint) + " of '" + part.font.file + "'";
          return std::nullopt;
        }
        FT_GlyphSlot slot = ft_face->glyph;
        if (slot->format == FT_GLYPH_FORMAT_OUTLINE && slot->outline.n_points > 0) {
          if (part.embolden != 0) FT_Outline_EmboldenXY(&slot->outline, part.embolden, part.embolden);
          // The glyph origin in font units, then in user units for the sink.
          const double glyph_x = static_cast<double>(pen_x + position.x_offset);
          const double glyph_y = static_cast<double>(pen_y + position.y_offset);
          sink.origin_x = run.origin.x + anchor_shift + spacing + part.scale * (glyph_x + sink.shear * glyph_y);
          sink.origin_y = run.origin.y - part.scale * glyph_y;
          const FT_Error status = FT_Outline_Decompose(&slot->outline, &callbacks, &sink);
          if (status == 0) sink.close_subpath();
          if (sink.over_limit) {
            error = "text run outlines to more than " + std::to_string(kMaxPathSegments) + " path segments";
            return std::nullopt;
          }
          if (sink.out_of_memory) {
            error = "out of memory while outlining text";
            return std::nullopt;
          }
          if (status != 0) {
            error = "FreeType cannot decompose glyph " + std::to_string(info.codepoint) + " of '" + part.font.file + "'";
            return std::nullopt;
          }
        }
      }
      pen_x += position.x_advance + part.embolden;
      pen_y += position.y_advance;
      if (part.ends_cluster(i)) spacing += run.letter_spacing;
    }
  }
  return out;
}

}  // namespace bimi::svgps::text
