# The converter: a raw tree (or a bitmap, through the tracer) to the output model, framed for
# BIMI, written, then linted and compared with the original's render.
# builder.cpp walks the tree (declared in tree.hpp); each concept it meets has a file of its own.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/blend_modes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/blending.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bounds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/build_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/clip_mask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/clipping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/color_map.cpp
  ${CMAKE_CURRENT_LIST_DIR}/convert.cpp
  ${CMAKE_CURRENT_LIST_DIR}/effect_group.cpp
  ${CMAKE_CURRENT_LIST_DIR}/effect_trace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/element_style.cpp
  ${CMAKE_CURRENT_LIST_DIR}/filter_effects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/filter_paint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/flat_regions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/framing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gradient_mask.cpp
  ${CMAKE_CURRENT_LIST_DIR}/image.cpp
  ${CMAKE_CURRENT_LIST_DIR}/margin_advice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mask_trace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/opacity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/padded_reference.cpp
  ${CMAKE_CURRENT_LIST_DIR}/paint_server.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pattern_fill.cpp
  ${CMAKE_CURRENT_LIST_DIR}/raster_convert.cpp
  ${CMAKE_CURRENT_LIST_DIR}/root_stretch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shapes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stroke.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_content.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_outline.cpp
  ${CMAKE_CURRENT_LIST_DIR}/units_viewport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/use_expansion.cpp)
