# Rendering with librsvg and cairo: the bounds checked before librsvg runs, the sandboxed worker
# processes, and the fidelity comparison of two renders.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/bounds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fidelity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sandbox.cpp)
list(APPEND svgps_stage_libraries PkgConfig::RSVG)
