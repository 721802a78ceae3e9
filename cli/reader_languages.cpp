#include "reader_languages.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace bimi::cli {
namespace {

// "de_CH.UTF-8@euro" → "de-CH"; empty for C, POSIX or anything that is not a language.
std::string tag_of_locale(std::string locale) {
  locale = locale.substr(0, locale.find_first_of(".@"));
  if (locale.empty() || locale == "C" || locale == "POSIX") return {};
  std::replace(locale.begin(), locale.end(), '_', '-');
  return locale;
}

void add_with_prefixes(const std::string& tag, ReaderLanguages& languages) {
  // "de-CH-1996" → "de-CH-1996", "de-CH", "de"
  std::vector<std::string> chain;
  for (std::size_t end = tag.size(); end != std::string::npos && end > 0; end = tag.rfind('-', end - 1)) {
    chain.push_back(tag.substr(0, end));
    if (end == 0) break;
  }
  for (const auto& t : chain) {
    if (std::find(languages.tags.begin(), languages.tags.end(), t) != languages.tags.end()) continue;
    languages.tags.push_back(t);
    std::string posix = t;
    std::replace(posix.begin(), posix.end(), '-', '_');
    languages.posix += (languages.posix.empty() ? "" : ":") + posix;
  }
}

bool is_language_tag(const std::string& tag) {
  if (tag.empty() || tag.size() > 64) return false;
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    std::size_t end = std::min(tag.find('-', start), tag.size());
    std::size_t length = end - start;
    if (length == 0 || length > 8 || (first && length < 2)) return false;
    for (std::size_t i = start; i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(tag[i]);
      if (first ? !std::isalpha(c) : !std::isalnum(c)) return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
}

}  // namespace

std::optional<ReaderLanguages> languages_from_tag(const std::string& tag) {
  std::string normal = tag;
  std::replace(normal.begin(), normal.end(), '_', '-');
  if (!is_language_tag(normal)) return std::nullopt;
  ReaderLanguages languages;
  add_with_prefixes(normal, languages);
  return languages;
}

ReaderLanguages languages_from_environment() {
  ReaderLanguages languages;
  auto value = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  std::string list = value("LANGUAGE");
  if (list.empty()) {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      list = value(name);
      if (!list.empty()) break;
    }
  }
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = std::min(list.find(':', start), list.size());
    std::string tag = tag_of_locale(list.substr(start, end - start));
    if (!tag.empty() && is_language_tag(tag)) add_with_prefixes(tag, languages);
    start = end + 1;
  }
  return languages;
}

}  // namespace bimi::cli
