// The whole convert pipeline on arbitrary SVG: styles, builder, geometry, writer, own lint, renders.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/svgps/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bimi::svgps::ConvertOptions options;
  options.fidelity_size = options.fidelity_size_fine = 32;  // the pipeline is the target, not the rasterizer
  options.force = size % 3 == 0;
  options.fit = size % 2 ? bimi::svgps::ConvertOptions::Fit::artboard : bimi::svgps::ConvertOptions::Fit::content;
  (void)bimi::svgps::convert_svg(std::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}
