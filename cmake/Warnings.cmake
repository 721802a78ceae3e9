# One INTERFACE target that carries the project's warning flags.
add_library(bimi_warnings INTERFACE)
add_library(bimi::warnings ALIAS bimi_warnings)
target_compile_options(bimi_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2)
# GCC 12 at -O3 reports impossible overlaps inside std::string concatenation (GCC bug 105651).
target_compile_options(bimi_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
