// The command line as data: the commands, options and arguments a CLI::App
// defines, read from the app itself so that the man pages and shell completions
// say exactly what --help says.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace bimi::cli {

struct OptionDoc {
  std::vector<std::string> long_names;   // without "--"
  std::vector<std::string> short_names;  // without "-"
  std::string value_name;                // "TEXT", "UINT", ...; empty for a flag
  std::vector<std::string> choices;      // from a CLI::IsMember check
  std::string description;
  bool required = false;
};

struct PositionalDoc {
  std::string name;
  std::string description;
  bool required = false;
  bool repeats = false;
};

struct CommandDoc {
  std::vector<std::string> path;  // {"bimi"}, {"bimi", "check"}
  std::string description;
  std::string footer;
  std::vector<OptionDoc> options;
  std::vector<PositionalDoc> positionals;
  std::vector<CommandDoc> subcommands;
};

// Hidden commands and options (those in the empty group) are left out.
CommandDoc describe_command(const CLI::App& app);

// "bimi check" for display, "bimi-check" for a man page's name.
std::string joined(const std::vector<std::string>& path, const std::string& separator);

}  // namespace bimi::cli
