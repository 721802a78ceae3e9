#include "man_page.hpp"

#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "exit_codes.hpp"

namespace bimi::cli {
namespace {

// Text as roff reads it: a backslash is printed with \e, a hyphen in a name
// with \-, and a line starting with a control character ('.' or '\'') is
// protected with \&.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

std::string option_synopsis(const OptionDoc& option) {
  std::string names;
  for (const auto& name : option.short_names) names += (names.empty() ? "" : ", ") + ("\\fB\\-" + roff(name) + "\\fR");
  for (const auto& name : option.long_names)
    names += (names.empty() ? "" : ", ") + ("\\fB\\-\\-" + roff(name) + "\\fR");
  if (!option.value_name.empty()) names += " \\fI" + roff(option.value_name) + "\\fR";
  return names;
}

std::string positional_synopsis(const PositionalDoc& positional) {
  std::string text = "\\fI" + roff(positional.name) + "\\fR" + (positional.repeats ? "..." : "");
  return positional.required ? text : "[" + text + "]";
}

// The examples a man page shows, by command path.
const std::map<std::string, std::vector<std::pair<std::string, std::string>>>& examples() {
  static const std::map<std::string, std::vector<std::pair<std::string, std::string>>> table{
      {"bimi",
       {{"Lint a logo:", "bimi check logo.svg"},
        {"Convert an export into a compliant logo:", "bimi convert export.svg \\-o logo.svg"},
        {"Check a domain's BIMI chain live:", "bimi domain example.com"}}},
      {"bimi check",
       {{"Lint one logo:", "bimi check logo.svg"},
        {"Lint a tree of logos for a code-scanning page:",
         "bimi check brand\\-assets/ \\-\\-format sarif > bimi.sarif"},
        {"Report for a CI test view:", "bimi check logos/ \\-\\-format junit > bimi\\-junit.xml"}}},
      {"bimi convert", {{"Convert one file:", "bimi convert export.svg \\-o logo.svg"}}},
      {"bimi verify",
       {{"Verify a certificate and its logo:",
         "bimi verify vmc.pem \\-\\-logo logo.svg \\-\\-domain "
         "example.com"}}},
      {"bimi domain", {{"Check a domain live:", "bimi domain example.com"}}},
      {"bimi preview",
       {{"See the logo as inboxes crop it, light and dark:", "bimi preview logo.svg \\-o preview.png"},
        {"A page to share with designers:", "bimi preview logo.svg \\-\\-html preview.html"}}},
  };
  return table;
}

void write_exit_status(std::ostream& out, const std::string& footer) {
  // A command's footer ends with the "Exit status:" block of
  // exit_status_help(); the root page lists the whole table.
  out << ".SH EXIT STATUS\n";
  std::istringstream lines(footer);
  std::string line;
  bool in_block = false;
  while (std::getline(lines, line)) {
    if (line == "Exit status:") {
      in_block = true;
      continue;
    }
    if (!in_block || line.size() < 5) continue;
    auto code_end = line.find_first_not_of("0123456789", 2);
    out << ".TP\n.B " << line.substr(2, code_end - 2) << "\n"
        << roff(line.substr(line.find_first_not_of(' ', code_end))) << "\n";
  }
}

}  // namespace

std::string man_page_name(const CommandDoc& command) { return joined(command.path, "-") + ".1"; }

std::string man_page(const CommandDoc& command, const std::string& version) {
  const bool root = command.path.size() == 1;
  const std::string display = joined(command.path, " ");
  std::ostringstream out;
  out << ".TH " << upper(roff(joined(command.path, "-"))) << " 1 \"\" \"bimi " << roff(version)
      << "\" \"User Commands\"\n";
  out << ".SH NAME\n" << roff(joined(command.path, "-")) << " \\- ";
  std::string summary = command.description;
  if (root && summary.rfind("bimi: ", 0) == 0) summary.erase(0, 6);
  out << roff(summary) << "\n";

  out << ".SH SYNOPSIS\n.B " << roff(display) << "\n";
  if (!command.subcommands.empty()) out << "\\fICOMMAND\\fR ";
  out << "[\\fIOPTIONS\\fR]";
  for (const auto& positional : command.positionals) out << " " << positional_synopsis(positional);
  out << "\n";

  out << ".SH DESCRIPTION\n" << roff(summary) << ".\n";
  if (!command.subcommands.empty()) {
    out << ".SH COMMANDS\n";
    for (const auto& sub : command.subcommands) {
      out << ".TP\n.B " << roff(sub.path.back()) << "\n"
          << roff(sub.description) << " (see \\fB" << roff(joined(sub.path, "-")) << "\\fR(1)).\n";
    }
  }
  if (!command.positionals.empty()) {
    out << ".SH ARGUMENTS\n";
    for (const auto& positional : command.positionals) {
      out << ".TP\n" << positional_synopsis(positional) << "\n" << roff(positional.description) << "\n";
    }
  }
  out << ".SH OPTIONS\n";
  for (const auto& option : command.options) {
    out << ".TP\n" << option_synopsis(option) << "\n" << roff(option.description);
    if (!option.choices.empty()) {
      out << " (one of:";
      for (const auto& choice : option.choices) out << " \\fB" << roff(choice) << "\\fR";
      out << ")";
    }
    out << "\n";
  }

  std::string footer = command.footer;
  auto exit_block = footer.find("Exit status:");
  std::string notes = footer.substr(0, exit_block);
  while (!notes.empty() && (notes.back() == '\n' || notes.back() == ' ')) notes.pop_back();
  if (!notes.empty()) out << ".SH NOTES\n.nf\n" << roff(notes) << "\n.fi\n";
  if (root) {
    out << ".SH EXIT STATUS\n";
    for (const auto& row : exit_code_table) {
      out << ".TP\n.B " << to_int(row.code) << "\n" << roff(std::string(row.meaning)) << "\n";
    }
  } else if (exit_block != std::string::npos) {
    write_exit_status(out, footer.substr(exit_block));
  }

  auto found = examples().find(display);
  if (found != examples().end()) {
    out << ".SH EXAMPLES\n";
    for (const auto& [what, line] : found->second) {
      out << roff(what) << "\n.PP\n.RS\n.nf\n" << line << "\n.fi\n.RE\n.PP\n";
    }
  }
  out << ".SH SEE ALSO\n";
  if (root) {
    std::string sep;
    for (const auto& sub : command.subcommands) {
      out << sep << ".BR " << roff(joined(sub.path, "-")) << " (1)";
      sep = ",\n";
    }
    out << "\n";
  } else {
    out << ".BR bimi (1)\n";
  }
  return out.str();
}

}  // namespace bimi::cli
