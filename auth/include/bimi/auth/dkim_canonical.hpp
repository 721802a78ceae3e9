// DKIM canonicalization (RFC 6376 §3.4): the exact bytes a signature covers.
#pragma once

#include <string>
#include <string_view>

namespace bimi::auth {

enum class Canonicalization { simple, relaxed };

// One header field (its raw bytes, folding included, without the final CRLF), canonicalized and
// followed by CRLF (§3.4.1, §3.4.2).
std::string canonical_header(std::string_view raw_field, Canonicalization mode);

// The body (§3.4.3, §3.4.4). `simple` turns an empty body into CRLF; `relaxed` leaves it empty
// (RFC 6376 erratum 1377 for RFC 4871, carried into RFC 6376).
std::string canonical_body(std::string_view body, Canonicalization mode);

}  // namespace bimi::auth
