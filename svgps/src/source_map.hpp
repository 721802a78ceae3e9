// Maps byte offsets in the XML text to 1-based line:column (columns count characters, not bytes).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::svgps::detail {

class SourceMap {
 public:
  explicit SourceMap(std::string_view text);

  Location location(std::size_t offset) const;
  // Byte offset where a 1-based line starts (the text's end for lines past the last).
  std::size_t line_start(int line) const;
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace bimi::svgps::detail
