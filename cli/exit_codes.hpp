// The one table of exit codes `bimi` returns. Every subcommand's --help and the README's table
// are generated from it (a test keeps the README in step).
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

namespace bimi::cli {

enum class ExitCode : int {
  ok = 0,              // no finding at error severity; verification passed
  findings = 1,        // an error finding, a failed verification or a refused conversion
  usage = 2,           // bad command line
  bad_input = 3,       // an input could not be read or parsed
  output_failure = 4,  // an output could not be written
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

// The worse of two outcomes: the higher code wins, except that usage errors stop before any work.
constexpr ExitCode worst(ExitCode a, ExitCode b) { return to_int(a) >= to_int(b) ? a : b; }

struct ExitCodeMeaning {
  ExitCode code;
  std::string_view meaning;
};

inline constexpr std::array<ExitCodeMeaning, 5> exit_code_table{{
    {ExitCode::ok, "no finding at error severity"},
    {ExitCode::findings,
     "an error finding, a failed verification, a refused conversion (nothing written), or logos that render "
     "differently (compare)"},
    {ExitCode::usage,
     "usage error: a bad option or argument, a directory with no logos, `-` given twice, an output that would "
     "overwrite an input"},
    {ExitCode::bad_input,
     "an input could not be read or parsed (SVG, certificate, key, CRL, roots, standard input), is not a regular "
     "file, or crosses a limit (a logo that cannot be rendered within the render limits included)"},
    {ExitCode::output_failure,
     "an output could not be written (its directory cannot be made, it is a directory, a FIFO nobody reads, …)"},
}};

// The "Exit status" block ending a subcommand's --help: the codes it can return, from the table.
std::string exit_status_help(std::initializer_list<ExitCode> codes);

// The README's exit-code table, as markdown.
std::string exit_codes_markdown();

}  // namespace bimi::cli
