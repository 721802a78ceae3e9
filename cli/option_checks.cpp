#include "option_checks.hpp"

#include <string>

#include "bimi/records/domain_name.hpp"
#include "bimi/svgps/color.hpp"
#include "bimi/vmc/certificate.hpp"

namespace bimi::cli {

CLI::Validator background_value() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value == "auto" || value == "none" || svgps::parse_opaque_color(value)) return {};
        return "\"" + value + "\" is not auto, none or an opaque CSS colour (#fff, #1a2b3c, rgb(…), a name)";
      },
      "auto|none|COLOR");
}

CLI::Validator iso_time() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (vmc::parse_time(value)) return {};
        return "\"" + value + "\" is not an ISO 8601 time; accepted: " + std::string(vmc::accepted_time_forms);
      },
      "TIME");
}

CLI::Validator domain_name() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (records::normalize_domain(value)) return {};
        return "\"" + value + "\" is not a domain name";
      },
      "DOMAIN");
}

CLI::Validator selector_name() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (records::normalize_selector(value)) return {};
        return "\"" + value + "\" is not a selector";
      },
      "SELECTOR");
}

}  // namespace bimi::cli
