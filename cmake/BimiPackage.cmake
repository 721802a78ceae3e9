# Man pages and shell completions, written at build time by the built `bimi` from its own command
# tree, and the Debian packages (CPack): `bimi` (the command, its man pages and completions, with
# the shared libraries it needs found by dpkg-shlibdeps) and `bimi-dev` (libraries, headers, CMake
# and pkg-config files).
set(bimi_generated "${PROJECT_BINARY_DIR}/generated")
set(bimi_man_stamp "${bimi_generated}/man/bimi.1")
set(bimi_completions
    "${bimi_generated}/completions/bimi.bash" "${bimi_generated}/completions/_bimi"
    "${bimi_generated}/completions/bimi.fish")
add_custom_command(
  OUTPUT "${bimi_man_stamp}" ${bimi_completions}
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${bimi_generated}/man"
  COMMAND "$<TARGET_FILE:bimi>" help-man "${bimi_generated}/man"
  # Installed compressed, as Debian's policy asks (man reads them either way).
  COMMAND sh "${PROJECT_SOURCE_DIR}/packaging/gzip-man-pages.sh" "${bimi_generated}/man" "${bimi_generated}/man-gz"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${bimi_generated}/completions"
  COMMAND "$<TARGET_FILE:bimi>" completion bash > "${bimi_generated}/completions/bimi.bash"
  COMMAND "$<TARGET_FILE:bimi>" completion zsh > "${bimi_generated}/completions/_bimi"
  COMMAND "$<TARGET_FILE:bimi>" completion fish > "${bimi_generated}/completions/bimi.fish"
  DEPENDS bimi "${PROJECT_SOURCE_DIR}/packaging/gzip-man-pages.sh"
  COMMENT "Writing the man pages and shell completions")
add_custom_target(bimi_docs ALL DEPENDS "${bimi_man_stamp}" ${bimi_completions})

install(DIRECTORY "${bimi_generated}/man-gz/" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT runtime
        FILES_MATCHING PATTERN "*.1.gz")
install(FILES "${bimi_generated}/completions/bimi.bash" RENAME bimi
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" COMPONENT runtime)
install(FILES "${bimi_generated}/completions/_bimi"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions" COMPONENT runtime)
install(FILES "${bimi_generated}/completions/bimi.fish"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d" COMPONENT runtime)

set(CPACK_PACKAGE_NAME bimi)
set(CPACK_PACKAGE_VENDOR "bimi")
set(CPACK_PACKAGE_CONTACT "bimi maintainers <bimi@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME bimi)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
# libcurl and librsvg are opened at run time, on the first HTTPS fetch and the first render, so
# dpkg-shlibdeps cannot see them. libcurl 7.85: CURLOPT_PROTOCOLS_STR; librsvg 2.46:
# rsvg_handle_render_document (librsvg2-2 brings cairo and GLib).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "libcurl4 (>= 7.85.0), librsvg2-2 (>= 2.46.0)")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "man-db, bash-completion")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME bimi-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
# The libraries are static: linking against them needs the development packages they were built with.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "libssl-dev (>= 3), zlib1g-dev, libxml2-dev, librsvg2-dev, libcairo2-dev, libtinyxml2-dev, libpotrace-dev, \
libpng-dev, libjpeg-dev, libwebp-dev, libgif-dev, libimagequant-dev, libpolyclipping-dev, libfontconfig-dev, libfreetype-dev, \
libharfbuzz-dev, libpsl-dev, libidn2-dev, libsodium-dev, libc-ares-dev, libcurl4-openssl-dev, nlohmann-json3-dev, pkg-config")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "BIMI logos and mark certificates: lint, convert, hash, verify, check a domain\n\
bimi lints logos against SVG Tiny P/S, converts exports into compliant logos, prepares and verifies\n\
mark certificates and checks BIMI and DMARC records and a domain's whole chain.")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION
    "BIMI libraries: logos, certificates, records, message authentication, network checks\n\
Static libraries, headers, the CMake package (find_package(bimi)) and pkg-config files.")
include(CPack)
