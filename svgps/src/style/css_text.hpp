// Character-level helpers shared by the style parsers: CSS whitespace, ASCII case folding, and a
// scanner that steps over comments, strings and nested blocks the way the CSS tokenizer does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bimi::svgps::style {

// CSS whitespace: space, tab, line feed, carriage return, form feed.
bool is_css_whitespace(char c);
std::string_view trim(std::string_view text);
void skip_css_whitespace(std::string_view& text);

// ASCII-only case folding: CSS keywords are ASCII, and non-ASCII bytes must pass through intact.
char to_lower_ascii(char c);
std::string to_lower_ascii(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
// Case-insensitively consumes `prefix` from the front of `text`; leaves `text` alone otherwise.
bool consume_prefix_ignoring_case(std::string_view& text, std::string_view prefix);

// The CSS-wide keyword `inherit` (case-insensitive, surrounding whitespace allowed). Values that
// are `inherit` are left to the caller, who knows the parent's computed value.
bool is_inherit(std::string_view value);

// Position just past the comment that starts at `pos` ("/*"); text.size() if it is unterminated.
std::size_t skip_comment(std::string_view text, std::size_t pos);
// Position just past the string whose quote is at `pos`. As in the CSS tokenizer a string ends at
// its closing quote, at an unescaped newline (a "bad string") or at the end of the text.
std::size_t skip_string(std::string_view text, std::size_t pos);

// Advances from `pos` to the first character of `stops` that is outside any comment, string,
// escape and (), [] or {} block, or to text.size(). Blocks close only with their own bracket,
// as in CSS; a stray closing bracket is an ordinary character. Linear time; the open blocks are
// kept on a heap stack, so nesting depth costs no recursion.
std::size_t scan_until(std::string_view text, std::size_t pos, std::string_view stops);

// The text with each comment replaced by one space (comments separate tokens, so "a/**/b" is two
// words), strings and escapes left as written.
std::string replace_comments(std::string_view text);

// Identifier characters (CSS Syntax 3, 4.2): ASCII letters, '_', any non-ASCII byte; digits and
// '-' after the first.
bool is_css_name_start(char c);
bool is_css_name_char(char c);
bool is_hex_digit(char c);

// Whether text[i] starts a valid escape: a backslash not followed by a newline or the end.
bool is_valid_escape(std::string_view text, std::size_t i);
// Decodes the valid escape whose backslash is at `i` into `out` (as UTF-8; NUL, surrogates and
// code points past U+10FFFF become U+FFFD); returns the position after it (CSS Syntax 3, 4.3.7).
std::size_t consume_escape(std::string_view text, std::size_t i, std::string& out);
void append_utf8(std::string& out, std::uint32_t code_point);

// Whether an identifier starts at text[i] (CSS Syntax 3, 4.3.9).
bool starts_identifier(std::string_view text, std::size_t i);
// The identifier at `pos`, escapes decoded; advances `pos` past it. nullopt (pos unchanged) when
// none starts there.
std::optional<std::string> consume_identifier(std::string_view text, std::size_t& pos);
// The string whose quote is at `pos`, escapes decoded and escaped newlines removed; advances `pos`
// past the closing quote. nullopt (pos unchanged) for a bad string (a raw newline) or one left
// open at the end.
std::optional<std::string> consume_quoted_string(std::string_view text, std::size_t& pos);

}  // namespace bimi::svgps::style
