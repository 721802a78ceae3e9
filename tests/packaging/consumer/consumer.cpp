// Uses one entry point of each installed bimi library; prints what it found,
// one line each.
#include <iostream>
#include <string>
#include <variant>

#include "bimi/auth/spf_record.hpp"
#include "bimi/base64.hpp"
#include "bimi/net/address_range.hpp"
#include "bimi/records/bimi_record.hpp"
#include "bimi/svgps/lint.hpp"
#include "bimi/vmc/logo_hash.hpp"

int main() {
  const std::string logo =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" "
      "baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">"
      "<title>Example</title><rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/></svg>";
  bimi::svgps::LintOptions options;
  options.render_checks = false;
  bimi::svgps::LintReport report = bimi::svgps::lint(logo, options);
  std::cout << "svgps: " << (report.diagnostics.has_errors() ? "errors" : "valid") << "\n";
  std::cout << "vmc: " << bimi::vmc::hex_digest(bimi::vmc::HashAlgorithm::sha256, "abc").substr(0, 8) << "\n";
  bimi::Diagnostics findings;
  bimi::records::BimiRecord record =
      bimi::records::parse_bimi_record("v=BIMI1; l=https://example.com/logo.svg;", findings);
  std::cout << "records: " << record.logo_url.value_or("-") << "\n";
  std::cout << "auth: "
            << (std::holds_alternative<bimi::auth::SpfRecord>(bimi::auth::parse_spf_record("v=spf1 -all")) ? "spf"
                                                                                                           : "not spf")
            << "\n";
  std::cout << "common: " << bimi::base64_encode("bimi") << "\n";
  std::cout << "net: " << (bimi::net::special_purpose_range("127.0.0.1") != nullptr ? "special" : "public") << "\n";
  return 0;
}
