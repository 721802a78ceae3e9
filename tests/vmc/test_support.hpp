// Helpers shared by the vmc tests: reading repository fixtures.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <variant>

#include "bimi/file_io.hpp"

namespace bimi::vmc::test {

inline std::string read_fixture(const std::filesystem::path& path) {
  auto bytes = bimi::read_file(path, 16u << 20);
  if (auto* error = std::get_if<bimi::IoError>(&bytes)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<std::string>(bytes);
}

inline std::filesystem::path real_dir() { return std::filesystem::path(BIMI_FIXTURES_DIR) / "real"; }

}  // namespace bimi::vmc::test
