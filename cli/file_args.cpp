#include "file_args.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace bimi::cli {

bool is_standard_stream(std::string_view name) { return name == "-"; }

std::string input_label(const std::string& name) { return is_standard_stream(name) ? "standard input" : name; }

std::string output_label(const std::string& name) { return is_standard_stream(name) ? "standard output" : name; }

std::variant<std::string, IoError> read_input_file(const std::string& name, std::size_t max_bytes) {
  if (is_standard_stream(name)) return read_stream(STDIN_FILENO, input_label(name), max_bytes);
  return read_file(name, max_bytes);
}

std::variant<std::monostate, IoError> write_output_file(const std::string& name, std::string_view bytes,
                                                        WriteOptions options) {
  if (is_standard_stream(name)) {
    std::fflush(stdout);  // what was printed before goes first
    return write_stream(STDOUT_FILENO, output_label(name), bytes);
  }
  auto created = create_parent_directories(name);
  if (auto* error = std::get_if<IoError>(&created)) return std::move(*error);
  auto written = write_file_atomic(name, bytes, options);
  if (std::holds_alternative<IoError>(written)) remove_empty_directories(std::get<0>(created));
  return written;
}

bool reads_standard_input_twice(const std::vector<std::string>& names) {
  return std::count_if(names.begin(), names.end(), [](const std::string& n) { return is_standard_stream(n); }) > 1;
}

bool output_is_input(const std::string& output, const std::string& input) {
  if (output.empty() || input.empty() || is_standard_stream(output) || is_standard_stream(input)) return false;
  return same_file(output, input);
}

}  // namespace bimi::cli
