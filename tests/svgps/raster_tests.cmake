# Tests of the tracing stage (svgps/src/raster) and of bitmap conversion. libjpeg writes the
# progressive JPEGs the scan-limit test needs.
find_package(JPEG REQUIRED)
bimi_add_test(svgps_raster_tests
  ${CMAKE_CURRENT_LIST_DIR}/raster_decode_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_palette_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_convert_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_facets_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_shading_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_stacking_test.cpp)
target_include_directories(svgps_raster_tests PRIVATE "${PROJECT_SOURCE_DIR}/svgps/src")
# The palette test pins OpenMP's thread count the way a multi-core caller would leave it.
target_link_libraries(svgps_raster_tests PRIVATE bimi::svgps JPEG::JPEG "${GOMP_LIBRARY}")
