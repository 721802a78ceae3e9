// Font choice with fontconfig and loading with FreeType and HarfBuzz.
#include "text/fonts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>

namespace bimi::svgps::text {

namespace {

// Caches are bounded so a long-running caller with many distinct requests cannot grow them.
constexpr std::size_t kMaxCachedChoices = 1024;
constexpr std::size_t kMaxCachedFaces = 32;

// CSS weights from 600 up are "bold"; a face of 500 or lighter is emboldened for them (CSS Fonts
// 4, font synthesis), as browsers do.
constexpr double kBoldRequestWeight = 600;
constexpr double kLightestBoldFaceWeight = 550;

// fontconfig compares family names ignoring case and blanks; do the same.
std::string family_key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == ' ') continue;
    key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return key;
}

std::string ascii_lower(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// The fontconfig alias a CSS generic name resolves through.
std::string fontconfig_generic(const std::string& css_generic) {
  std::string name = ascii_lower(css_generic);
  if (name == "system-ui" || name == "ui-sans-serif" || name == "ui-rounded") return "sans-serif";
  if (name == "ui-serif" || name == "fangsong") return "serif";
  if (name == "ui-monospace") return "monospace";
  return name;
}

// Families drawn with the same advances (metric-compatible), so a logo laid out for one keeps its
// layout in another. fontconfig binds some of these only weakly (Helvetica -> Arial -> Liberation
// Sans), the same way it binds generic fallbacks, so its bindings alone cannot tell them apart.
constexpr std::array<std::array<std::string_view, 7>, 6> kMetricCompatible = {{
    {"Arial", "Helvetica", "Liberation Sans", "Arimo", "Nimbus Sans", "Nimbus Sans L",
     "TeX Gyre Heros"},
    {"Times New Roman", "Times", "Liberation Serif", "Tinos", "Nimbus Roman", "Nimbus Roman No9 L",
     "TeX Gyre Termes"},
    {"Courier New", "Courier", "Liberation Mono", "Cousine", "Nimbus Mono PS", "Nimbus Mono L",
     "TeX Gyre Cursor"},
    {"Arial Narrow", "Liberation Sans Narrow", "Nimbus Sans Narrow", "", "", "", ""},
    {"Calibri", "Carlito", "", "", "", "", ""},
    {"Cambria", "Caladea", "", "", "", "", ""},
}};

void add_metric_compatible(const std::string& family, std::set<std::string>& accepted) {
  const std::string key = family_key(family);
  for (const auto& group : kMetricCompatible) {
    bool member = false;
    for (std::string_view name : group) member = member || (!name.empty() && family_key(name) == key);
    if (!member) continue;
    for (std::string_view name : group) {
      if (!name.empty()) accepted.insert(family_key(name));
    }
  }
}

const FcChar8* fc_string(const std::string& s) { return reinterpret_cast<const FcChar8*>(s.c_str()); }

std::string request_key(const FontRequest& request) {
  std::string key = std::to_string(request.weight) + (request.italic ? "i" : "r");
  for (const auto& family : request.families) {
    key.push_back('\x1f');
    key += family;
  }
  return key;
}

}  // namespace

bool is_generic_family(const std::string& family) {
  static constexpr std::array<std::string_view, 13> kGenerics = {
      "serif",    "sans-serif", "monospace",     "cursive",      "fantasy", "system-ui", "ui-serif",
      "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji",   "fangsong"};
  std::string lower = ascii_lower(family);
  return std::find(kGenerics.begin(), kGenerics.end(), lower) != kGenerics.end();
}

