// Hidden commands that write bimi's man pages and shell completions from its
// own command tree, so that they list every command registered on the app (and
// cannot drift from --help).
#pragma once

#include <CLI/CLI.hpp>

#include "exit_codes.hpp"

namespace bimi::cli {

// `bimi help-man DIR` writes bimi.1 and one page per command into DIR;
// `bimi completion bash|zsh|fish` prints the completion script.
void setup_docs_commands(CLI::App& app, ExitCode& result);

}  // namespace bimi::cli
