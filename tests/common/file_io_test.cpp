#include "bimi/file_io.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>

namespace bimi {
namespace {

namespace fs = std::filesystem;

class FileIo : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bimi-file-io-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(FileIo, ReadsWholeFile) {
  std::ofstream(dir_ / "a.txt") << "hello";
  auto result = read_file(dir_ / "a.txt", 100);
  ASSERT_TRUE(std::holds_alternative<std::string>(result));
  EXPECT_EQ(std::get<std::string>(result), "hello");
}

TEST_F(FileIo, RefusesFileOverLimitBeforeReading) {
  std::ofstream(dir_ / "big.txt") << std::string(1000, 'x');
  auto result = read_file(dir_ / "big.txt", 999);
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<IoError>(result).kind, IoError::Kind::too_large);
}

TEST_F(FileIo, MissingFileIsNotFound) {
  auto result = read_file(dir_ / "none", 10);
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<IoError>(result).kind, IoError::Kind::not_found);
  EXPECT_NE(std::get<IoError>(result).message.find("none"), std::string::npos);
}

TEST_F(FileIo, DirectoryIsUnreadable) {
  auto result = read_file(dir_, 10);
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<IoError>(result).kind, IoError::Kind::unreadable);
}

TEST_F(FileIo, AtomicWriteReplacesAndLeavesNoTemporary) {
  std::ofstream(dir_ / "out.svg") << "old";
  auto result = write_file_atomic(dir_ / "out.svg", "new");
  ASSERT_TRUE(std::holds_alternative<std::monostate>(result));
  EXPECT_EQ(std::get<std::string>(read_file(dir_ / "out.svg", 10)), "new");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, ExclusiveWriteNeverReplaces) {
  std::ofstream(dir_ / "key.pem") << "secret";
  auto result = write_file_atomic(dir_ / "key.pem", "other", {.private_file = true, .exclusive = true});
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<std::string>(read_file(dir_ / "key.pem", 10)), "secret");
  EXPECT_EQ(entries(), 1u);
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_mode;
}

// Sets the umask for one test and puts the old one back.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }
  ScopedUmask(const ScopedUmask&) = delete;
  ScopedUmask& operator=(const ScopedUmask&) = delete;

 private:
  mode_t old_;
};

TEST_F(FileIo, PrivateFileIsSetExactlyWhateverTheUmask) {
  for (mode_t mask : {022, 077, 0277}) {
    ScopedUmask umask(mask);
    fs::path key = dir_ / ("k" + std::to_string(mask));
    ASSERT_TRUE(std::holds_alternative<std::monostate>(
        write_file_atomic(key, "x", {.private_file = true, .exclusive = true})));
    EXPECT_EQ(mode_of(key) & 0777, 0600u) << "umask " << mask;
  }
}

TEST_F(FileIo, NewFilesFollowTheUmask) {
  {
    ScopedUmask umask(077);
    ASSERT_TRUE(std::holds_alternative<std::monostate>(write_file_atomic(dir_ / "private.svg", "x")));
  }
  {
    ScopedUmask umask(022);
    ASSERT_TRUE(std::holds_alternative<std::monostate>(write_file_atomic(dir_ / "shared.svg", "x")));
  }
  EXPECT_EQ(mode_of(dir_ / "private.svg") & 0777, 0600u);
  EXPECT_EQ(mode_of(dir_ / "shared.svg") & 0777, 0644u);
}

TEST_F(FileIo, ReplacedFileKeepsItsPermissions) {
  std::ofstream(dir_ / "out.svg") << "old";
  fs::permissions(dir_ / "out.svg", fs::perms(0640));
  ASSERT_TRUE(std::holds_alternative<std::monostate>(write_file_atomic(dir_ / "out.svg", "new")));
  EXPECT_EQ(mode_of(dir_ / "out.svg") & 0777, 0640u);
}

