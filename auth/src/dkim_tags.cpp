#include "bimi/auth/dkim_tags.hpp"

#include "ascii.hpp"

namespace bimi::auth {
namespace {

bool is_fws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

const DkimTag* DkimTagList::find(std::string_view name) const {
  for (const auto& tag : tags)
    if (tag.name == name) return &tag;
  return nullptr;
}

std::optional<DkimTagList> parse_dkim_tags(std::string_view text, std::string& error) {
  DkimTagList list;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(';', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view spec = text.substr(pos, end - pos);
    std::size_t first = 0;
    while (first < spec.size() && is_fws(spec[first])) ++first;
    if (first == spec.size()) {
      // Only the last spec may be empty: `tag-list = tag-spec *( ";" tag-spec ) [ ";" ]`.
      if (end == text.size() && !list.tags.empty()) break;
      error = list.tags.empty() && end == text.size() ? "the tag list is empty" : "an empty tag (\";;\")";
      return std::nullopt;
    }
    std::size_t name_end = first;
    if (!is_alpha(spec[name_end])) {
      error = "a tag name must start with a letter";
      return std::nullopt;
    }
    while (name_end < spec.size() && (is_alpha(spec[name_end]) || is_digit(spec[name_end]) || spec[name_end] == '_'))
      ++name_end;
    std::size_t eq = name_end;
    while (eq < spec.size() && is_fws(spec[eq])) ++eq;
    if (eq == spec.size() || spec[eq] != '=') {
      error = "tag \"" + std::string(spec.substr(first, name_end - first)) + "\" has no \"=\"";
      return std::nullopt;
    }
    std::size_t value_begin = eq + 1;
    while (value_begin < spec.size() && is_fws(spec[value_begin])) ++value_begin;
    std::size_t value_end = spec.size();
    while (value_end > value_begin && is_fws(spec[value_end - 1])) --value_end;
    std::string_view value = spec.substr(value_begin, value_end - value_begin);
    for (char c : value) {
      auto u = static_cast<unsigned char>(c);
      // VALCHAR is %x21-3A / %x3C-7E; white space may separate runs of them.
      if (!is_fws(c) && (u < 0x21 || u > 0x7e)) {
        error = "tag \"" + std::string(spec.substr(first, name_end - first)) + "\" has a character outside printable ASCII";
        return std::nullopt;
      }
    }
    DkimTag tag;
    tag.name = spec.substr(first, name_end - first);
    tag.value = value;
    tag.raw_begin = pos + eq + 1;
    tag.raw_end = end;
    if (list.find(tag.name)) {
      error = "tag \"" + std::string(tag.name) + "\" appears twice";
      return std::nullopt;
    }
    list.tags.push_back(tag);
    if (end == text.size()) break;
    pos = end + 1;
  }
  return list;
}

std::string without_white_space(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value)
    if (!is_fws(c)) out += c;
  return out;
}

}  // namespace bimi::auth
