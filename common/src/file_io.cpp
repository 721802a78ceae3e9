#include "bimi/file_io.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <system_error>

namespace bimi {
namespace {

namespace fs = std::filesystem;

std::string errno_text(int err) { return std::generic_category().message(err); }

IoError io_error(IoError::Kind kind, const fs::path& path, const std::string& what) {
  return {kind, path.string() + ": " + what};
}

IoError io_error(IoError::Kind kind, std::string_view name, const std::string& what) {
  return {kind, std::string(name) + ": " + what};
}

// Closes a POSIX descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

// "is a FIFO", "is a directory", … for messages about what a path names.
std::string file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory";
  if (S_ISFIFO(mode)) return "is a FIFO";
  if (S_ISCHR(mode)) return "is a character device";
  if (S_ISBLK(mode)) return "is a block device";
  if (S_ISSOCK(mode)) return "is a socket";
  if (S_ISLNK(mode)) return "is a symbolic link";
  return "is not a regular file";
}

// Waits until `fd` is ready for `events`; for descriptors the caller left non-blocking.
bool wait_ready(int fd, short events) {
  pollfd entry{fd, events, 0};
  for (;;) {
    int ready = ::poll(&entry, 1, -1);
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

bool clear_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0;
}

// Reads `fd` to its end, failing once more than max_bytes arrived; 0 on success, else an errno
// value, or -1 when the limit was passed.
int read_all(int fd, std::size_t max_bytes, std::string& bytes) {
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait_ready(fd, POLLIN)) continue;
      return errno;
    }
    if (got == 0) return 0;
    if (bytes.size() + static_cast<std::size_t>(got) > max_bytes) return -1;
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
}

// Writes all of `bytes`; 0 on success, else an errno value.
int write_all(int fd, std::string_view bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      if ((errno == EAGAIN || errno == EWOULDBLOCK) && wait_ready(fd, POLLOUT)) continue;
      return errno;
    }
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

// A temporary name of fixed length, whatever the target's: a target name near the file system's
// 255-byte limit must still be writable. Seeded once per thread (opening the system's entropy source
// for every file costs more than writing a small file does); O_EXCL refuses a name that exists.
std::string temporary_name() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  char name[40];
  std::snprintf(name, sizeof name, ".bimi-%016llx.tmp", static_cast<unsigned long long>(generator()));
  return name;
}

// Creates, fills and closes a new temporary file beside `target`; returns its path.
std::variant<fs::path, IoError> write_temporary(const fs::path& target, std::string_view bytes,
                                                const WriteOptions& options, std::optional<mode_t> keep_mode) {
  fs::path directory = target.parent_path();
  if (directory.empty()) directory = ".";
  fs::path temporary;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temporary = directory / temporary_name();
    // 0666 is filtered by the umask, as for any new file; a private file never starts wider than 0600.
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.private_file ? 0600 : 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return io_error(IoError::Kind::unwritable, target, errno_text(errno));
  FileDescriptor file(fd);
  auto fail = [&](int err) {
    ::close(file.release());
    ::unlink(temporary.c_str());
    return io_error(IoError::Kind::unwritable, target, errno_text(err));
  };
  // A private file is 0600 even under a umask that would leave the owner without write permission;
  // a replaced file keeps the permissions it had.
  std::optional<mode_t> mode = options.private_file ? std::optional<mode_t>(0600) : keep_mode;
  if (mode && ::fchmod(file.get(), *mode) != 0) return fail(errno);
  if (int err = write_all(file.get(), bytes)) return fail(err);
  if (options.durable && ::fsync(file.get()) != 0) return fail(errno);
  if (::close(file.release()) != 0) {
    int err = errno;
    ::unlink(temporary.c_str());
    return io_error(IoError::Kind::unwritable, target, errno_text(err));
  }
  return temporary;
}