TEST_F(FileIo, LongestNamesAreWritable) {
  // 255 bytes is the longest name most file systems take; the temporary must not be longer.
  fs::path out = dir_ / (std::string(251, 'n') + ".svg");
  auto result = write_file_atomic(out, "x");
  ASSERT_TRUE(std::holds_alternative<std::monostate>(result)) << std::get<IoError>(result).message;
  EXPECT_EQ(std::get<std::string>(read_file(out, 10)), "x");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, CharacterDeviceIsWrittenThroughNotReplaced) {
  // A link to /dev/null stands in for the device itself: the old code replaced the link, never the device.
  fs::create_symlink("/dev/null", dir_ / "null");
  auto result = write_file_atomic(dir_ / "null", "discarded");
  ASSERT_TRUE(std::holds_alternative<std::monostate>(result)) << std::get<IoError>(result).message;
  EXPECT_TRUE(S_ISLNK(mode_of(dir_ / "null")));
  EXPECT_TRUE(S_ISCHR(mode_of("/dev/null")));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, FifoWithAReaderIsWrittenThrough) {
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  auto result = write_file_atomic(fifo, "through the pipe");
  ASSERT_TRUE(std::holds_alternative<std::monostate>(result)) << std::get<IoError>(result).message;
  auto got = read_stream(reader, "fifo", 100);
  ::close(reader);
  EXPECT_EQ(std::get<std::string>(got), "through the pipe");
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo)));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, FifoWithoutAReaderFailsAtOnce) {
  fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto result = write_file_atomic(fifo, "x");
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_NE(std::get<IoError>(result).message.find("no reader"), std::string::npos);
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo)));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, DirectoriesAndSocketsAreNeverReplaced) {
  fs::create_directory(dir_ / "sub");
  auto result = write_file_atomic(dir_ / "sub", "x");
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_NE(std::get<IoError>(result).message.find("is a directory"), std::string::npos);
  EXPECT_TRUE(fs::is_directory(dir_ / "sub"));
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, SymlinkToAFileKeepsTheLinkAndReplacesTheFile) {
  std::ofstream(dir_ / "real.svg") << "old";
  fs::create_symlink("real.svg", dir_ / "link.svg");
  ASSERT_TRUE(std::holds_alternative<std::monostate>(write_file_atomic(dir_ / "link.svg", "new")));
  EXPECT_TRUE(S_ISLNK(mode_of(dir_ / "link.svg")));
  EXPECT_EQ(std::get<std::string>(read_file(dir_ / "real.svg", 10)), "new");
  EXPECT_EQ(entries(), 2u);
}

TEST_F(FileIo, DanglingSymlinkIsRefused) {
  fs::create_symlink(dir_ / "nowhere" / "x.svg", dir_ / "link.svg");
  ASSERT_TRUE(std::holds_alternative<IoError>(write_file_atomic(dir_ / "link.svg", "x")));
  EXPECT_TRUE(S_ISLNK(mode_of(dir_ / "link.svg")));
  EXPECT_FALSE(fs::exists(dir_ / "nowhere"));
}

TEST_F(FileIo, FifoWithoutAWriterIsRefusedWithoutWaiting) {
  fs::path fifo = dir_ / "fifo.svg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto reading = std::async(std::launch::async, [&] { return read_file(fifo, 100); });
  if (reading.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    // Release the blocked reader so that the test ends.
    int writer = ::open(fifo.c_str(), O_WRONLY);
    if (writer >= 0) ::close(writer);
    FAIL() << "read_file waited for a writer";
  }
  auto result = reading.get();
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<IoError>(result).kind, IoError::Kind::unreadable);
  EXPECT_NE(std::get<IoError>(result).message.find("FIFO"), std::string::npos);
}

TEST_F(FileIo, DevicesAreNotReadAsFiles) {
  auto result = read_file("/dev/zero", 100);
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_NE(std::get<IoError>(result).message.find("not a regular file"), std::string::npos);
}

