# FindPotrace: Debian ships potracelib without a CMake config or pkg-config file.
# Defines Potrace_FOUND, Potrace_INCLUDE_DIR, Potrace_LIBRARY and the target Potrace::Potrace.
find_path(Potrace_INCLUDE_DIR NAMES potracelib.h)
find_library(Potrace_LIBRARY NAMES potrace)

if(Potrace_INCLUDE_DIR AND EXISTS "${Potrace_INCLUDE_DIR}/potracelib.h")
  file(STRINGS "${Potrace_INCLUDE_DIR}/potracelib.h" _potrace_version_line
       REGEX "^#define POTRACELIB_VERSION")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Potrace REQUIRED_VARS Potrace_LIBRARY Potrace_INCLUDE_DIR)

if(Potrace_FOUND AND NOT TARGET Potrace::Potrace)
  add_library(Potrace::Potrace UNKNOWN IMPORTED)
  set_target_properties(Potrace::Potrace PROPERTIES
    IMPORTED_LOCATION "${Potrace_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Potrace_INCLUDE_DIR}")
endif()
mark_as_advanced(Potrace_INCLUDE_DIR Potrace_LIBRARY)
