// Man pages (roff, man(7) macros) for `bimi` and each of its commands, written
// from the command tree: the options and texts are those of --help, the exit
// codes those of exit_codes.hpp.
#pragma once

#include <string>

#include "command_tree.hpp"

namespace bimi::cli {

// "bimi.1", "bimi-check.1", ...
std::string man_page_name(const CommandDoc& command);
std::string man_page(const CommandDoc& command, const std::string& version);

}  // namespace bimi::cli
