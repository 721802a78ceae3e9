// Runs the bimi binary with a shell command line and captures its output and exit status.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace bimi::test {

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout, or stdout and stderr with merge_stderr
};

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

inline RunResult run_shell(const std::string& command) {
  RunResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline RunResult run_bimi(const std::string& arguments, bool merge_stderr = false) {
  return run_shell(shell_quote(BIMI_BINARY) + " " + arguments + (merge_stderr ? " 2>&1" : " 2>/dev/null"));
}

// The same, from another working directory (relative paths on the command line start there).
inline RunResult run_bimi_in(const std::filesystem::path& directory, const std::string& arguments) {
  return run_shell("cd " + shell_quote(directory.string()) + " && " + shell_quote(BIMI_BINARY) + " " + arguments +
                   " 2>/dev/null");
}

// A fresh temporary directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bimi-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace bimi::test
