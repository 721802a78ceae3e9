// Renders of untrusted logos run in worker processes: this same binary,
// re-executed in a hidden mode. The library cannot know where bimi is
// installed; the CLI can (/proc/self/exe).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bimi/svgps/limits.hpp"

namespace bimi::cli {

// The first argument that turns `bimi` into a render worker; not a command
// users see.
inline constexpr const char* render_worker_argument = "__render-worker";
// Before the seconds and MiB: a font directory the worker registers with fontconfig, and the
// reader's languages (LANGUAGE's colon-separated form) that <switch> is rendered for.
inline constexpr const char* font_dir_argument = "--font-dir";
inline constexpr const char* language_argument = "--language";

// When argv asks for a render worker, serves renders and returns the exit
// status; else nullopt.
std::optional<int> run_render_worker(int argc, char** argv);

// The library's limits with renders going to the shared pool of worker
// processes (started on first use, one per thread rendering at the same time,
// stopped at exit).
svgps::Limits sandboxed_limits();
// The same with workers that also draw text with the fonts in `font_directories` and, when
// `languages` is not empty, read <switch> for those languages (LANGUAGE's form: "de_CH:de")
// instead of the environment's.
svgps::Limits sandboxed_limits(const std::vector<std::string>& font_directories, const std::string& languages = "");

// The --fonts directories as absolute paths for the render workers, or the first one that is not
// a directory (in `not_a_directory`) and nullopt.
std::optional<std::vector<std::string>> font_directories(const std::vector<std::string>& given,
                                                         std::string& not_a_directory);

}  // namespace bimi::cli
