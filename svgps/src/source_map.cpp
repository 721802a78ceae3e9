#include "source_map.hpp"

#include <algorithm>

namespace bimi::svgps::detail {

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    // XML normalizes CR LF and lone CR to a line break; count lines the same way.
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);
    }
  }
}

Location SourceMap::location(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  int column = 1;
  for (std::size_t i = start; i < offset; ++i) {
    // Count characters: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return {static_cast<int>(line_index) + 1, column};
}

std::size_t SourceMap::line_start(int line) const {
  if (line < 1) return 0;
  std::size_t index = static_cast<std::size_t>(line) - 1;
  return index < line_starts_.size() ? line_starts_[index] : text_.size();
}

}  // namespace bimi::svgps::detail
