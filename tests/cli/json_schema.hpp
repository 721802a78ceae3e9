// Validates a command's JSON output against its schema in docs/schemas/ (or the bundled SARIF
// 2.1.0 schema) with python3-jsonschema, through tests/cli/validate_json.py.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace bimi::test {

inline std::string schema_path(const std::string& name) {
  return std::string(BIMI_SOURCE_DIR) + "/docs/schemas/" + name;
}

inline std::string sarif_schema_path() { return std::string(BIMI_SOURCE_DIR) + "/fixtures/sarif/sarif-schema-2.1.0.json"; }

// Empty when `json` is valid against the schema; else the validator's first error.
inline std::string schema_errors(const std::string& schema, const std::string& json) {
  std::string pattern = (std::filesystem::temp_directory_path() / "bimi-json-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return "cannot create a temporary file";
  ::close(fd);
  std::ofstream(pattern, std::ios::binary) << json;
  std::string command = std::string(BIMI_PYTHON3) + " " + BIMI_SOURCE_DIR + "/tests/cli/validate_json.py '" + schema +
                        "' '" + pattern + "' 2>&1";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe) {
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  }
  int status = pipe ? ::pclose(pipe) : -1;
  std::filesystem::remove(pattern);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  return out.empty() ? "validator failed to run" : out;
}

}  // namespace bimi::test
