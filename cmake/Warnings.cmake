# One INTERFACE target that carries the project's warning flags.
add_library(bimi_warnings INTERFACE)
add_library(bimi::warnings ALIAS bimi_warnings)
target_compile_options(bimi_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2)