std::variant<std::monostate, IoError> replace_regular(const fs::path& target, std::string_view bytes,
                                                      const WriteOptions& options, std::optional<mode_t> keep_mode) {
  auto temporary = write_temporary(target, bytes, options, keep_mode);
  if (auto* error = std::get_if<IoError>(&temporary)) return std::move(*error);
  const fs::path& written = std::get<fs::path>(temporary);
  if (::rename(written.c_str(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(written.c_str());
    return io_error(IoError::Kind::unwritable, target, errno_text(err));
  }
  return std::monostate{};
}

std::variant<std::monostate, IoError> create_exclusive(const fs::path& target, std::string_view bytes,
                                                       const WriteOptions& options) {
  auto temporary = write_temporary(target, bytes, options, std::nullopt);
  if (auto* error = std::get_if<IoError>(&temporary)) return std::move(*error);
  const fs::path& written = std::get<fs::path>(temporary);
  // link() fails if the target appeared meanwhile, so an existing file is never replaced.
  int result = ::link(written.c_str(), target.c_str());
  int err = errno;
  ::unlink(written.c_str());
  if (result != 0) {
    return io_error(IoError::Kind::unwritable, target,
                    err == EEXIST ? "already exists; refusing to overwrite it" : errno_text(err));
  }
  return std::monostate{};
}

// A FIFO or a character device is written through: replacing it would destroy /dev/null or leave a
// regular file where a reader waits. Opened non-blocking so that a FIFO nobody reads fails at once.
std::variant<std::monostate, IoError> write_through(const fs::path& path, std::string_view bytes) {
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    return io_error(IoError::Kind::unwritable, path, err == ENXIO ? "is a FIFO with no reader" : errno_text(err));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error(IoError::Kind::unwritable, path, errno_text(errno));
  // The path may have changed since it was looked at: never write into the middle of a regular file.
  if (!S_ISFIFO(info.st_mode) && !S_ISCHR(info.st_mode)) {
    return io_error(IoError::Kind::unwritable, path, "changed while being written; nothing written");
  }
  if (!clear_nonblocking(fd.get())) return io_error(IoError::Kind::unwritable, path, errno_text(errno));
  if (int err = write_all(fd.get(), bytes)) return io_error(IoError::Kind::unwritable, path, errno_text(err));
  if (::close(fd.release()) != 0) return io_error(IoError::Kind::unwritable, path, errno_text(errno));
  return std::monostate{};
}

}  // namespace

std::variant<std::string, IoError> read_file(const fs::path& path, std::size_t max_bytes) {
  // Non-blocking, so that opening a FIFO with no writer returns instead of waiting forever.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    return io_error(err == ENOENT ? IoError::Kind::not_found : IoError::Kind::unreadable, path, errno_text(err));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error(IoError::Kind::unreadable, path, errno_text(errno));
  if (S_ISDIR(info.st_mode)) return io_error(IoError::Kind::unreadable, path, "is a directory");
  // A device or a FIFO can block, or never end: only regular files are read by name.
  if (!S_ISREG(info.st_mode)) {
    return io_error(IoError::Kind::unreadable, path, file_kind(info.st_mode) + ", not a regular file");
  }
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return io_error(IoError::Kind::too_large, path,
                    "file is " + std::to_string(info.st_size) + " bytes, more than the limit of " +
                        std::to_string(max_bytes));
  }
  // O_NONBLOCK means nothing to a regular file, so it need not be cleared; the size is a hint.
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  int err = read_all(fd.get(), max_bytes, bytes);
  if (err < 0) {
    return io_error(IoError::Kind::too_large, path,
                    "input is more than the limit of " + std::to_string(max_bytes) + " bytes");
  }
  if (err > 0) return io_error(IoError::Kind::unreadable, path, errno_text(err));
  return bytes;
}

std::variant<std::string, IoError> read_stream(int fd, std::string_view name, std::size_t max_bytes) {
  std::string bytes;
  int err = read_all(fd, max_bytes, bytes);
  if (err < 0) {
    return io_error(IoError::Kind::too_large, name,
                    "input is more than the limit of " + std::to_string(max_bytes) + " bytes");
  }
  if (err > 0) return io_error(IoError::Kind::unreadable, name, errno_text(err));
  return bytes;
}

