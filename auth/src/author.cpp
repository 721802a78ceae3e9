#include "bimi/auth/author.hpp"

#include <vector>

#include "bimi/auth/idn.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

AuthorResult refusal(std::string reason, std::string message) {
  AuthorResult result;
  result.reason = std::move(reason);
  result.message = std::move(message);
  return result;
}

bool is_wsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_wsp(text[begin])) ++begin;
  while (end > begin && is_wsp(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

// Comments (nested, with quoted pairs) become one space, so they never hide a separator.
std::optional<std::string> without_comments(std::string_view value) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\\' && (quoted || depth > 0)) {
      if (i + 1 >= value.size()) return std::nullopt;
      if (depth == 0) {
        out += c;
        out += value[i + 1];
      }
      ++i;
      continue;
    }
    if (depth > 0) {
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) out += ' ';
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (c == '(' && !quoted) {
      depth = 1;
      continue;
    }
    out += c;
  }
  if (quoted || depth != 0) return std::nullopt;
  return out;
}

// Splits at `separator` outside quoted strings and angle brackets.
std::vector<std::string> split_top_level(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  int angle = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted && c == '\\' && i + 1 < text.size()) {
      current += c;
      current += text[++i];
      continue;
    }
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '<') ++angle;
    if (!quoted && c == '>' && angle > 0) --angle;
    if (!quoted && angle == 0 && c == separator) {
      parts.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  parts.push_back(current);
  return parts;
}

// The addr-spec of one mailbox: inside <…> when there is an angle-addr (dropping an obsolete
// route, RFC 5322 §4.4), else the whole text.
std::optional<std::string> mailbox_spec(std::string_view mailbox) {
  bool quoted = false;
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i < mailbox.size(); ++i) {
    if (mailbox[i] == '\\' && quoted) {
      ++i;
      continue;
    }
    if (mailbox[i] == '"') quoted = !quoted;
    if (!quoted && mailbox[i] == '<') {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos) {
    std::string spec = trim(mailbox);
    if (spec.empty()) return std::nullopt;
    return spec;
  }
  std::size_t close = mailbox.find('>', open);
  if (close == std::string_view::npos || !trim(mailbox.substr(close + 1)).empty()) return std::nullopt;
  std::string spec = trim(mailbox.substr(open + 1, close - open - 1));
  if (!spec.empty() && spec.front() == '@') {
    std::size_t colon = spec.find(':');
    if (colon == std::string::npos) return std::nullopt;
    spec = trim(std::string_view(spec).substr(colon + 1));
  }
  if (spec.empty()) return std::nullopt;
  return spec;
}

std::string unquote(std::string_view local) {
  if (local.size() < 2 || local.front() != '"' || local.back() != '"') return std::string(local);
  std::string out;
  for (std::size_t i = 1; i + 1 < local.size(); ++i) {
    if (local[i] == '\\' && i + 2 < local.size()) ++i;
    out += local[i];
  }
  return out;
}

// A dot-atom domain (RFC 5322 §3.4.1) as DNS knows it: A-labels, letters, digits and hyphens.
std::optional<std::string> dns_domain(std::string_view written, std::string& problem) {
  std::string domain = trim(written);
  if (domain.empty()) {
    problem = "the address has no domain";
    return std::nullopt;
  }
  if (domain.front() == '[') {
    problem = "the address has a domain literal (" + domain + "), which has no DNS domain";
    return std::nullopt;
  }
  if (domain.back() == '.') domain.pop_back();
  auto converted = to_a_labels(domain, problem);
  if (!converted) return std::nullopt;
  domain = std::move(*converted);
  domain = ascii_lower(domain);
  if (domain.size() > 253) {
    problem = "the domain is longer than 253 characters";
    return std::nullopt;
  }
  for (std::string_view label : split(domain, '.')) {
    bool ok = !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-';
    for (char c : label) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    if (!ok) {
      problem = "the domain " + domain + " is not a DNS name";
      return std::nullopt;
    }
  }
  return domain;
}

}  // namespace

std::optional<std::vector<std::string>> address_specs(std::string_view value, std::size_t limit) {
  auto text = without_comments(value);
  if (!text) return std::nullopt;
  std::vector<std::string> specs;
  for (const std::string& item : split_top_level(*text, ',')) {
    std::string entry = trim(item);
    // A group, "name: member, member;" (RFC 5322 §3.4): its members count as addresses.
    std::vector<std::string> colon_parts = split_top_level(entry, ':');
    if (colon_parts.size() > 1 && entry.find('<') == std::string::npos) {
      std::string members = entry.substr(colon_parts[0].size() + 1);
      while (!members.empty() && (members.back() == ';' || is_wsp(members.back()))) members.pop_back();
      if (trim(members).empty()) continue;
      entry = members;
    }
    if (entry.empty()) {
      if (split_top_level(*text, ',').size() == 1) return std::nullopt;
      continue;  // an empty list element (obs-mbox-list, RFC 5322 §4.4)
    }
    auto spec = mailbox_spec(entry);
    if (!spec) return std::nullopt;
    specs.push_back(*spec);
    if (specs.size() == limit) break;
  }
  return specs;
}

AuthorResult find_author(const Message& message) {
  auto fields = message.fields("From");
  if (fields.empty()) return refusal("from-missing", "the message has no From: field");
  if (fields.size() > 1)
    return refusal("from-multiple-fields", "the message has " + std::to_string(fields.size()) +
                                               " From: fields; BIMI needs exactly one");
  const HeaderField& field = *fields.front();
  std::string value = Message::unfolded_value(field);
  auto specs = address_specs(value, 2);
  if (!specs || specs->empty()) return refusal("from-syntax", "the From: field (" + value + ") holds no address bimi can read");
  if (specs->size() > 1) return refusal("from-multiple-addresses", "the From: field holds more than one address; BIMI needs exactly one");
  const std::string& spec = specs->front();
  // The last @ outside a quoted local part separates it from the domain.
  std::size_t at = std::string::npos;
  bool quoted = false;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '\\' && quoted) {
      ++i;
      continue;
    }
    if (spec[i] == '"') quoted = !quoted;
    if (!quoted && spec[i] == '@') at = i;
  }
  if (at == std::string::npos || at == 0) return refusal("from-syntax", "the From: address " + spec + " has no local part and domain");
  std::string problem;
  auto domain = dns_domain(std::string_view(spec).substr(at + 1), problem);
  if (!domain) return refusal("from-domain", problem);
  AuthorResult result;
  result.author = Author{unquote(trim(std::string_view(spec).substr(0, at))), *domain, spec, field.line};
  return result;
}

}  // namespace bimi::auth
