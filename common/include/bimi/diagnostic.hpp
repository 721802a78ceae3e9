// Findings reported by every bimi library: a stable rule id, a severity, a message and where.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bimi {

enum class Severity { note, warning, error };

std::string_view to_string(Severity severity);

// 1-based line and column in the input; 0 means "the whole file".
struct Location {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  Location location;
};

// An ordered sink for findings. Libraries append; only the CLI prints.
class Diagnostics {
 public:
  void add(std::string rule, Severity severity, std::string message, Location location = {});
  void add(Diagnostic diagnostic);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  std::size_t count(Severity severity) const;
  bool has_errors() const { return count(Severity::error) > 0; }
  bool has_rule(std::string_view rule) const;

  // Orders findings by location, then rule id, so reports are stable.
  void sort_by_location();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace bimi
