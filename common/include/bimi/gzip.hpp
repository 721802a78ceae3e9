// gzip for logos: deterministic compression and bounded decompression, shared by svgps and vmc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bimi {

bool is_gzip(std::string_view bytes);

// gzip with a fixed header (mtime 0, no name, OS "unknown") so the same bytes give the same blob.
std::string gzip(std::string_view bytes);

// Inflates one gzip member. Stops as soon as the output would exceed max_output (a gzip bomb costs
// at most max_output bytes of memory); truncated, corrupt or trailing data is an error. Returns
// nullopt and sets error on any failure.
std::optional<std::string> gunzip(std::string_view bytes, std::size_t max_output, std::string& error);

}  // namespace bimi
