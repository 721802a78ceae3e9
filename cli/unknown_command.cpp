#include <string_view>
#include <vector>

#include "closest_name.hpp"
#include "commands.hpp"

namespace bimi::cli {

std::optional<std::string> unknown_command_message(const CLI::App& app, int argc, const char* const* argv) {
  // The top level takes only flags (--help, --version), so the first word that is not one is
  // where the subcommand belongs.
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word.empty() || word.front() == '-') continue;
    std::vector<std::string> names;
    for (const CLI::App* command : app.get_subcommands({})) names.push_back(command->get_name());
    for (const auto& name : names) {
      if (name == word) return std::nullopt;
    }
    constexpr std::size_t max_echoed = 64;  // the message stays one short line
    std::string shown(word.substr(0, max_echoed));
    std::string message = "unknown command '" + shown + (word.size() > max_echoed ? "…'" : "'");
    if (auto closest = closest_name(word, names)) return message + "; did you mean '" + *closest + "'?";
    message += "; the commands are";
    for (std::size_t n = 0; n < names.size(); ++n) message += (n == 0 ? " " : ", ") + names[n];
    return message;
  }
  return std::nullopt;
}

}  // namespace bimi::cli
