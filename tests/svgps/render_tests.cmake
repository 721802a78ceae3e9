# Renders of untrusted input: the bounds checked before librsvg runs, and the worker processes
# that render with their own limits (a small worker executable stands in for bimi's hidden mode).
add_executable(render_test_worker render_test_worker.cpp)
target_link_libraries(render_test_worker PRIVATE bimi::svgps bimi::warnings)

bimi_add_test(svgps_render_tests render_limits_test.cpp render_sandbox_test.cpp)
target_link_libraries(svgps_render_tests PRIVATE bimi::svgps ZLIB::ZLIB)
target_include_directories(svgps_render_tests PRIVATE "${PROJECT_SOURCE_DIR}/svgps/src")
target_compile_definitions(svgps_render_tests PRIVATE BIMI_RENDER_WORKER="$<TARGET_FILE:render_test_worker>")
add_dependencies(svgps_render_tests render_test_worker)
