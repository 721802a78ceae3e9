// The rendered rules' document-level work on arbitrary XML: the plain scene, the proof that the
// rules stay silent and bimi's own cairo drawing must each answer within their bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"
#include "render/plain_scene.hpp"
#include "render/scene_drawing.hpp"
#include "lint/visual_proof.hpp"
#include "svg/raw_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bimi::svgps::Limits limits;
  bimi::Diagnostics diagnostics;
  auto document = bimi::svgps::detail::parse_xml(text, limits, diagnostics);
  if (!document) return 0;
  // At the rules' size and at a smaller one, which moves every threshold.
  for (int render_size : {limits.render_size, 8 + static_cast<int>(size % 64)}) {
    auto scene = bimi::svgps::detail::read_plain_scene(text, *document, render_size);
    if (!scene) continue;
    (void)bimi::svgps::detail::visual_rules_proved_silent(*scene, render_size);
    (void)bimi::svgps::detail::draw_plain_scene(*scene, render_size);
  }
  return 0;
}
