// Helpers shared by the svgps tests.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::test {

inline std::filesystem::path fixtures() { return BIMI_FIXTURES_DIR; }

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every .svg file under `dir`, recursively, in sorted order.
inline std::vector<std::filesystem::path> svg_files_under(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".svg") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::string> rule_ids(const Diagnostics& diagnostics) {
  std::vector<std::string> ids;
  for (const auto& d : diagnostics.items()) ids.push_back(d.rule);
  return ids;
}

inline std::string describe(const Diagnostics& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics.items()) {
    text += d.rule + " (" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ") " +
            d.message + "\n";
  }
  return text;
}

// The smallest logo that passes every rule, to build variants from.
inline std::string good_logo(const std::string& body =
                                 "<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"
                                 "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#cc0000\"/>\n",
                             const std::string& root_attributes = "viewBox=\"0 0 100 100\"") {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" " + root_attributes +
         ">\n<title>Example</title>\n" + body + "</svg>\n";
}

}  // namespace bimi::test
