// The render worker for the sandbox tests: what `bimi __render-worker SECONDS
// MIB` does.
#include <cstdlib>

#include "bimi/svgps/render_sandbox.hpp"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  return bimi::svgps::serve_renders(3, std::strtod(argv[1], nullptr), std::strtoull(argv[2], nullptr, 10));
}
