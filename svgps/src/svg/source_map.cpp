#include "svg/source_map.hpp"

#include <algorithm>

namespace bimi::svgps::detail {
namespace {

constexpr std::size_t checkpoint_bytes = 256;

bool is_lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

SourceMap::SourceMap(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  characters_at_checkpoint_.reserve(text.size() / checkpoint_bytes + 1);
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % checkpoint_bytes == 0) characters_at_checkpoint_.push_back(characters);
    if (is_lead_byte(text[i])) ++characters;
    // XML normalizes CR LF and lone CR to a line break; count lines the same way.
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);
    }
  }
  if (text.size() % checkpoint_bytes == 0) characters_at_checkpoint_.push_back(characters);
}

std::size_t SourceMap::characters_before(std::size_t offset) const {
  std::size_t checkpoint = offset / checkpoint_bytes;
  std::size_t characters = characters_at_checkpoint_[checkpoint];
  for (std::size_t i = checkpoint * checkpoint_bytes; i < offset; ++i) {
    if (is_lead_byte(text_[i])) ++characters;
  }
  return characters;
}

Location SourceMap::location(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t column = characters_before(offset) - characters_before(line_starts_[line_index]) + 1;
  return {static_cast<int>(line_index) + 1, static_cast<int>(column)};
}

std::size_t SourceMap::line_start(int line) const {
  if (line < 1) return 0;
  std::size_t index = static_cast<std::size_t>(line) - 1;
  return index < line_starts_.size() ? line_starts_[index] : text_.size();
}

}  // namespace bimi::svgps::detail
