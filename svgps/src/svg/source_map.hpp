// Maps byte offsets in the XML text to 1-based line:column (columns count characters, not bytes).
// Every look-up costs a binary search and at most one checkpoint's worth of bytes, never a scan
// of the line: a megabyte on one line is as cheap to locate in as many short lines.
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
  // Characters (UTF-8 lead bytes) before `offset`.
  std::size_t characters_before(std::size_t offset) const;

  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  std::vector<std::size_t> characters_at_checkpoint_;  // characters before each multiple of checkpoint_bytes
};

}  // namespace bimi::svgps::detail
