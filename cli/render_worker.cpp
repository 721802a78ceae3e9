#include "render_worker.hpp"

#include <cstdlib>
#include <cstring>
#include <string>

#include "bimi/svgps/render_sandbox.hpp"

namespace bimi::cli {

std::optional<int> run_render_worker(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], render_worker_argument) != 0) return std::nullopt;
  if (argc != 4) return 2;
  double seconds = std::strtod(argv[2], nullptr);
  unsigned long long memory_mib = std::strtoull(argv[3], nullptr, 10);
  if (!(seconds > 0) || memory_mib == 0) return 2;
  return svgps::serve_renders(3, seconds, static_cast<std::size_t>(memory_mib));
}

svgps::Limits sandboxed_limits() {
  static const svgps::Limits defaults;
  static const svgps::SandboxRenderer renderer(svgps::SandboxSettings{
      "/proc/self/exe", {render_worker_argument}, defaults.max_render_seconds, defaults.max_render_memory_mib});
  svgps::Limits limits;
  limits.renderer = &renderer;
  return limits;
}

}  // namespace bimi::cli
