# Install rules and the Debian package (`make deb`: cpack -G DEB in the build directory).
# Layout: /usr/bin/orientir, /usr/share/orientir (reference data, search dictionaries, web assets;
# the extraction model is inside the binary), /etc/orientir/orientir.toml (a conffile), the systemd
# units in /lib/systemd/system, docs in /usr/share/doc/orientir. The maintainer scripts
# (packaging/debian) create the `orientir` system user and /var/lib/orientir.
include(GNUInstallDirs)
# `make deb` builds first; cpack then only installs (no rebuild of every test target).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
install(TARGETS orientir RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/orientir
        PATTERN "README.md" EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/orientir.toml DESTINATION /etc/orientir)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/systemd/orientir.service
              ${CMAKE_SOURCE_DIR}/packaging/systemd/orientir-backup.service
              ${CMAKE_SOURCE_DIR}/packaging/systemd/orientir-backup.timer
        DESTINATION /lib/systemd/system)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/nginx/orientir.conf DESTINATION ${CMAKE_INSTALL_DATADIR}/orientir/nginx)
install(FILES ${CMAKE_SOURCE_DIR}/docs/operations.md ${CMAKE_SOURCE_DIR}/data/README.md
              ${CMAKE_SOURCE_DIR}/docs/grafana-dashboard.json
        DESTINATION ${CMAKE_INSTALL_DOCDIR} OPTIONAL)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "orientir")
set(CPACK_PACKAGE_VENDOR "Orientir")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Orientir maintainers <orientir@example.ru>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "practices of Russia's regions: who adopted what from whom")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "1")
set(CPACK_DEBIAN_PACKAGE_SECTION "web")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "platform on which regions publish, find, borrow and scale practices\n Orientir: practice passports, adoptions with evidence and lineage, careers of officials,\n benchmarking, Russian full-text search and extraction of facts from regional news.\n A web server run as a systemd service behind nginx, on SQLite or PostgreSQL.")
# Depends: the shared libraries of the binary (dpkg-shlibdeps), plus the Russian Hunspell
# dictionary the search reads from /usr/share/hunspell.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-ru")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx | nginx-light, sqlite3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client, postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${CMAKE_SOURCE_DIR}/packaging/debian/conffiles;${CMAKE_SOURCE_DIR}/packaging/debian/preinst;${CMAKE_SOURCE_DIR}/packaging/debian/postinst;${CMAKE_SOURCE_DIR}/packaging/debian/prerm;${CMAKE_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_OUTPUT_FILE_PREFIX "${CMAKE_BINARY_DIR}/packages")
include(CPack)
