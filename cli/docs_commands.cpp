#include "docs_commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "command_tree.hpp"
#include "completions.hpp"
#include "man_page.hpp"
#include "terminal.hpp"
#include "version.hpp"

namespace bimi::cli {
namespace {

const CLI::App& root_of(const CLI::App& command) {
  const CLI::App* app = &command;
  while (app->get_parent() != nullptr) app = app->get_parent();
  return *app;
}

ExitCode write_man_pages(const CommandDoc& command, const std::filesystem::path& directory) {
  std::filesystem::path file = directory / man_page_name(command);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << man_page(command, version);
  out.close();
  if (!out) {
    std::cerr << "bimi: cannot write " << printable(file.string()) << "\n";
    return ExitCode::output_failure;
  }
  for (const auto& sub : command.subcommands) {
    if (ExitCode code = write_man_pages(sub, directory); code != ExitCode::ok) return code;
  }
  return ExitCode::ok;
}

}  // namespace

void setup_docs_commands(CLI::App& app, ExitCode& result) {
  auto directory = std::make_shared<std::string>();
  CLI::App* man = app.add_subcommand("help-man", "Write the man pages of bimi and its commands into a directory");
  man->group("");
  man->add_option("directory", *directory, "where to write bimi.1, bimi-check.1, ...")->required();
  man->callback([man, directory, &result] {
    std::error_code error;
    std::filesystem::create_directories(*directory, error);
    if (error) {
      std::cerr << "bimi: cannot make " << printable(*directory) << ": " << error.message() << "\n";
      result = ExitCode::output_failure;
      return;
    }
    result = write_man_pages(describe_command(root_of(*man)), *directory);
  });

  auto shell = std::make_shared<std::string>();
  CLI::App* completion = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  completion->group("");
  completion->add_option("shell", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->callback([completion, shell, &result] {
    std::cout << completion_script(describe_command(root_of(*completion)), *parse_shell(*shell));
    std::cout.flush();
    result = std::cout ? ExitCode::ok : ExitCode::output_failure;
  });
}

}  // namespace bimi::cli
