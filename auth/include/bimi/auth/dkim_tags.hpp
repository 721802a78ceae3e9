// The tag=value list DKIM signatures and key records are written in (RFC 6376 §3.2). Unlike the
// BIMI and DMARC records, tag names here are case-sensitive and values may be folded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::auth {

struct DkimTag {
  std::string_view name;
  std::string_view value;     // without the white space around it; may still hold folding white space
  std::size_t raw_begin = 0;  // offset just after the `=`
  std::size_t raw_end = 0;    // offset of the `;` that ends the tag, or the end of the list
};

struct DkimTagList {
  std::vector<DkimTag> tags;
  const DkimTag* find(std::string_view name) const;
};

// Views into `text`. nullopt with `error` set when the list breaks the grammar, including a tag
// named twice (§3.2: the whole list is then invalid).
std::optional<DkimTagList> parse_dkim_tags(std::string_view text, std::string& error);

// The value with every white space (and folding CRLF) removed: how base64 values are read.
std::string without_white_space(std::string_view value);

}  // namespace bimi::auth
