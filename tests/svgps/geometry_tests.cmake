# Unit tests of the converter's geometry stage (svgps/src/geometry).
bimi_add_test(svgps_geometry_tests
  ${CMAKE_CURRENT_LIST_DIR}/geometry_clip_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_css_transform_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_curve_restore_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_format_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_path_data_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_path_ops_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_shapes_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_stroke_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_thin_lines_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/geometry_transform_test.cpp)
target_include_directories(svgps_geometry_tests PRIVATE "${PROJECT_SOURCE_DIR}/svgps/src")
target_link_libraries(svgps_geometry_tests PRIVATE bimi::svgps)
