#include "render_worker.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bimi/svgps/render_sandbox.hpp"

namespace bimi::cli {

std::optional<int> run_render_worker(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], render_worker_argument) != 0) return std::nullopt;
  // __render-worker [--font-dir DIR]... [--language LANGUAGES] SECONDS MIB
  if (argc < 4 || (argc - 4) % 2 != 0) return 2;
  std::vector<std::string> font_directories;
  for (int i = 2; i + 2 < argc; i += 2) {
    if (std::strcmp(argv[i], font_dir_argument) == 0) {
      font_directories.emplace_back(argv[i + 1]);
    } else if (std::strcmp(argv[i], language_argument) == 0) {
      // glib (and so librsvg's systemLanguage) reads LANGUAGE before any locale variable.
      ::setenv("LANGUAGE", argv[i + 1], 1);
    } else {
      return 2;
    }
  }
  double seconds = std::strtod(argv[argc - 2], nullptr);
  unsigned long long memory_mib = std::strtoull(argv[argc - 1], nullptr, 10);
  if (!(seconds > 0) || memory_mib == 0) return 2;
  return svgps::serve_renders(3, seconds, static_cast<std::size_t>(memory_mib), font_directories);
}

svgps::Limits sandboxed_limits() { return sandboxed_limits({}); }

std::optional<std::vector<std::string>> font_directories(const std::vector<std::string>& given,
                                                         std::string& not_a_directory) {
  std::vector<std::string> out;
  for (const auto& directory : given) {
    std::error_code ignored;
    if (!std::filesystem::is_directory(directory, ignored)) {
      not_a_directory = directory;
      return std::nullopt;
    }
    out.push_back(std::filesystem::absolute(directory, ignored).string());
  }
  return out;
}

svgps::Limits sandboxed_limits(const std::vector<std::string>& font_directories, const std::string& languages) {
  static const svgps::Limits defaults;
  // One pool of workers per set of font directories, for the life of the process.
  static std::mutex guard;
  static std::map<std::pair<std::vector<std::string>, std::string>, std::unique_ptr<svgps::SandboxRenderer>> renderers;
  std::lock_guard<std::mutex> lock(guard);
  auto& renderer = renderers[{font_directories, languages}];
  if (!renderer) {
    std::vector<std::string> arguments{render_worker_argument};
    for (const auto& directory : font_directories) {
      arguments.push_back(font_dir_argument);
      arguments.push_back(directory);
    }
    if (!languages.empty()) {
      arguments.push_back(language_argument);
      arguments.push_back(languages);
    }
    renderer = std::make_unique<svgps::SandboxRenderer>(svgps::SandboxSettings{
        "/proc/self/exe", std::move(arguments), defaults.max_render_seconds, defaults.max_render_memory_mib});
  }
  svgps::Limits limits;
  limits.renderer = renderer.get();
  return limits;
}

}  // namespace bimi::cli
