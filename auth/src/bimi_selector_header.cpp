#include "bimi/auth/bimi_selector_header.hpp"

#include "text.hpp"

namespace bimi::auth {
namespace {

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

BimiSelectorHeader ignored(std::string problem) {
  BimiSelectorHeader header;
  header.problem = std::move(problem);
  return header;
}

}  // namespace

BimiSelectorHeader parse_bimi_selector_header(std::string_view value) {
  std::vector<std::string_view> parts = split(value, ';');
  if (!parts.empty() && trim(parts.back()).empty()) parts.pop_back();  // the optional final ";"
  std::optional<std::string> version;
  std::optional<std::string> selector;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = trim(parts[i]);
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) return ignored("\"" + std::string(part) + "\" is not a tag");
    std::string name = ascii_lower(trim(part.substr(0, eq)));
    std::string_view tag_value = trim(part.substr(eq + 1));
    if (i == 0 && name != "v") return ignored("v= is not the first tag");
    if (name == "v") {
      if (version) return ignored("v= appears twice");
      version = std::string(tag_value);
    } else if (name == "s") {
      if (selector) return ignored("s= appears twice");
      selector = ascii_lower(tag_value);
    }
  }
  if (!version) return ignored("the field has no v= tag");
  if (*version != "BIMI1") return ignored("v=" + *version + " is not BIMI1");
  if (!selector) return ignored("the field has no s= tag");
  if (!is_domain_name(*selector)) return ignored("s=" + *selector + " is not a selector");
  BimiSelectorHeader header;
  header.selector = selector;
  return header;
}

}  // namespace bimi::auth
