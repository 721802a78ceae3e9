#include "exit_codes.hpp"

namespace bimi::cli {

std::string exit_status_help(std::initializer_list<ExitCode> codes) {
  std::string help = "Exit status:";
  for (ExitCode code : codes) {
    for (const auto& row : exit_code_table) {
      if (row.code == code) help += "\n  " + std::to_string(to_int(code)) + "  " + std::string(row.meaning);
    }
  }
  return help;
}

std::string exit_codes_markdown() {
  std::string table = "| code | meaning |\n|---|---|\n";
  for (const auto& row : exit_code_table) {
    table += "| " + std::to_string(to_int(row.code)) + " | " + std::string(row.meaning) + " |\n";
  }
  return table;
}

}  // namespace bimi::cli
