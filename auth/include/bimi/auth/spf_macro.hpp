// SPF macros (RFC 7208 §7): the syntax of macro-strings and their expansion, bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/auth/ip_address.hpp"

namespace bimi::auth {

// A domain-spec expands to at most 253 characters (§7.3: labels are dropped from the left);
// an explanation to at most this many bytes (longer text is cut).
inline constexpr std::size_t max_explanation_bytes = 1024;
// Any expansion stops with an error past this size, before truncation: it bounds the work a
// hostile record with many transformers over a long sender can cause.
inline constexpr std::size_t max_macro_expansion_bytes = 8192;

enum class MacroUse { domain_spec, explanation };

struct MacroContext {
  std::string local_part;  // of <sender>; "postmaster" when it had none (§4.3)
  std::string sender_domain;
  std::string domain;  // the current <domain> of check_host()
  IpAddress ip;
  std::string helo;
  std::string receiver = "unknown";  // r, explanations only
  std::int64_t timestamp = 0;        // t, explanations only
  // p: the validated domain name of <ip> (§5.5), or "unknown". Called at most once per expansion.
  std::function<std::string()> validated_name;
};

struct MacroError {
  std::string message;
  std::size_t offset = 0;  // 0-based in the macro-string
};

// Nullopt when `text` is a valid macro-string (an explain-string for explanation use): every
// `%` starts `%{letter digits r delimiters}`, `%%`, `%_` or `%-`; c, r and t only in explanations.
std::optional<MacroError> check_macro_string(std::string_view text, MacroUse use);

// The expansion, or the error (syntax, or a result too long). A domain-spec is cut to 253
// characters from the left at label boundaries (§7.3).
struct MacroExpansion {
  std::string text;
  std::optional<MacroError> error;
};
MacroExpansion expand_macros(std::string_view text, const MacroContext& context, MacroUse use);

// The i macro: dotted quad, or 32 dotted nibbles for IPv6 (§7.3).
std::string dotted_address(const IpAddress& ip);
// The name a PTR query for `ip` asks (…in-addr.arpa / …ip6.arpa).
std::string reverse_name(const IpAddress& ip);

}  // namespace bimi::auth
