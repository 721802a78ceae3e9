#include "bimi/net/domain_list.hpp"

#include "bimi/auth/idn.hpp"
#include "bimi/records/domain_name.hpp"

namespace bimi::net {

std::optional<DomainListEntry> parse_domain_list_line(std::string_view line, int number, std::string& error) {
  error.clear();
  if (line.size() > max_domain_list_line) {
    error = "the line is longer than " + std::to_string(max_domain_list_line) + " bytes";
    return std::nullopt;
  }
  if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  while (at < line.size()) {
    std::size_t start = line.find_first_not_of(" \t,\r", at);
    if (start == std::string_view::npos) break;
    std::size_t end = line.find_first_of(" \t,\r", start);
    if (end == std::string_view::npos) end = line.size();
    fields.push_back(line.substr(start, end - start));
    at = end;
  }
  if (fields.empty()) return std::nullopt;
  if (fields.size() - 1 > max_selectors_per_domain) {
    error = "more than " + std::to_string(max_selectors_per_domain) + " selectors for one domain";
    return std::nullopt;
  }
  std::string problem;
  auto ascii = auth::to_a_labels(fields.front(), problem);
  auto domain = ascii ? records::normalize_domain(*ascii) : std::nullopt;
  if (!domain) {
    error = problem.empty() ? "\"" + std::string(fields.front()) + "\" is not a domain name" : problem;
    return std::nullopt;
  }
  DomainListEntry entry{*domain, {}, number};
  for (std::size_t i = 1; i < fields.size(); ++i) {
    auto selector = records::normalize_selector(fields[i]);
    if (!selector) {
      error = "\"" + std::string(fields[i]) + "\" is not a selector";
      return std::nullopt;
    }
    bool seen = false;
    for (const auto& s : entry.selectors) seen = seen || s == *selector;
    if (!seen) entry.selectors.push_back(*selector);
  }
  return entry;
}

}  // namespace bimi::net
