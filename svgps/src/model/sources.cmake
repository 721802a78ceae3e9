# The output model: the closed document the converter and the tracer build, and its deterministic
# writer (the bytes a certificate pins).
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/writer.cpp)
