// Shell completion scripts for bash, zsh and fish, written from the command
// tree: commands, options, the choices of options that have them, and files for
// arguments and other values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "command_tree.hpp"

namespace bimi::cli {

enum class Shell { bash, zsh, fish };
std::optional<Shell> parse_shell(std::string_view name);

std::string completion_script(const CommandDoc& root, Shell shell);

}  // namespace bimi::cli
