// What bimi may read and write on the file system, and how: inputs with a size cap, outputs
// atomically. Every command reads and writes files through these functions, so the rules below hold
// for all of them:
// - an input named by path must be a regular file (a FIFO, a device or a socket is refused without
//   waiting for a writer); a stream the caller already holds is read with read_stream;
// - an output replaces a regular file atomically; a FIFO or a character device (/dev/null, a
//   terminal) is written through and never replaced; a directory, a socket, a block device or a
//   dangling symbolic link is refused; a symbolic link to a regular file keeps the link and replaces
//   the file it points to;
// - new files get the usual permissions filtered by the umask; private files get 0600 whatever it is.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bimi {

struct IoError {
  enum class Kind { not_found, too_large, unreadable, unwritable, same_as_input };
  Kind kind;
  std::string message;  // one line, names the path
};

// Reads a whole regular file, refusing anything larger than max_bytes before reading it.
std::variant<std::string, IoError> read_file(const std::filesystem::path& path, std::size_t max_bytes);

// Reads an open descriptor (a pipe, a terminal, a file) to its end, stopping past max_bytes.
// `name` is how messages call it (e.g. "standard input"). The descriptor is not closed.
std::variant<std::string, IoError> read_stream(int fd, std::string_view name, std::size_t max_bytes);

struct WriteOptions {
  // 0600 whatever the umask (private keys); otherwise a new file gets 0666 less the umask and a
  // replaced file keeps its permissions.
  bool private_file = false;
  // Refuse an existing `path` (anything at all, a dangling link included) instead of replacing it.
  bool exclusive = false;
  // Flush the data to disk before the rename, so a crash cannot leave an empty file in its place.
  // Costly per file in large batches; the rename is atomic for readers either way.
  bool durable = true;
};

// Writes bytes to `path` by the rules above. A regular file is written to a temporary beside it,
// synced and renamed over it, so a reader sees either the old file or the complete new one; nothing
// is left behind on failure.
std::variant<std::monostate, IoError> write_file_atomic(const std::filesystem::path& path,
                                                        std::string_view bytes,
                                                        WriteOptions options = {});

// Writes all bytes to an open descriptor (standard output, a pipe). `name` is for messages.
std::variant<std::monostate, IoError> write_stream(int fd, std::string_view name, std::string_view bytes);

// Creates the missing directories above `path` and returns those it created, outermost first, so
// that a run that writes nothing into them can remove them again (remove_empty_directories).
std::variant<std::vector<std::filesystem::path>, IoError> create_parent_directories(
    const std::filesystem::path& path);

// Removes each directory that is empty, innermost first; the others are left alone.
void remove_empty_directories(const std::vector<std::filesystem::path>& directories);

// What makes a file itself: two paths with the same identity are the same file.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  friend auto operator<=>(const FileIdentity&, const FileIdentity&) = default;
};

// The identity of the file `path` names (after symlinks), or nullopt when it cannot be looked up.
std::optional<FileIdentity> file_identity(const std::filesystem::path& path);

// True when two paths name the same existing file (after symlinks), or are lexically equal.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace bimi
