#include "bimi/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <system_error>

namespace bimi {
namespace {

std::string errno_text(int err) { return std::generic_category().message(err); }

IoError io_error(IoError::Kind kind, const std::filesystem::path& path, const std::string& what) {
  return {kind, path.string() + ": " + what};
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

std::string temporary_name(const std::filesystem::path& target) {
  // Seeded once per thread: opening the system's entropy source for every file costs more than
  // writing a small file does. O_EXCL still refuses a name that happens to exist.
  thread_local std::mt19937 generator{std::random_device{}()};
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, ".%08x.tmp", static_cast<unsigned>(generator()));
  return "." + target.filename().string() + suffix;
}

}  // namespace

std::variant<std::string, IoError> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    return io_error(err == ENOENT ? IoError::Kind::not_found : IoError::Kind::unreadable, path,
                    errno_text(err));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return io_error(IoError::Kind::unreadable, path, errno_text(errno));
  if (S_ISDIR(info.st_mode)) return io_error(IoError::Kind::unreadable, path, "is a directory");
  if (S_ISREG(info.st_mode) && static_cast<std::size_t>(info.st_size) > max_bytes) {
    return io_error(IoError::Kind::too_large, path,
                    "file is " + std::to_string(info.st_size) + " bytes, more than the limit of " +
                        std::to_string(max_bytes));
  }
  std::string bytes;
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return io_error(IoError::Kind::unreadable, path, errno_text(errno));
    }
    if (got == 0) break;
    if (bytes.size() + static_cast<std::size_t>(got) > max_bytes) {
      return io_error(IoError::Kind::too_large, path,
                      "input is more than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  return bytes;
}

std::variant<std::monostate, IoError> write_file_atomic(const std::filesystem::path& path,
                                                        std::string_view bytes, WriteOptions options) {
  std::error_code ec;
  if (options.exclusive && std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
    return io_error(IoError::Kind::unwritable, path, "already exists; refusing to overwrite it");
  }
  std::filesystem::path directory = path.parent_path();
  if (directory.empty()) directory = ".";
  std::filesystem::path temporary = directory / temporary_name(path);

  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                           static_cast<mode_t>(options.mode)));
  if (fd.get() < 0) return io_error(IoError::Kind::unwritable, path, errno_text(errno));

  auto fail = [&](int err) {
    ::close(fd.release());
    ::unlink(temporary.c_str());
    return io_error(IoError::Kind::unwritable, path, errno_text(err));
  };
  // The creation mode is filtered by the umask; set it exactly (private keys need 0600).
  if (::fchmod(fd.get(), static_cast<mode_t>(options.mode)) != 0) return fail(errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (options.durable && ::fsync(fd.get()) != 0) return fail(errno);
  if (::close(fd.release()) != 0) {
    int err = errno;
    ::unlink(temporary.c_str());
    return io_error(IoError::Kind::unwritable, path, errno_text(err));
  }
  if (options.exclusive) {
    // link() fails if the target appeared meanwhile, so an existing key is never replaced.
    if (::link(temporary.c_str(), path.c_str()) != 0) {
      int err = errno;
      ::unlink(temporary.c_str());
      return io_error(IoError::Kind::unwritable, path,
                      err == EEXIST ? "already exists; refusing to overwrite it" : errno_text(err));
    }
    ::unlink(temporary.c_str());
    return std::monostate{};
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temporary.c_str());
    return io_error(IoError::Kind::unwritable, path, errno_text(err));
  }
  return std::monostate{};
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
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
  return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

}  // namespace bimi