std::variant<std::monostate, IoError> write_file_atomic(const fs::path& path, std::string_view bytes,
                                                        WriteOptions options) {
  struct stat link_info {};
  if (::lstat(path.c_str(), &link_info) != 0) {
    int err = errno;
    if (err != ENOENT) return io_error(IoError::Kind::unwritable, path, errno_text(err));
    return options.exclusive ? create_exclusive(path, bytes, options)
                             : replace_regular(path, bytes, options, std::nullopt);
  }
  if (options.exclusive) {
    return io_error(IoError::Kind::unwritable, path, "already exists; refusing to overwrite it");
  }
  struct stat info = link_info;
  fs::path target = path;
  if (S_ISLNK(link_info.st_mode)) {
    if (::stat(path.c_str(), &info) != 0) {
      int err = errno;
      return io_error(IoError::Kind::unwritable, path,
                      err == ENOENT ? "is a symbolic link to nothing; refusing to create its target"
                                    : errno_text(err));
    }
    // Replace the file the link names, not the link.
    std::error_code ec;
    if (S_ISREG(info.st_mode)) target = fs::canonical(path, ec);
    if (ec) return io_error(IoError::Kind::unwritable, path, ec.message());
  }
  if (S_ISREG(info.st_mode)) return replace_regular(target, bytes, options, info.st_mode & 0777);
  if (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode)) return write_through(path, bytes);
  return io_error(IoError::Kind::unwritable, path, file_kind(info.st_mode) + "; refusing to replace it");
}

std::variant<std::monostate, IoError> write_stream(int fd, std::string_view name, std::string_view bytes) {
  if (int err = write_all(fd, bytes)) return io_error(IoError::Kind::unwritable, name, errno_text(err));
  return std::monostate{};
}

std::variant<std::vector<fs::path>, IoError> create_parent_directories(const fs::path& path) {
  // The missing ancestors, innermost first, up to the first that exists.
  std::vector<fs::path> missing;
  for (fs::path directory = path.parent_path(); !directory.empty(); directory = directory.parent_path()) {
    struct stat info {};
    if (::stat(directory.c_str(), &info) == 0) {
      if (!S_ISDIR(info.st_mode)) {
        return io_error(IoError::Kind::unwritable, path, directory.string() + " " + file_kind(info.st_mode) +
                                                             ", not a directory");
      }
      break;
    }
    if (errno != ENOENT) return io_error(IoError::Kind::unwritable, path, directory.string() + ": " + errno_text(errno));
    missing.push_back(directory);
    if (directory == directory.parent_path()) break;
  }
  std::vector<fs::path> created;
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0777) == 0) {
      created.push_back(*it);
      continue;
    }
    int err = errno;
    struct stat info {};
    if (err == EEXIST && ::stat(it->c_str(), &info) == 0 && S_ISDIR(info.st_mode)) continue;  // made meanwhile
    remove_empty_directories(created);
    return io_error(IoError::Kind::unwritable, path, it->string() + ": " + errno_text(err));
  }
  return created;
}

void remove_empty_directories(const std::vector<fs::path>& directories) {
  for (auto it = directories.rbegin(); it != directories.rend(); ++it) ::rmdir(it->c_str());
}

std::optional<FileIdentity> file_identity(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return FileIdentity{info.st_dev, info.st_ino};
}

bool same_file(const fs::path& a, const fs::path& b) {
  // Two existing paths are one file when device and inode agree (links, "./x" and "x" alike).
  // An existing path and a missing one are different files. Only when neither can be looked up
  // are the resolved paths compared. One stat each: this runs for every file of a batch.
  struct stat info_a {}, info_b {};
  const bool found_a = ::stat(a.c_str(), &info_a) == 0;
  const int error_a = found_a ? 0 : errno;
  const bool found_b = ::stat(b.c_str(), &info_b) == 0;
  const int error_b = found_b ? 0 : errno;
  if (found_a && found_b) return info_a.st_dev == info_b.st_dev && info_a.st_ino == info_b.st_ino;
  if ((found_a && error_b == ENOENT) || (found_b && error_a == ENOENT)) return false;
  std::error_code ec;
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

}  // namespace bimi
