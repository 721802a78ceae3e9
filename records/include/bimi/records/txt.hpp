// TXT records as DNS carries them: a list of character-strings of at most 255 bytes each, which
// BIMI and DMARC read concatenated without separators (RFC 7208 §3.3, as the BIMI draft §4 says).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::records {

// The zone-file form of a value: quoted character-strings of at most 255 bytes, `"` and `\`
// escaped, separated by a space.
std::string to_presentation(std::string_view value);

// Reads one value given in zone-file form (`"v=BIMI1; l=ht" "tps://..."`, with \" \\ and \DDD
// escapes) and joins its strings. Nullopt when the quoting is broken.
std::optional<std::string> join_presentation(std::string_view text);

}  // namespace bimi::records
