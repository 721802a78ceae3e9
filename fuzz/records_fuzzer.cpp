// The record grammars on arbitrary bytes: BIMI and DMARC parsing, zone-file strings, HTTPS URLs
// and domain names must never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/records/bimi_record.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "bimi/records/domain_name.hpp"
#include "bimi/records/txt.hpp"
#include "bimi/records/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bimi::Diagnostics findings;
  auto bimi_record = bimi::records::parse_bimi_record(input, findings);
  auto dmarc = bimi::records::parse_dmarc_record(input, findings);
  bimi::records::check_record_for_bimi("fuzz", dmarc, findings);
  if (auto joined = bimi::records::join_presentation(input)) {
    bimi::records::parse_bimi_record(*joined, findings);
    (void)bimi::records::to_presentation(*joined);
  }
  (void)bimi::records::parse_https_url(input);
  (void)bimi::records::normalize_domain(input);
  (void)bimi_record.declination;
  return 0;
}
