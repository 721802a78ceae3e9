#include "bimi/auth/receiver_headers.hpp"

#include "bimi/base64.hpp"
#include "signature_check.hpp"

namespace bimi::auth {
namespace {

constexpr std::size_t line_limit = 78;  // RFC 5322 §2.1.1's recommended line length

// RFC 8601 §2.2 pvalue: a domain or an address as is, any other value a token or a quoted string.
std::string property_value(std::string_view value) {
  bool domain_like = !value.empty();
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    domain_like = domain_like && u > 32 && u < 127 && std::string_view("()<>,;:\\\"/[]?= ").find(c) == std::string_view::npos;
  }
  if (domain_like) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

// Joins words with single spaces, breaking the line (CRLF and a tab) before a word that would
// pass the limit. Words never contain white space of their own, except quoted values.
std::string fold(std::string_view name, const std::vector<std::string>& words) {
  std::string out(name);
  out += ':';
  std::size_t line_length = out.size();
  for (const auto& word : words) {
    if (line_length + 1 + word.size() > line_limit && line_length > 1) {
      out += "\r\n\t";
      line_length = 1;
    } else {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
  }
  return out;
}


}  // namespace

std::string authentication_results_field(std::string_view authserv_id, const std::vector<MethodResult>& results) {
  std::vector<std::string> words;
  words.push_back(std::string(authserv_id) + (results.empty() ? "; none" : ";"));
  for (std::size_t i = 0; i < results.size(); ++i) {
    const MethodResult& entry = results[i];
    std::vector<std::string> parts{entry.method + "=" + entry.result};
    if (!entry.comment.empty()) {
      std::string comment = "(";
      for (char c : entry.comment) {
        if (c == '(' || c == ')' || c == '\\') comment += '\\';
        comment += c;
      }
      parts.push_back(comment + ")");
    }
    for (const auto& [property, value] : entry.properties) parts.push_back(property + "=" + property_value(value));
    if (i + 1 < results.size()) parts.back() += ";";
    for (auto& part : parts) words.push_back(std::move(part));
  }
  return fold("Authentication-Results", words);
}

std::string bimi_location_field(std::string_view location_uri, std::string_view evidence_uri) {
  std::vector<std::string> words{"v=BIMI1;"};
  if (!location_uri.empty()) words.push_back("l=" + std::string(location_uri) + ";");
  if (!evidence_uri.empty()) words.push_back("a=" + std::string(evidence_uri) + ";");
  return fold("BIMI-Location", words);
}

std::string bimi_indicator_field(std::string_view svg) {
  // base64string allows folding white space anywhere between characters.
  std::string encoded = base64_encode(svg);
  std::string out = "BIMI-Indicator:";
  std::size_t first = line_limit - out.size() - 1;
  out += ' ';
  out += encoded.substr(0, first);
  for (std::size_t pos = first; pos < encoded.size(); pos += line_limit - 1) out += "\r\n\t" + encoded.substr(pos, line_limit - 1);
  return out;
}

std::string indicator_hash(std::string_view svg) {
  std::string digest = detail::sha256(svg);
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  for (unsigned char c : digest) {
    text += hex[c >> 4];
    text += hex[c & 15];
  }
  return text.substr(text.size() - 8);
}

std::string bimi_logo_preference_field(std::string_view avp) {
  return "BIMI-Logo-Preference: avp=" + std::string(avp) + ";";
}

}  // namespace bimi::auth
