#include "bimi/file_io.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

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
  auto result = write_file_atomic(dir_ / "key.pem", "other", {0600, true});
  ASSERT_TRUE(std::holds_alternative<IoError>(result));
  EXPECT_EQ(std::get<std::string>(read_file(dir_ / "key.pem", 10)), "secret");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(FileIo, ModeIsSetExactly) {
  ASSERT_TRUE(std::holds_alternative<std::monostate>(write_file_atomic(dir_ / "k", "x", {0600, true})));
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "k").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
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
