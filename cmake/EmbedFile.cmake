# Script mode: writes a C++ source that holds the bytes of INPUT as a std::string_view
# named SYMBOL in namespace NAMESPACE. Usage:
#   cmake -DINPUT=f -DOUTPUT=f.cpp -DSYMBOL=name -DNAMESPACE=ns -P EmbedFile.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_count "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace ${NAMESPACE} {\nnamespace {\nconstexpr unsigned char data[] = {${bytes}};\n}\n"
  "std::string_view ${SYMBOL}() { return {reinterpret_cast<const char*>(data), ${byte_count}}; }\n}\n")