std::unique_ptr<Fonts> Fonts::create(const FontsOptions& options, std::string& error) {
  auto impl = std::make_unique<Impl>();
  // A config of our own (never fontconfig's process-wide current one), loaded from the system's
  // configuration files when asked, else empty.
  impl->config.reset(options.system_fonts ? FcInitLoadConfigAndFonts() : FcConfigCreate());
  if (!impl->config) {
    error = "fontconfig: cannot load the font configuration";
    return nullptr;
  }
  for (const auto& file : options.extra_font_files) {
    if (!FcConfigAppFontAddFile(impl->config.get(), fc_string(file))) {
      error = "fontconfig: cannot add font file '" + file + "'";
      return nullptr;
    }
  }
  for (const auto& directory : options.extra_font_dirs) {
    if (!FcConfigAppFontAddDir(impl->config.get(), fc_string(directory))) {
      error = "fontconfig: cannot add the fonts in '" + directory + "'";
      return nullptr;
    }
  }
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) {
    error = "FreeType: cannot initialise the library";
    return nullptr;
  }
  impl->freetype.reset(library);
  return std::unique_ptr<Fonts>(new Fonts(std::move(impl)));
}

Fonts::Fonts(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Fonts::~Fonts() = default;

std::optional<Fonts::Impl::Candidate> Fonts::Impl::match(const std::string& family, bool generic,
                                                          const FontRequest& request,
                                                          std::string& why_not) {
  const std::string asked = generic ? fontconfig_generic(family) : family;
  detail::FcPatternPtr pattern(FcPatternCreate());
  if (!pattern) {
    why_not = "out of memory";
    return std::nullopt;
  }
  FcPatternAddString(pattern.get(), FC_FAMILY, fc_string(asked));
  FcPatternAddDouble(pattern.get(), FC_WEIGHT, FcWeightFromOpenTypeDouble(request.weight));
  FcPatternAddInteger(pattern.get(), FC_SLANT, request.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
  FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
  if (!FcConfigSubstitute(config.get(), pattern.get(), FcMatchPattern)) {
    why_not = "out of memory";
    return std::nullopt;
  }
  FcDefaultSubstitute(pattern.get());

  // The names that count as "this family": the one asked for, its metric-compatible equivalents
  // and the aliases the configuration binds strongly to it. Weakly bound names are otherwise
  // generic fallbacks (Helvetica -> DejaVu Sans), which must not pass for the family.
  std::set<std::string> accepted = {family_key(asked)};
  add_metric_compatible(asked, accepted);
  FcValue value;
  FcValueBinding binding;
  for (int i = 0; FcPatternGetWithBinding(pattern.get(), FC_FAMILY, i, &value, &binding) ==
                  FcResultMatch;
       ++i) {
    if (value.type == FcTypeString && binding == FcValueBindingStrong) {
      accepted.insert(family_key(reinterpret_cast<const char*>(value.u.s)));
    }
  }

  FcResult result = FcResultNoMatch;
  detail::FcPatternPtr matched(FcFontMatch(config.get(), pattern.get(), &result));
  if (!matched || result != FcResultMatch) {
    why_not = "no font matches";
    return std::nullopt;
  }

  Candidate candidate;
  FcChar8* text = nullptr;
  bool name_accepted = generic;
  for (int i = 0; FcPatternGetString(matched.get(), FC_FAMILY, i, &text) == FcResultMatch; ++i) {
    std::string name = reinterpret_cast<const char*>(text);
    if (i == 0) candidate.family = name;
    if (accepted.count(family_key(name)) != 0) name_accepted = true;
  }
  if (!name_accepted) {
    why_not = "not installed";
    return std::nullopt;
  }
  if (FcPatternGetString(matched.get(), FC_FILE, 0, &text) != FcResultMatch) {
    why_not = "the match has no file";
    return std::nullopt;
  }
  candidate.file = reinterpret_cast<const char*>(text);
  int index = 0;
  if (FcPatternGetInteger(matched.get(), FC_INDEX, 0, &index) == FcResultMatch && index > 0) {
    // The high bits name a variable font's instance; shaping and outlines both use the default.
    candidate.index = static_cast<unsigned>(index) & 0xFFFFu;
  }
  double fc_weight = 0;
  if (FcPatternGetDouble(matched.get(), FC_WEIGHT, 0, &fc_weight) == FcResultMatch) {
    candidate.css_weight = FcWeightToOpenTypeDouble(fc_weight);
  } else {
    int fc_weight_int = 0;
    if (FcPatternGetInteger(matched.get(), FC_WEIGHT, 0, &fc_weight_int) == FcResultMatch) {
      candidate.css_weight = FcWeightToOpenTypeDouble(fc_weight_int);
    }
  }
  int slant = FC_SLANT_ROMAN;
  if (FcPatternGetInteger(matched.get(), FC_SLANT, 0, &slant) == FcResultMatch) {
    candidate.slanted = slant != FC_SLANT_ROMAN;
  }
  return candidate;
}

std::optional<ChosenFont> Fonts::Impl::choose(const FontRequest& request, std::string& error) {
  const std::string key = request_key(request);
  if (auto cached = choices_.find(key); cached != choices_.end()) return cached->second;

  ChosenFont chosen;
  std::optional<Candidate> found;
  for (std::size_t i = 0; i < request.families.size() && !found; ++i) {
    const std::string& family = request.families[i];
    const bool generic = is_generic_family(family);
    std::string why_not;
    found = match(family, generic, request, why_not);
    if (found) {
      std::string load_error;
      if (!face(found->file, found->index, load_error)) {
        why_not = load_error;
        found.reset();
      }
    }
    if (!found) {
      chosen.warnings.push_back("font family '" + family + "': " + why_not);
      chosen.fell_back = true;
    }
  }
  if (!found) {
    // What the renderer draws instead: librsvg takes fontconfig's answer for the family (its
    // sans-serif, for a family it does not have), and the fidelity reference is librsvg's. Then
    // the documented fallback, then whatever the configuration calls sans-serif.
    std::string why_not, load_error;
    if (!request.families.empty()) {
      found = match(request.families.front(), true, request, why_not);
      if (found && !face(found->file, found->index, load_error)) found.reset();
    }
    if (!found) {
      found = match(kFallbackFamily, false, request, why_not);
      if (found && !face(found->file, found->index, load_error)) found.reset();
    }
    if (!found) {
      chosen.warnings.push_back(std::string("fallback font '") + kFallbackFamily +
                                "' is not installed (Debian package fonts-dejavu-core)");
      found = match("sans-serif", true, request, why_not);
      if (found && !face(found->file, found->index, load_error)) found.reset();
    }
    if (!found) {
      error = "no usable font: none of the requested families, nor '" + std::string(kFallbackFamily) +
              "', nor any sans-serif font is installed as an OpenType/TrueType outline font";
      return std::nullopt;
    }
    if (!request.families.empty()) {
      chosen.warnings.push_back("using fallback font '" + found->family + "'");
    }
  }

  chosen.file = found->file;
  chosen.index = found->index;
  chosen.family = found->family;
  chosen.synthetic_bold =
      request.weight >= kBoldRequestWeight && found->css_weight < kLightestBoldFaceWeight;
  chosen.synthetic_oblique = request.italic && !found->slanted;

  if (choices_.size() >= kMaxCachedChoices) choices_.clear();
  choices_.emplace(key, chosen);
  return chosen;
}

std::optional<ChosenFont> Fonts::Impl::fallback_for(char32_t codepoint, const FontRequest& request) {
  const auto key = std::make_pair(request_key(request), codepoint);
  if (auto cached = fallbacks_.find(key); cached != fallbacks_.end()) return cached->second;
  std::optional<ChosenFont> found;
  detail::FcPatternPtr pattern(FcPatternCreate());
  detail::FcCharSetPtr wanted(FcCharSetCreate());
  if (pattern && wanted && FcCharSetAddChar(wanted.get(), codepoint)) {
    for (const std::string& family : request.families) {
      const std::string name = is_generic_family(family) ? fontconfig_generic(family) : family;
      FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(name.c_str()));
    }
    FcPatternAddCharSet(pattern.get(), FC_CHARSET, wanted.get());
    FcPatternAddDouble(pattern.get(), FC_WEIGHT, FcWeightFromOpenTypeDouble(request.weight));
    FcPatternAddInteger(pattern.get(), FC_SLANT, request.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
    if (FcConfigSubstitute(config.get(), pattern.get(), FcMatchPattern)) {
      FcDefaultSubstitute(pattern.get());
      FcResult result = FcResultNoMatch;
      detail::FcFontSetPtr sorted(FcFontSort(config.get(), pattern.get(), FcFalse, nullptr, &result));
      for (int i = 0; sorted && i < sorted->nfont && !found; ++i) {
        FcPattern* font = sorted->fonts[i];
        FcCharSet* charset = nullptr;
        FcChar8* file = nullptr;
        if (FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch || !FcCharSetHasChar(charset, codepoint) ||
            FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) {
          continue;
        }
        ChosenFont chosen;
        chosen.file = reinterpret_cast<const char*>(file);
        int index = 0;
        if (FcPatternGetInteger(font, FC_INDEX, 0, &index) == FcResultMatch && index > 0) {
          chosen.index = static_cast<unsigned>(index) & 0xFFFFu;
        }
        FcChar8* family = nullptr;
        if (FcPatternGetString(font, FC_FAMILY, 0, &family) == FcResultMatch) chosen.family = reinterpret_cast<const char*>(family);
        std::string load_error;
        const LoadedFace* loaded = face(chosen.file, chosen.index, load_error);
        if (loaded && FT_Get_Char_Index(loaded->ft_face.get(), codepoint) != 0) found = std::move(chosen);
      }
    }
  }
  if (fallbacks_.size() >= kMaxCachedChoices) fallbacks_.clear();
  fallbacks_.emplace(key, found);
  return found;
}

const LoadedFace* Fonts::Impl::face(const std::string& file, unsigned index, std::string& error) {
  auto key = std::make_pair(file, index);
  if (auto cached = faces_.find(key); cached != faces_.end()) return cached->second.get();

  auto loaded = std::make_unique<LoadedFace>();
  loaded->file = file;
  loaded->index = index;
  FT_Face raw_face = nullptr;
  if (FT_New_Face(freetype.get(), file.c_str(), static_cast<FT_Long>(index), &raw_face) != 0) {
    error = "FreeType cannot open '" + file + "'";
    return nullptr;
  }
  loaded->ft_face.reset(raw_face);
  // HarfBuzz reads OpenType tables; bitmap-only and non-sfnt (Type 1, PCF) fonts cannot be shaped
  // or outlined.
  if (!FT_IS_SFNT(raw_face) || !FT_IS_SCALABLE(raw_face) || raw_face->units_per_EM == 0) {
    error = "'" + file + "' is not an OpenType/TrueType outline font";
    return nullptr;
  }
  detail::HbBlobPtr blob(hb_blob_create_from_file_or_fail(file.c_str()));
  if (!blob) {
    error = "HarfBuzz cannot read '" + file + "'";
    return nullptr;
  }
  detail::HbFacePtr hb_face(hb_face_create(blob.get(), index));
  if (hb_face_get_glyph_count(hb_face.get()) == 0) {
    error = "HarfBuzz finds no glyphs in '" + file + "'";
    return nullptr;
  }
  loaded->units_per_em = raw_face->units_per_EM;
  loaded->hb_font.reset(hb_font_create(hb_face.get()));
  const int scale = static_cast<int>(loaded->units_per_em);
  hb_font_set_scale(loaded->hb_font.get(), scale, scale);

  if (faces_.size() >= kMaxCachedFaces) faces_.clear();
  auto [where, inserted] = faces_.emplace(key, std::move(loaded));
  (void)inserted;
  return where->second.get();
}

}  // namespace bimi::svgps::text
