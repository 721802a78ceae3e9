// "Did you mean …?" for a mistyped subcommand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::cli {

// The candidate nearest to `typed` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours), when it is near enough to be a typo: at most two edits, or a third of the
// longer name.
std::optional<std::string> closest_name(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace bimi::cli
