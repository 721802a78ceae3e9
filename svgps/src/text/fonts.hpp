// Internals of Fonts: choosing a font file for a FontRequest with fontconfig, and loading it once
// for FreeType (outlines) and HarfBuzz (shaping).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "text/font_handles.hpp"
#include "text/outline.hpp"

namespace bimi::svgps::text {

// A face opened by both libraries from the same file, so glyph ids agree.
struct LoadedFace {
  std::string file;
  unsigned index = 0;
  detail::FtFacePtr ft_face;
  detail::HbFontPtr hb_font;  // scale = units per em: HarfBuzz positions are in font units
  unsigned units_per_em = 0;
};

struct ChosenFont {
  std::string file;
  unsigned index = 0;
  std::string family;  // the face's first (usually English) family name
  bool fell_back = false;
  bool synthetic_bold = false;
  bool synthetic_oblique = false;
  std::vector<std::string> warnings;
};

// CSS generic family names; fontconfig resolves them through its aliases.
bool is_generic_family(const std::string& family);

struct Fonts::Impl {
  detail::FcConfigPtr config;
  detail::FtLibraryPtr freetype;

  // Decides which file serves `request`; cached per request. `error` only when nothing usable
  // exists at all.
  std::optional<ChosenFont> choose(const FontRequest& request, std::string& error);

  // A face that has a glyph for `codepoint`, as fontconfig ranks fonts for the request (its
  // families first, then what the configuration falls back to), for a character the chosen face
  // lacks; as pango does for librsvg. nullopt when no installed outline font has one. Cached.
  std::optional<ChosenFont> fallback_for(char32_t codepoint, const FontRequest& request);

  // Opens (or returns the cached) face. The pointer stays valid until the next call.
  const LoadedFace* face(const std::string& file, unsigned index, std::string& error);

 private:
  struct Candidate {
    std::string file;
    unsigned index = 0;
    std::string family;
    double css_weight = 400;
    bool slanted = false;
  };
  // Asks fontconfig for `family` at the request's weight and slant. For a named family the match
  // must carry that name or one of its strong aliases; for a generic name any match is taken.
  std::optional<Candidate> match(const std::string& family, bool generic,
                                 const FontRequest& request, std::string& why_not);

  std::map<std::string, ChosenFont> choices_;
  std::map<std::pair<std::string, char32_t>, std::optional<ChosenFont>> fallbacks_;
  std::map<std::pair<std::string, unsigned>, std::unique_ptr<LoadedFace>> faces_;
};

}  // namespace bimi::svgps::text
