# The converter's geometry stage: transforms, path data, shapes, bounds, flattening, formatting.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/path_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/path_ops.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shapes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transform.cpp)