TEST_F(FileIo, StreamsAreReadUpToTheLimit) {
  int pipe_ends[2];
  ASSERT_EQ(::pipe(pipe_ends), 0);
  ASSERT_EQ(::write(pipe_ends[1], "0123456789", 10), 10);
  ::close(pipe_ends[1]);
  auto small = read_stream(pipe_ends[0], "standard input", 9);
  ::close(pipe_ends[0]);
  ASSERT_TRUE(std::holds_alternative<IoError>(small));
  EXPECT_EQ(std::get<IoError>(small).kind, IoError::Kind::too_large);
  EXPECT_EQ(std::get<IoError>(small).message.rfind("standard input: ", 0), 0u);

  ASSERT_EQ(::pipe(pipe_ends), 0);
  ASSERT_EQ(::write(pipe_ends[1], "0123456789", 10), 10);
  ::close(pipe_ends[1]);
  auto whole = read_stream(pipe_ends[0], "standard input", 10);
  ::close(pipe_ends[0]);
  EXPECT_EQ(std::get<std::string>(whole), "0123456789");
}

TEST_F(FileIo, ParentDirectoriesAreCreatedAndRemovedWhenEmpty) {
  auto created = create_parent_directories(dir_ / "a" / "b" / "out.svg");
  ASSERT_TRUE(std::holds_alternative<std::vector<fs::path>>(created));
  const auto& made = std::get<std::vector<fs::path>>(created);
  ASSERT_EQ(made.size(), 2u);
  EXPECT_EQ(made.front(), dir_ / "a");
  EXPECT_TRUE(fs::is_directory(dir_ / "a" / "b"));
  std::ofstream(dir_ / "a" / "kept") << "x";
  remove_empty_directories(made);
  EXPECT_FALSE(fs::exists(dir_ / "a" / "b"));
  EXPECT_TRUE(fs::exists(dir_ / "a" / "kept"));  // not empty: left alone
  // An existing directory is not reported as created.
  EXPECT_TRUE(std::get<std::vector<fs::path>>(create_parent_directories(dir_ / "a" / "x.svg")).empty());
}

TEST_F(FileIo, ParentThatIsAFileIsAnError) {
  std::ofstream(dir_ / "file") << "x";
  auto created = create_parent_directories(dir_ / "file" / "sub" / "out.svg");
  ASSERT_TRUE(std::holds_alternative<IoError>(created));
  EXPECT_EQ(std::get<IoError>(created).kind, IoError::Kind::unwritable);
}

TEST_F(FileIo, FileIdentitySeesLinks) {
  std::ofstream(dir_ / "a") << "x";
  fs::create_symlink(dir_ / "a", dir_ / "b");
  EXPECT_EQ(file_identity(dir_ / "a"), file_identity(dir_ / "b"));
  EXPECT_FALSE(file_identity(dir_ / "missing"));
}

TEST_F(FileIo, UnwritableDirectoryFailsCleanly) {
  auto result = write_file_atomic(dir_ / "missing-dir" / "out.svg", "x");
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<IoError>(result).kind, IoError::Kind::unwritable);
}

TEST_F(FileIo, SameFileSeesThroughSymlinks) {
  std::ofstream(dir_ / "a") << "x";
  fs::create_symlink(dir_ / "a", dir_ / "b");
  EXPECT_TRUE(same_file(dir_ / "a", dir_ / "b"));
  EXPECT_TRUE(same_file(dir_ / "a", dir_ / "." / "a"));
  EXPECT_FALSE(same_file(dir_ / "a", dir_ / "c"));
}

TEST_F(FileIo, SameFileSeesHardLinksAndMissingPaths) {
  std::ofstream(dir_ / "a") << "x";
  std::ofstream(dir_ / "other") << "x";
  fs::create_hard_link(dir_ / "a", dir_ / "hard");
  EXPECT_TRUE(same_file(dir_ / "a", dir_ / "hard"));
  EXPECT_FALSE(same_file(dir_ / "a", dir_ / "other"));  // same bytes, another file
  // Neither exists yet: one path written two ways is still one file.
  EXPECT_TRUE(same_file(dir_ / "new.svg", dir_ / "sub" / ".." / "new.svg"));
  EXPECT_FALSE(same_file(dir_ / "new.svg", dir_ / "newer.svg"));
}

}  // namespace
}  // namespace bimi
