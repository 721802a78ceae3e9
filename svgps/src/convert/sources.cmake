# The converter: a raw tree (or a bitmap, through the tracer) to the output model, framed for
# BIMI, written, then linted and compared with the original's render.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/convert.cpp
  ${CMAKE_CURRENT_LIST_DIR}/framing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_convert.cpp)
