#include "bimi/records/local_part.hpp"

#include "text.hpp"

namespace bimi::records {

std::optional<std::string> normalize_local_part(std::string_view local_part) {
  local_part = local_part.substr(0, local_part.find('+'));
  std::string out;
  bool in_run = false;
  for (char c : local_part) {
    if (c == '_' || c == '.') {
      if (!in_run) out += '-';
      in_run = true;
      continue;
    }
    in_run = false;
    out += c;
  }
  std::size_t first = out.find_first_not_of('-');
  if (first == std::string::npos) return std::nullopt;
  out = out.substr(first, out.find_last_not_of('-') - first + 1);
  if (out.size() > 63) return std::nullopt;
  for (char c : out) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return std::nullopt;
  }
  return lowercase(out);
}

bool matches_local_part_prefixes(std::string_view normalized, const std::vector<std::string>& prefixes) {
  if (prefixes.empty()) return true;
  for (const auto& prefix : prefixes) {
    if (prefix.size() <= normalized.size() && equals_any_case(normalized.substr(0, prefix.size()), prefix)) return true;
  }
  return false;
}

}  // namespace bimi::records
