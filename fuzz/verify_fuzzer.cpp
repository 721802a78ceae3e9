// Verification of arbitrary certificate bytes against a fixed logo and domain.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/svgps/lint.hpp"
#include "bimi/vmc/verify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string_view logo =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 10 10\">"
      "<title>x</title><rect width=\"10\" height=\"10\" fill=\"#fff\"/><circle cx=\"5\" cy=\"5\" r=\"3\"/></svg>";
  bimi::vmc::VerifyOptions options;
  options.domain = "example.com";
  options.at = 1'700'000'000;
  options.logo_linter = [](std::string_view svg) {
    bimi::svgps::LintOptions lint_options;
    lint_options.render_checks = false;
    return bimi::svgps::lint(svg, lint_options).diagnostics;
  };
  (void)bimi::vmc::verify_certificate(std::string_view(reinterpret_cast<const char*>(data), size), logo, options);
  return 0;
}
