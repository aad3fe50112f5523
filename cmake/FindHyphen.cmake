# Finds libhyphen (the hyphenation library of LibreOffice and Hunspell, Debian's libhyphen-dev), which
# ships no pkg-config file, and TeX's US English patterns for it (Debian's hyphen-en-us).
# Defines Hyphen_FOUND, Hyphen_DICTIONARY (the .dic file) and the imported target Hyphen::Hyphen.
find_path(Hyphen_INCLUDE_DIR NAMES hyphen.h)
find_library(Hyphen_LIBRARY NAMES hyphen)
find_file(Hyphen_DICTIONARY NAMES hyph_en_US.dic PATHS /usr/share/hyphen /usr/local/share/hyphen NO_DEFAULT_PATH)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Hyphen REQUIRED_VARS Hyphen_LIBRARY Hyphen_INCLUDE_DIR Hyphen_DICTIONARY)
if(Hyphen_FOUND AND NOT TARGET Hyphen::Hyphen)
  add_library(Hyphen::Hyphen UNKNOWN IMPORTED)
  set_target_properties(Hyphen::Hyphen PROPERTIES IMPORTED_LOCATION "${Hyphen_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Hyphen_INCLUDE_DIR}")
endif()
mark_as_advanced(Hyphen_INCLUDE_DIR Hyphen_LIBRARY Hyphen_DICTIONARY)
