# The converter's geometry stage: transforms, path data, shapes, bounds, flattening, formatting,
# clipping and stroke outlines.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/clip.cpp
  ${CMAKE_CURRENT_LIST_DIR}/css_transform.cpp
  ${CMAKE_CURRENT_LIST_DIR}/curve_restore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/librsvg_paths.cpp
  ${CMAKE_CURRENT_LIST_DIR}/path_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/path_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shapes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stroke.cpp
  ${CMAKE_CURRENT_LIST_DIR}/thin_lines.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transform.cpp)
# Boolean clipping (clip-path) uses Clipper 6.4 from Debian's libpolyclipping-dev.
pkg_check_modules(POLYCLIPPING REQUIRED IMPORTED_TARGET polyclipping)
list(APPEND svgps_stage_libraries PkgConfig::POLYCLIPPING)
