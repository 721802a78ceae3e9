#pragma once
#include <cstdio>

namespace bimi::cli {
// Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
bool use_color(std::FILE* stream);
}  // namespace bimi::cli
