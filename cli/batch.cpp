#include "batch.hpp"

#include <cctype>

#include "bimi/diagnostic.hpp"
#include "bimi/file_io.hpp"
#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/input.hpp"
#include "bimi/svgps/limits.hpp"
#include "bimi/svgps/raster.hpp"
#include "file_args.hpp"
#include "render_worker.hpp"

namespace bimi::cli {

namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension;
}

}  // namespace

bool is_svg_name(const std::filesystem::path& path) {
  std::string extension = lower_extension(path);
  return extension == ".svg" || extension == ".svgz";
}

bool is_logo_name(const std::filesystem::path& path) {
  std::string extension = lower_extension(path);
  return is_svg_name(path) || extension == ".png" || extension == ".jpg" || extension == ".jpeg" || extension == ".webp" ||
         extension == ".gif";
}

std::vector<std::filesystem::path> find_svg_files(const std::filesystem::path& directory) {
  return find_files(directory, is_svg_name);
}

std::vector<std::filesystem::path> find_files(const std::filesystem::path& directory,
                                              bool (*wanted)(const std::filesystem::path&),
                                              const std::filesystem::path& skip) {
  namespace fs = std::filesystem;
  std::vector<fs::path> found;
  // A directory not made yet holds nothing to skip. Symlinked directories are never entered.
  const std::optional<FileIdentity> skipped = skip.empty() ? std::nullopt : file_identity(skip);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    // Errors about one entry (a dangling link) skip that entry; only the walk's own errors end it.
    std::error_code entry_error;
    if (skipped && it->is_directory(entry_error) && file_identity(it->path()) == skipped) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(entry_error) && wanted(it->path())) found.push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::optional<svgps::Image> load_and_render(const std::string& path, int size, std::string& error,
                                            const std::vector<std::string>& font_directories, Drawn drawn) {
  const svgps::Limits limits = sandboxed_limits(font_directories);
  auto bytes = read_input_file(path, limits.max_input_bytes);
  if (auto* io = std::get_if<IoError>(&bytes)) {
    error = io->message;
    return std::nullopt;
  }
  const std::string& data = std::get<std::string>(bytes);
  if (svgps::sniff_raster(data) != svgps::RasterFormat::none) {
    auto decoded = svgps::decode_raster(data, limits, error);
    if (!decoded) {
      error = path + ": " + error;
      return std::nullopt;
    }
    return svgps::fit_into_square(*decoded, size);
  }
  Diagnostics diagnostics;
  auto text = svgps::decode_svg(std::get<std::string>(bytes), limits, diagnostics);
  if (!text) {
    error = path + ": " + diagnostics.items().front().message;
    return std::nullopt;
  }
  svgps::RenderFailure failure;
  // A root stretched onto its own width×height is shown so, as the converter compares it.
  auto own_size = svgps::drawn_at_own_size(*text, limits);
  const std::string& svg = own_size ? *own_size : *text;
  std::optional<svgps::Image> image;
  if (drawn == Drawn::as_judged) image = svgps::rendered_as_judged(svg, size, limits);
  if (!image) image = svgps::render_logo(svg, size, limits, failure);
  if (!image) {
    const Location& at = failure.location;
    error = path + (at.line ? ":" + std::to_string(at.line) + ":" + std::to_string(at.column) : "") + ": " + failure.message;
  }
  return image;
}

}  // namespace bimi::cli
