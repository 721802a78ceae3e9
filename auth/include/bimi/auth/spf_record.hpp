// SPF records (RFC 7208 §4.5, §4.6, §12): the version check and the parse into mechanisms and
// modifiers, with the column of every term and of every syntax error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/auth/ip_address.hpp"

namespace bimi::auth {

// The longest record bimi parses: a TXT answer is bounded by records::max_record_bytes anyway;
// this keeps the parser bounded when called directly.
inline constexpr std::size_t max_spf_record_bytes = 4096;

enum class SpfQualifier { pass, fail, softfail, neutral };
enum class SpfMechanismKind { all, include, a, mx, ptr, ip4, ip6, exists };

struct SpfMechanism {
  SpfQualifier qualifier = SpfQualifier::pass;
  SpfMechanismKind kind = SpfMechanismKind::all;
  std::string domain_spec;  // a macro-string; empty for a, mx, ptr means <domain>
  IpAddress network;        // ip4 and ip6
  int cidr4 = 32;           // a, mx, ip4
  int cidr6 = 128;          // a, mx, ip6
  std::string text;         // the term as written
  int column = 0;           // 1-based
};

struct SpfModifier {
  std::string name;   // lower case for redirect and exp, as written otherwise
  std::string value;  // a macro-string
  std::string text;
  int column = 0;
};

struct SpfRecord {
  std::vector<SpfMechanism> mechanisms;
  std::optional<SpfModifier> redirect;
  std::optional<SpfModifier> explanation;  // exp=
  std::vector<SpfModifier> unknown_modifiers;

  bool has_all() const;
};

struct SpfSyntaxError {
  std::string message;
  int column = 0;  // 1-based
};

// True when the record starts with "v=spf1" (any case) followed by a space or its end (§4.5).
bool is_spf_record(std::string_view text);

std::variant<SpfRecord, SpfSyntaxError> parse_spf_record(std::string_view text);

std::string_view to_string(SpfMechanismKind kind);
char to_char(SpfQualifier qualifier);

// include, a, mx, ptr and exists (and the redirect modifier) query the DNS and count towards the
// limit of §4.6.4.
bool queries_dns(SpfMechanismKind kind);

}  // namespace bimi::auth
