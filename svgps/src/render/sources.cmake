# Rendering with librsvg and cairo: the bounds checked before librsvg runs, the sandboxed worker
# processes, and the fidelity comparison of two renders.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/bounds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cairo_image.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cairo_library.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fidelity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plain_scene.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rsvg_library.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scene_drawing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sandbox.cpp)
# librsvg is opened on the first render (rsvg_library.hpp says why): its headers and cairo's only.
list(APPEND svgps_stage_include_directories $<TARGET_PROPERTY:PkgConfig::RSVG,INTERFACE_INCLUDE_DIRECTORIES>)
