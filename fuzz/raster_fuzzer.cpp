// Bitmap logos on arbitrary bytes: PNG/JPEG decoding, resampling, colour reduction, tracing and
// the rest of the convert pipeline; and the alpha bands a traced filter result is cut into, on the
// decoded pixels.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/raster.hpp"
#include "raster/alpha_bands.hpp"
#include "raster/alpha_gradient.hpp"
#include "raster/trace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  bimi::svgps::ConvertOptions options;
  options.fidelity_size = options.fidelity_size_fine = 32;  // the pipeline is the target, not the rasterizer
  options.limits.max_pixels = 1u << 20;  // a fuzzed header may claim anything; keep runs short
  // The product's own time limit, tighter than libFuzzer's, so that a slow noisy picture is a
  // refusal (as it is for a user) and only a real hang reaches the fuzzer's timeout.
  options.limits.max_seconds_per_file = 10;
  options.colors = static_cast<int>(size % 5);
  options.background = size % 2 ? bimi::svgps::ConvertOptions::Background::automatic
                                 : bimi::svgps::ConvertOptions::Background::none;
  std::string error;
  if (auto bitmap = bimi::svgps::decode_raster(bytes, options.limits, error)) {
    if (auto bands = bimi::svgps::raster::alpha_bands(*bitmap, 1 + static_cast<int>(size % 16))) {
      (void)bimi::svgps::raster::trace_layers(bands->indexed, {}, error);
    }
    if (auto fitted = bimi::svgps::raster::fit_alpha_gradient(*bitmap)) {
      (void)bimi::svgps::raster::trace_layers(fitted->support, {}, error);
    }
  }
  (void)bimi::svgps::convert_raster(bytes, options);
  return 0;
}
