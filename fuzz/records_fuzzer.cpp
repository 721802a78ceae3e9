// The record grammars on arbitrary bytes: BIMI and DMARC parsing (by RFC 9989 and RFC 7489),
// zone-file strings, HTTPS URLs, domain names, local-part selectors and the DNS tree walk over a
// zone made of the input must never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/records/bimi_record.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/domain_name.hpp"
#include "bimi/records/local_part.hpp"
#include "bimi/records/txt.hpp"
#include "bimi/records/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bimi::Diagnostics findings;
  auto bimi_record = bimi::records::parse_bimi_record(input, findings);
  auto dmarc = bimi::records::parse_dmarc_record(input, findings);
  bimi::records::check_record_for_bimi("fuzz", dmarc, findings);
  bimi::records::check_test_mode_for_bimi("fuzz", dmarc, findings);
  auto old_dmarc = bimi::records::parse_dmarc_record(input, findings, bimi::records::DmarcStandard::rfc7489);
  bimi::records::check_record_for_bimi("fuzz", old_dmarc, findings);
  if (auto selector = bimi::records::normalize_local_part(input.substr(0, 64))) {
    (void)bimi::records::matches_local_part_prefixes(*selector, bimi_record.local_part_prefixes);
  }
  // Every name answers with the input as its only TXT record: the walk, the policy and discovery
  // (lps= included) run on it from a long name, and stay within their query bounds.
  std::size_t lookups = 0;
  bimi::records::TxtLookupFunction zone = [&](const std::string&) {
    ++lookups;
    return bimi::records::TxtLookup{bimi::records::LookupStatus::found, {std::string(input)}, {}};
  };
  auto walked = bimi::records::evaluate_dmarc_tree_walk("a.b.c.d.e.f.g.h.i.mail.example.com", zone);
  if (walked.queried.size() > bimi::records::max_tree_walk_queries) __builtin_trap();
  auto discovery = bimi::records::discover_bimi_record("mail.example.com", walked.organizational_domain, "default",
                                                       zone, "news.letters+x");
  if (lookups > bimi::records::max_tree_walk_queries + 1 + 8) __builtin_trap();
  (void)discovery.has_logo();
  if (auto joined = bimi::records::join_presentation(input)) {
    bimi::records::parse_bimi_record(*joined, findings);
    (void)bimi::records::to_presentation(*joined);
  }
  (void)bimi::records::parse_https_url(input);
  (void)bimi::records::normalize_domain(input);
  (void)bimi_record.declination;
  return 0;
}
