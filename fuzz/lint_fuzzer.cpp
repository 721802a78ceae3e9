// XML loading and every static lint rule on arbitrary bytes (SVG or SVGZ).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/svgps/lint.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bimi::svgps::LintOptions options;
  options.render_checks = false;  // librsvg has its own fuzzing; this keeps executions fast
  options.profile = size % 2 ? bimi::svgps::Profile::strict : bimi::svgps::Profile::spec;
  (void)bimi::svgps::lint(std::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
