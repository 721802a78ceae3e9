// Every subcommand registers itself on the app with `setup_*` and stores its exit code in `result`
// when it runs. `main` only wires them together.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "exit_codes.hpp"

namespace bimi::cli {

void setup_check(CLI::App& app, ExitCode& result);
void setup_rules(CLI::App& app, ExitCode& result);
void setup_render(CLI::App& app, ExitCode& result);
void setup_preview(CLI::App& app, ExitCode& result);
void setup_convert(CLI::App& app, ExitCode& result);
void setup_compare(CLI::App& app, ExitCode& result);
void setup_hash(CLI::App& app, ExitCode& result);
void setup_csr(CLI::App& app, ExitCode& result);
void setup_verify(CLI::App& app, ExitCode& result);
void setup_inspect(CLI::App& app, ExitCode& result);
void setup_record(CLI::App& app, ExitCode& result);
void setup_dmarc(CLI::App& app, ExitCode& result);
void setup_domain(CLI::App& app, ExitCode& result);
void setup_message(CLI::App& app, ExitCode& result);

// When the command line names no known subcommand where one belongs: "unknown command 'X'",
// with the closest name if it looks like a typo, else the list of commands.
std::optional<std::string> unknown_command_message(const CLI::App& app, int argc, const char* const* argv);

}  // namespace bimi::cli
