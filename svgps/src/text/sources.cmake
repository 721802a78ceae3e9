# Text to outlines: fontconfig chooses the font, HarfBuzz shapes, FreeType gives the outlines.
pkg_check_modules(TEXT_SHAPING REQUIRED IMPORTED_TARGET fontconfig freetype2 harfbuzz)
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/fonts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/outline.cpp)
list(APPEND svgps_stage_libraries PkgConfig::TEXT_SHAPING)
