#include "bimi/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace bimi {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

void Diagnostics::add(std::string rule, Severity severity, std::string message, Location location) {
  items_.push_back({std::move(rule), severity, std::move(message), location});
}

void Diagnostics::add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

std::size_t Diagnostics::count(Severity severity) const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [severity](const Diagnostic& d) { return d.severity == severity; }));
}

bool Diagnostics::has_rule(std::string_view rule) const {
  return std::any_of(items_.begin(), items_.end(), [rule](const Diagnostic& d) { return d.rule == rule; });
}

void Diagnostics::sort_by_location() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.line, a.location.column, a.rule) <
           std::tie(b.location.line, b.location.column, b.rule);
  });
}

}  // namespace bimi
