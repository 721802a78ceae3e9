// Runs check_host() for the scenarios pyspf_oracle.py generates: JSON on standard input
// ({"scenarios": [{"zone": {"name": [["TYPE", "value"], ...]}, "tests": [{"ip", "mail_from",
// "helo"}]}]}), one result per test on standard output, in order.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/auth/spf_evaluator.hpp"
#include "zone_resolver.hpp"

int main() {
  using namespace bimi::auth;
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  auto input = nlohmann::json::parse(text);
  for (const auto& scenario : input["scenarios"]) {
    for (const auto& test : scenario["tests"]) {
      testing::ZoneResolver zone;
      for (const auto& [name, entries] : scenario["zone"].items()) {
        for (const auto& entry : entries) zone.add(name, entry[0].get<std::string>(), entry[1].get<std::string>());
      }
      SpfRequest request;
      request.ip = *IpAddress::parse(test["ip"].get<std::string>());
      request.mail_from = test["mail_from"].get<std::string>();
      request.helo = test["helo"].get<std::string>();
      SpfOutcome outcome = check_mail_from(zone, request);
      std::cout << to_string(outcome.result) << "\t" << outcome.reason << " [" << outcome.dns_terms << " terms, " << outcome.void_lookups << " void]\n";
    }
  }
  return 0;
}
