# `cmake --install`: the `bimi` binary (component runtime, with its man pages and completions) and
# the libraries with their public headers, the CMake package `find_package(bimi)` (targets
# bimi::common, bimi::svgps, bimi::vmc, bimi::records, bimi::auth, bimi::net, bimi::reports) and one pkg-config
# file per library (component development).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(bimi_libraries common svgps vmc records auth net reports)
set(BIMI_CMAKE_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/bimi")

foreach(library IN LISTS bimi_libraries)
  set_target_properties(bimi_${library} PROPERTIES EXPORT_NAME ${library})
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${library}/include/"
          DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT development)
endforeach()
list(TRANSFORM bimi_libraries PREPEND bimi_ OUTPUT_VARIABLE bimi_library_targets)
install(TARGETS ${bimi_library_targets} EXPORT bimiTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT development
        INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT bimiTargets NAMESPACE bimi:: DESTINATION "${BIMI_CMAKE_PACKAGE_DIR}" COMPONENT development)

configure_package_config_file("${PROJECT_SOURCE_DIR}/packaging/bimiConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/bimiConfig.cmake"
                              INSTALL_DESTINATION "${BIMI_CMAKE_PACKAGE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/bimiConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/bimiConfig.cmake" "${PROJECT_BINARY_DIR}/bimiConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/FindPotrace.cmake"
        DESTINATION "${BIMI_CMAKE_PACKAGE_DIR}" COMPONENT development)

# pkg-config: the libraries are static archives over shared system libraries, so what they link
# with is in Requires and Libs, not in the .private fields: `pkg-config --static` would also pull
# in the static closure of every system library, which Debian does not install.
file(RELATIVE_PATH BIMI_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" BIMI_PC_TO_PREFIX "${BIMI_PC_TO_PREFIX}")
function(bimi_pkg_config library description bimi_requires system_requires libs)
  set(BIMI_PC_NAME "bimi-${library}")
  set(BIMI_PC_LIBRARY "bimi_${library}")
  set(BIMI_PC_DESCRIPTION "${description}")
  string(STRIP "${bimi_requires} ${system_requires}" BIMI_PC_REQUIRES)
  set(BIMI_PC_LIBS "${libs}")
  configure_file("${PROJECT_SOURCE_DIR}/packaging/bimi-library.pc.in"
                 "${PROJECT_BINARY_DIR}/pkgconfig/bimi-${library}.pc" @ONLY)
  install(FILES "${PROJECT_BINARY_DIR}/pkgconfig/bimi-${library}.pc"
          DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig" COMPONENT development)
endfunction()

bimi_pkg_config(common "bimi common: findings, files, base64, gzip" "" "zlib" "")
bimi_pkg_config(svgps "bimi logos: parse, lint, convert, trace and render SVG Tiny P/S" "bimi-common"
                "libxml-2.0 librsvg-2.0 cairo tinyxml2 zlib libpng libjpeg libwebp imagequant polyclipping fontconfig freetype2 harfbuzz"
                "-lpotrace -lgif -lgomp")
bimi_pkg_config(vmc "bimi mark certificates: logotype hashes, CSRs, verification" "bimi-common" "libcrypto zlib" "")
bimi_pkg_config(records "bimi BIMI and DMARC records, offline" "bimi-common" "libpsl" "")
bimi_pkg_config(auth "bimi message authentication, offline: SPF, DKIM, ARC, alignment" "bimi-records bimi-common"
                "libcrypto libidn2 libsodium" "")
bimi_pkg_config(net "bimi DNS look-ups, HTTPS fetches and the live domain check"
                "bimi-auth bimi-records bimi-vmc bimi-common" "libcares libcurl" "-pthread")
bimi_pkg_config(reports "bimi DMARC aggregate reports: XML, gzip, zip, MIME and mbox, aggregation and readiness"
                "bimi-auth bimi-common" "expat libzip" "")
