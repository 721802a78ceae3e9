# The tracing stage: PNG (libpng), JPEG (libjpeg-turbo), WebP (libwebp) and GIF (giflib) decoding, resampling, colour reduction
# with libimagequant and Potrace per colour layer.
list(APPEND svgps_stage_sources
  ${CMAKE_CURRENT_LIST_DIR}/alpha_bands.cpp
  ${CMAKE_CURRENT_LIST_DIR}/alpha_gradient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_uri.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_gif.cpp
  ${CMAKE_CURRENT_LIST_DIR}/decode_webp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/palette.cpp
  ${CMAKE_CURRENT_LIST_DIR}/prepare.cpp
  ${CMAKE_CURRENT_LIST_DIR}/profile_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resample.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shading.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stacking.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace.cpp)
find_package(PNG REQUIRED)
find_package(JPEG REQUIRED)
find_package(GIF REQUIRED)
pkg_check_modules(WEBP REQUIRED IMPORTED_TARGET libwebp)
pkg_check_modules(IMAGEQUANT REQUIRED IMPORTED_TARGET imagequant)
# libimagequant runs on GNU OpenMP; the palette code pins its thread count through that runtime.
find_library(GOMP_LIBRARY NAMES gomp libgomp.so.1 REQUIRED)
list(APPEND svgps_stage_libraries PNG::PNG JPEG::JPEG GIF::GIF PkgConfig::WEBP PkgConfig::IMAGEQUANT Potrace::Potrace "${GOMP_LIBRARY}")
