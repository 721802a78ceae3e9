#include "bimi/records/domain_name.hpp"

#include "text.hpp"

namespace bimi::records {
namespace {

bool is_ldh_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Every label LDH; returns the number of labels, or 0 when one is not.
std::size_t count_ldh_labels(std::string_view name) {
  std::size_t labels = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    std::string_view label = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_ldh_label(label)) return 0;
    ++labels;
    if (dot == std::string_view::npos) return labels;
    start = dot + 1;
  }
}

}  // namespace

std::optional<std::string> normalize_domain(std::string_view name) {
  std::string lower = lowercase(name);
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower.empty() || lower.size() > 253 || count_ldh_labels(lower) < 2) return std::nullopt;
  return lower;
}

std::optional<std::string> normalize_selector(std::string_view selector) {
  std::string lower = lowercase(selector);
  if (lower.empty() || lower.size() > 200 || count_ldh_labels(lower) < 1) return std::nullopt;
  return lower;
}

}  // namespace bimi::records
