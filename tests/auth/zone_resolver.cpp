#include "zone_resolver.hpp"

#include <cctype>
#include <sstream>

namespace bimi::auth::testing {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

void ZoneResolver::add(const std::string& name, std::string type, std::string value) {
  zone_[lower(name)].push_back({std::move(type), std::move(value)});
}

void ZoneResolver::add_lines(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string name, type, value;
    fields >> name >> type;
    std::getline(fields >> std::ws, value);
    if (!name.empty()) add(name, type, value);
  }
}

DnsAnswer ZoneResolver::lookup(DnsType type, const std::string& name) {
  queries.push_back(std::string(to_string(type)) + " " + name);
  return resolve(std::string(to_string(type)), name, 0);
}

DnsAnswer ZoneResolver::resolve(const std::string& type, const std::string& name, int depth) {
  DnsAnswer answer;
  auto found = zone_.find(lower(name));
  if (found == zone_.end()) {
    answer.outcome = DnsOutcome::no_name;
    return answer;
  }
  for (const auto& entry : found->second) {
    if (entry.type == "TIMEOUT") {
      if (answer.records.empty()) {
        answer.outcome = DnsOutcome::temporary_failure;
        answer.detail = "timeout";
        return answer;
      }
      break;
    }
    if (entry.type == "CNAME" && type != "CNAME") {
      if (depth >= 8) {
        answer.outcome = DnsOutcome::temporary_failure;
        answer.detail = "CNAME loop";
        return answer;
      }
      return resolve(type, entry.value, depth + 1);
    }
    if (entry.type == type) answer.records.push_back(entry.value);
  }
  answer.outcome = answer.records.empty() ? DnsOutcome::no_data : DnsOutcome::found;
  return answer;
}

}  // namespace bimi::auth::testing
