// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; a leading
// `= + - @` gets a `'` so a spreadsheet does not read the field as a formula.
#pragma once

#include <string>
#include <string_view>

namespace bimi::cli {

inline std::string csv_field(std::string_view text) {
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) value.insert(0, "'");
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace bimi::cli
