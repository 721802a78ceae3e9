// Files named on the command line. "-" is standard input where a file is read and standard output
// where one is written; every other name goes through the rules of bimi/file_io.hpp, so every
// command reads and writes the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/file_io.hpp"

namespace bimi::cli {

// True for "-", the name of the standard stream.
bool is_standard_stream(std::string_view name);

// How messages name an input or output: "standard input" / "standard output" for "-".
std::string input_label(const std::string& name);
std::string output_label(const std::string& name);

// Reads a named input ("-": standard input) under max_bytes. The message starts with input_label.
std::variant<std::string, IoError> read_input_file(const std::string& name, std::size_t max_bytes);

// Writes an output ("-": standard output). A missing parent directory is created, and removed
// again when the write fails, so a failed command leaves nothing behind.
std::variant<std::monostate, IoError> write_output_file(const std::string& name, std::string_view bytes,
                                                        WriteOptions options = {});

// True when "-" is among `names` more than once: standard input can be read only once.
bool reads_standard_input_twice(const std::vector<std::string>& names);

// True when an output would overwrite an input: the same file, never a standard stream.
bool output_is_input(const std::string& output, const std::string& input);

}  // namespace bimi::cli
