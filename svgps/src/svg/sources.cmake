# The parse layer: bytes to a raw tree. Input sniffing and limits, text encoding, XML (tinyxml2)
# with a source map for line:column, numbers, xml:space and IRIs, and the per-file deadline every
# later stage shares.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/file_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/input.cpp
  ${CMAKE_CURRENT_LIST_DIR}/numbers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raw_tree.cpp
  ${CMAKE_CURRENT_LIST_DIR}/source_map.cpp)
list(APPEND svgps_stage_libraries tinyxml2::tinyxml2 ZLIB::ZLIB)
