#include "bimi/vmc/logo_bytes.hpp"

#include <vector>

namespace bimi::vmc {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string_view without_bom(std::string_view bytes) {
  return bytes.substr(0, utf8_bom.size()) == utf8_bom ? bytes.substr(utf8_bom.size()) : bytes;
}

std::string crlf_to_lf(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
    out += bytes[i];
  }
  return out;
}

// The text without its final line breaks (LF or CR).
std::string_view without_final_breaks(std::string_view bytes) {
  while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) bytes.remove_suffix(1);
  return bytes;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace

LogoByteTraits logo_byte_traits(std::string_view bytes) {
  LogoByteTraits traits;
  traits.bom = bytes.substr(0, utf8_bom.size()) == utf8_bom;
  traits.crlf = bytes.find("\r\n") != std::string_view::npos;
  std::size_t end = bytes.size();
  while (end > 0) {
    if (bytes[end - 1] == '\n') {
      end -= end >= 2 && bytes[end - 2] == '\r' ? 2 : 1;
    } else if (bytes[end - 1] == '\r') {
      end -= 1;
    } else {
      break;
    }
    ++traits.final_line_breaks;
  }
  return traits;
}

std::string explain_logo_difference(std::string_view reference, std::string_view actual,
                                    std::string_view reference_name, std::string_view actual_name) {
  if (reference == actual) return {};
  const std::string ref_name(reference_name);
  const std::string act_name(actual_name);
  std::vector<std::string> reasons;
  auto ref = logo_byte_traits(reference);
  auto act = logo_byte_traits(actual);
  if (ref.bom != act.bom) {
    reasons.push_back((act.bom ? act_name : ref_name) + " starts with a UTF-8 byte order mark and " +
                      (act.bom ? ref_name : act_name) + " does not");
  }
  std::string ref_text = crlf_to_lf(without_bom(reference));
  std::string act_text = crlf_to_lf(without_bom(actual));
  if (ref.crlf != act.crlf) {
    reasons.push_back(act_name + " has " + (act.crlf ? "CRLF" : "LF") + " line ends where " + ref_name + " has " +
                      (act.crlf ? "LF" : "CRLF"));
  }
  if (ref.final_line_breaks != act.final_line_breaks) {
    if (act.final_line_breaks == 0) {
      reasons.push_back(act_name + " lacks the final newline of " + ref_name);
    } else if (ref.final_line_breaks == 0) {
      reasons.push_back(act_name + " ends with a newline " + ref_name + " lacks");
    } else {
      reasons.push_back(act_name + " ends with " + plural(act.final_line_breaks, "line break", "line breaks") + ", " +
                        ref_name + " with " + std::to_string(ref.final_line_breaks));
    }
  }
  std::string_view ref_body = without_final_breaks(ref_text);
  std::string_view act_body = without_final_breaks(act_text);
  if (ref_body != act_body) {
    std::size_t line = 1, column = 1, i = 0;
    for (; i < ref_body.size() && i < act_body.size() && ref_body[i] == act_body[i]; ++i) {
      if (ref_body[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string where = "line " + std::to_string(line) + ", column " + std::to_string(column);
    if (i == ref_body.size() || i == act_body.size()) {
      reasons.push_back((i == act_body.size() ? act_name + " ends early, at " : act_name + " goes on past the end of " +
                                                                                    ref_name + ", from ") +
                        where);
    } else {
      reasons.push_back("the content differs from " + where + " on");
    }
  }
  if (reasons.empty()) {
    // Both mix CRLF and LF, on different lines.
    std::size_t line = 1;
    for (std::size_t i = 0; i < reference.size() && i < actual.size() && reference[i] == actual[i]; ++i) {
      if (reference[i] == '\n') ++line;
    }
    reasons.push_back("the line ends differ (CRLF against LF) from line " + std::to_string(line) + " on");
  }
  std::string out;
  for (const auto& reason : reasons) out += (out.empty() ? "" : "; ") + reason;
  return out;
}

}  // namespace bimi::vmc
