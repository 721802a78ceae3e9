// The reader's languages, for <switch systemLanguage>: from --lang, or from the environment the way
// glib (and so librsvg, the reference renderer) reads it, so the converter and the reference
// render choose the same child.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bimi::cli {

struct ReaderLanguages {
  std::vector<std::string> tags;  // BCP 47, most preferred first: "de-CH", "de"
  std::string posix;              // the same as LANGUAGE writes them: "de_CH:de"; empty for none
};

// One tag and the shorter tags it implies ("de-CH" → "de-CH", "de"); nullopt when it is not a
// language tag (letters and digits in '-'-separated parts, the first 2 to 8 letters).
std::optional<ReaderLanguages> languages_from_tag(const std::string& tag);

// LANGUAGE (colon-separated), else the first of LC_ALL, LC_MESSAGES and LANG that is set, as glib
// reads them; "C" and "POSIX" are no language. Codesets and modifiers are dropped.
ReaderLanguages languages_from_environment();

}  // namespace bimi::cli
