// `bimi --version`: bimi's version (from CMake's project()) and the versions of
// the libraries whose behaviour its outputs depend on (certificate checks,
// renders, schema validation, parsing, tracing).
#pragma once

#include <string>

namespace bimi::cli {

std::string version_text();

}  // namespace bimi::cli
