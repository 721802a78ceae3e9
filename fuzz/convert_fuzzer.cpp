// The whole convert pipeline on arbitrary SVG: styles, builder, geometry, writer, own lint, renders.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/svgps/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bimi::svgps::ConvertOptions options;
  options.fidelity_size = options.fidelity_size_fine = 32;  // the pipeline is the target, not the rasterizer
  // The per-file deadline is the bound on work that grows with effects: sanitizers slow a
  // two-second logo of 61 traced blurs past libFuzzer's timeout, where the deadline refuses it.
  options.limits.max_seconds_per_file = 10;
  options.force = size % 3 == 0;
  options.fit = size % 2 ? bimi::svgps::ConvertOptions::Fit::artboard : bimi::svgps::ConvertOptions::Fit::content;
  (void)bimi::svgps::convert_svg(std::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
