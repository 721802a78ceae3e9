# Unit tests of the converter's style stage (svgps/src/style).
bimi_add_test(svgps_style_tests
  ${CMAKE_CURRENT_LIST_DIR}/style_cascade_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_color_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_css_text_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_declarations_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_font_family_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_paint_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_real_world_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_robustness_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_selector_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_shorthands_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/style_stylesheet_test.cpp)
target_include_directories(svgps_style_tests PRIVATE "${PROJECT_SOURCE_DIR}/svgps/src")
target_link_libraries(svgps_style_tests PRIVATE bimi::svgps)
