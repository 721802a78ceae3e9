// The header fields a receiver adds once it has judged a message: Authentication-Results
// (RFC 8601) with the spf, dkim, dmarc and bimi methods, and the BIMI-Location, BIMI-Indicator and
// BIMI-Logo-Preference fields of the BIMI draft. Each is returned folded to SMTP's line length
// (RFC 5321 §4.5.3.1.6), without the final CRLF.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bimi::auth {

// One resinfo (RFC 8601 §2.2): `method=result (comment) ptype.property=value …`.
struct MethodResult {
  std::string method;   // spf, dkim, dmarc, bimi, arc
  std::string result;   // pass, fail, none, declined, skipped, …
  std::string comment;  // optional, written in parentheses
  std::vector<std::pair<std::string, std::string>> properties;  // e.g. {"header.d", "example.com"}
};

std::string authentication_results_field(std::string_view authserv_id, const std::vector<MethodResult>& results);

// `BIMI-Location: v=BIMI1; l=<uri>` with `a=<uri>` when evidence was verified.
std::string bimi_location_field(std::string_view location_uri, std::string_view evidence_uri = {});

// The SVG (uncompressed) in base64, folded.
std::string bimi_indicator_field(std::string_view svg);

// `policy.indicator-hash`: the SHA-256 of the uncompressed SVG, its last 8 hexadecimal digits.
std::string indicator_hash(std::string_view svg);

// `BIMI-Logo-Preference: avp=personal|brand;`
std::string bimi_logo_preference_field(std::string_view avp);

}  // namespace bimi::auth
