#include "batch.hpp"

#include <cctype>

#include "bimi/diagnostic.hpp"
#include "bimi/file_io.hpp"
#include "bimi/svgps/input.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::cli {

bool is_svg_name(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".svg" || extension == ".svgz";
}

std::vector<std::filesystem::path> find_svg_files(const std::filesystem::path& directory) {
  namespace fs = std::filesystem;
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_svg_name(it->path())) found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::optional<svgps::Image> load_and_render(const std::string& path, int size, std::string& error) {
  svgps::Limits limits;
  auto bytes = read_file(path, limits.max_input_bytes);
  if (auto* io = std::get_if<IoError>(&bytes)) {
    error = io->message;
    return std::nullopt;
  }
  Diagnostics diagnostics;
  auto text = svgps::decode_svg(std::get<std::string>(bytes), limits, diagnostics);
  if (!text) {
    error = path + ": " + diagnostics.items().front().message;
    return std::nullopt;
  }
  auto image = svgps::render_svg(*text, size, error);
  if (!image) error = path + ": " + error;
  return image;
}

}  // namespace bimi::cli
