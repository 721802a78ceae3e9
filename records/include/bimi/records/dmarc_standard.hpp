// The DMARC specification bimi applies: RFC 9989 (the DNS tree walk, np=, psd=, t=) by default,
// or RFC 7489 (the Public Suffix List, pct=) on request. Every verdict names the one it used.
#pragma once

#include <optional>
#include <string_view>

namespace bimi::records {

enum class DmarcStandard { rfc9989, rfc7489 };

// "rfc9989" or "rfc7489": the spelling of --dmarc and of the JSON reports.
std::string_view id_of(DmarcStandard standard);
// "RFC 9989" or "RFC 7489": the spelling of text reports and messages.
std::string_view name_of(DmarcStandard standard);
std::optional<DmarcStandard> parse_dmarc_standard(std::string_view id);

}  // namespace bimi::records
