// A list of domains to check, as teams keep them: one domain per line, optionally followed by its
// BIMI selectors, `#` comments, blank lines, internationalized names. Read one line at a time, so a
// list of any length costs the memory of one line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::net {

// Longer lines are refused (a domain name is at most 253 bytes, a selector too).
inline constexpr std::size_t max_domain_list_line = 4096;
inline constexpr std::size_t max_selectors_per_domain = 16;

struct DomainListEntry {
  std::string domain;                  // normalized, A-labels
  std::vector<std::string> selectors;  // normalized; empty: the run's --selector values
  int line = 0;
};

// One line: "domain [selector ...]", fields separated by spaces, tabs or commas; a `#` starts a
// comment. Nullopt for a line with nothing to check (blank or comment) and an empty `error`, or
// for a line that cannot be read, with `error` saying why.
std::optional<DomainListEntry> parse_domain_list_line(std::string_view line, int number, std::string& error);

}  // namespace bimi::net
