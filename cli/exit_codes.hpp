// The one table of exit codes `bimi` returns (documented in README.md).
#pragma once

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

}  // namespace bimi::cli
