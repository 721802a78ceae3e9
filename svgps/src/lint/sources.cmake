# The lint stage: each family of checks over the raw tree, the schema model and the schema gate
# (libxml2's RELAX NG validator over the embedded official schema), and the rule table.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/lint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reference_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema_gate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/structure_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/viewport_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/visual_checks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/visual_proof.cpp)
list(APPEND svgps_stage_libraries PkgConfig::LIBXML2)
