# Tests of the text-to-outline stage (svgps/src/text).
bimi_add_test(svgps_text_tests
  ${CMAKE_CURRENT_LIST_DIR}/text_fonts_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_outline_test.cpp)
target_include_directories(svgps_text_tests PRIVATE "${PROJECT_SOURCE_DIR}/svgps/src")
target_link_libraries(svgps_text_tests PRIVATE bimi::svgps)
