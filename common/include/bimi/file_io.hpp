// Reading inputs with a size cap and writing outputs atomically.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

namespace bimi {

struct IoError {
  enum class Kind { not_found, too_large, unreadable, unwritable, same_as_input };
  Kind kind;
  std::string message;  // one line, names the path
};

// Reads a whole regular file, refusing anything larger than max_bytes before reading it.
std::variant<std::string, IoError> read_file(const std::filesystem::path& path, std::size_t max_bytes);

// Writes bytes to a temporary file beside `path`, syncs it and renames it over `path`, so a reader
// sees either the old file or the complete new one. Nothing is left behind on failure.
// `mode` is the permission of the new file (e.g. 0600 for private keys); when `exclusive` is set an
// existing `path` is refused instead of replaced.
struct WriteOptions {
  unsigned mode = 0644;
  bool exclusive = false;
  // Flush the data to disk before the rename, so a crash cannot leave an empty file in its place.
  // Costly per file in large batches; the rename is atomic for readers either way.
  bool durable = true;
};
std::variant<std::monostate, IoError> write_file_atomic(const std::filesystem::path& path,
                                                        std::string_view bytes,
                                                        WriteOptions options = {});

// True when two paths name the same existing file (after symlinks), or are lexically equal.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace bimi
