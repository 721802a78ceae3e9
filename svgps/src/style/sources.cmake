# The style stage: colours, paints, CSS declarations, stylesheets, selectors, the cascade, and the
# computed values of every element of a raw tree.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/cascade.cpp
  ${CMAKE_CURRENT_LIST_DIR}/color.cpp
  ${CMAKE_CURRENT_LIST_DIR}/computed_styles.cpp
  ${CMAKE_CURRENT_LIST_DIR}/css_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/declarations.cpp
  ${CMAKE_CURRENT_LIST_DIR}/font_family.cpp
  ${CMAKE_CURRENT_LIST_DIR}/opaque_color.cpp
  ${CMAKE_CURRENT_LIST_DIR}/paint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/selector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shorthands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/skipped.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stylesheet.cpp)
