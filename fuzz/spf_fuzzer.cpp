// SPF on arbitrary bytes: the record parser, macro expansion and check_host() plus the record
// check against a zone built from the input must never crash, hang or grow without bound.
// Input: the first line is example.com's record and a macro-string; each further line is
// "name TYPE value" (TXT, A, AAAA, MX, PTR, CNAME, TIMEOUT) for the zone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bimi/auth/spf_evaluator.hpp"
#include "bimi/auth/spf_macro.hpp"
#include "bimi/auth/spf_record.hpp"
#include "bimi/auth/spf_record_check.hpp"
#include "zone_resolver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bimi::auth;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t newline = input.find('\n');
  std::string first(input.substr(0, newline));
  (void)parse_spf_record(first);

  MacroContext context;
  context.local_part = first.substr(0, 64);
  context.sender_domain = "example.com";
  context.domain = "example.com";
  context.helo = "mx.example.org";
  context.ip = *IpAddress::parse(size % 2 ? "2001:db8::1" : "192.0.2.1");
  context.validated_name = [] { return std::string("mail.example.com"); };
  (void)expand_macros(first, context, MacroUse::domain_spec);
  (void)expand_macros(first, context, MacroUse::explanation);

  testing::ZoneResolver zone;
  zone.add("example.com", "TXT", first);
  if (newline != std::string_view::npos) zone.add_lines(std::string(input.substr(newline + 1)));
  SpfRequest request;
  request.ip = context.ip;
  request.mail_from = context.local_part + "@example.com";
  request.helo = "mx.example.org";
  (void)check_mail_from(zone, request);
  (void)check_helo(zone, request);
  bimi::Diagnostics findings;
  (void)check_spf_record(zone, "example.com", findings);
  return 0;
}
