// The document-level proof of the rendered rules on arbitrary XML: it must answer, within its
// bounds, without rendering.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"
#include "svg/raw_tree.hpp"
#include "lint/visual_proof.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bimi::svgps::Limits limits;
  bimi::Diagnostics diagnostics;
  auto document = bimi::svgps::detail::parse_xml(text, limits, diagnostics);
  if (!document) return 0;
  (void)bimi::svgps::detail::visual_rules_proved_silent(text, *document, limits.render_size);
  // A smaller render moves every threshold; the proof must stay well-behaved there too.
  (void)bimi::svgps::detail::visual_rules_proved_silent(text, *document, 8 + static_cast<int>(size % 64));
  return 0;
}
