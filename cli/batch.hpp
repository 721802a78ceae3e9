// What several subcommands share: finding logos under directories, running a batch on every
// core, and reading a logo file into a render.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bimi/svgps/render.hpp"

namespace bimi::cli {

// *.svg and *.svgz, case-insensitively.
bool is_svg_name(const std::filesystem::path& path);

// Logos bimi convert takes: SVG, SVGZ, PNG and JPEG names (content decides the format later).
bool is_logo_name(const std::filesystem::path& path);

// Every regular file under `directory`, recursively, whose name `wanted` accepts, sorted. The
// directory `skip` (a run's output directory, possibly inside the input tree) is not entered, so a
// second run does not take the first run's outputs as inputs.
std::vector<std::filesystem::path> find_files(const std::filesystem::path& directory,
                                              bool (*wanted)(const std::filesystem::path&),
                                              const std::filesystem::path& skip = {});

// Every *.svg and *.svgz file under `directory`, recursively, sorted.
std::vector<std::filesystem::path> find_svg_files(const std::filesystem::path& directory);

// Calls work(i) for i in [0, count) on `jobs` threads (0: one per core). Results go into slots the
// caller owns, so they come out in input order whatever the scheduling.
template <typename Work>
void for_each_parallel(std::size_t count, unsigned jobs, Work work) {
  unsigned threads = jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& thread : pool) thread.join();
}

// Reads a logo ("-": standard input; SVG or SVGZ, or a PNG or JPEG bitmap) under the library's limits and renders it
// on a size×size square (a bitmap is fitted and centred as an SVG would be).
// On failure returns nullopt with a one-line `error` naming the file. `Drawn::as_judged` renders an
// SVG as the converter renders the original it judges against (svgps::rendered_as_judged).
enum class Drawn { by_librsvg, as_judged };
std::optional<svgps::Image> load_and_render(const std::string& path, int size, std::string& error,
                                            const std::vector<std::string>& font_directories = {},
                                            Drawn drawn = Drawn::by_librsvg);

}  // namespace bimi::cli
