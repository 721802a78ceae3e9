// The byte-level traits that change a logo's hash without changing how it looks (line ends, a byte
// order mark, final line breaks), and why two versions of a logo differ in those terms. `bimi hash`
// warns with the first, `bimi verify` explains a mismatch with the second.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bimi::vmc {

struct LogoByteTraits {
  bool bom = false;                  // starts with a UTF-8 byte order mark
  bool crlf = false;                 // has at least one CRLF line end
  std::size_t final_line_breaks = 0; // line breaks (LF, CRLF or CR) ending the file
};

LogoByteTraits logo_byte_traits(std::string_view bytes);

// The final line breaks `bimi convert` writes (docs/normalized-form.md): exactly one LF.
inline constexpr std::size_t normalized_final_line_breaks = 1;

// Why `actual` (named actual_name, e.g. "the logo given") differs from `reference` (e.g. "the
// embedded SVG"): a byte order mark, CRLF against LF, added or removed final line breaks, and
// otherwise the first differing line and column (1-based, counted in bytes after those
// differences are set aside). Empty when the bytes are equal.
std::string explain_logo_difference(std::string_view reference, std::string_view actual,
                                    std::string_view reference_name, std::string_view actual_name);

}  // namespace bimi::vmc
