// What reaches a terminal: colour only where it belongs, and untrusted text made inert.
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace bimi::cli {
// Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
bool use_color(std::FILE* stream);

// `text` (a record, a URL, a file name, a certificate field, a message quoting any of them) with
// every character that could drive or disguise a terminal shown as an escape instead: C0 controls
// and DEL as \t, \n, \r or \xHH, C1 controls as \u{HH}, bidirectional controls (U+061C, U+200E,
// U+200F, U+202A-U+202E, U+2066-U+2069) and line/paragraph separators (U+2028, U+2029) as
// \u{HHHH}, and each byte of invalid UTF-8 as \xHH. Everything else, backslashes included, is
// kept as is, so ordinary text prints unchanged. Text output only: JSON and SARIF keep exact
// strings with their own escaping.
std::string printable(std::string_view text);
}  // namespace bimi::cli
