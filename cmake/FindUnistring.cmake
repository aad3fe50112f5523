# Finds GNU libunistring, which ships no pkg-config file in Debian.
# Defines Unistring_FOUND, Unistring_VERSION and the imported target Unistring::Unistring.
find_path(Unistring_INCLUDE_DIR NAMES unilbrk.h)
find_library(Unistring_LIBRARY NAMES unistring)
if(Unistring_INCLUDE_DIR AND EXISTS "${Unistring_INCLUDE_DIR}/unistring/version.h")
  file(STRINGS "${Unistring_INCLUDE_DIR}/unistring/version.h" _us_ver REGEX "#define _LIBUNISTRING_VERSION 0x")
  string(REGEX REPLACE ".*0x([0-9a-fA-F][0-9a-fA-F])([0-9a-fA-F][0-9a-fA-F])([0-9a-fA-F][0-9a-fA-F]).*" "\\1;\\2;\\3" _us_parts "${_us_ver}")
  if(_us_parts)
    list(GET _us_parts 0 _maj)
    list(GET _us_parts 1 _min)
    math(EXPR _maj "0x${_maj}")
    math(EXPR _min "0x${_min}")
    set(Unistring_VERSION "${_maj}.${_min}")
  endif()
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Unistring REQUIRED_VARS Unistring_LIBRARY Unistring_INCLUDE_DIR
  VERSION_VAR Unistring_VERSION)
if(Unistring_FOUND AND NOT TARGET Unistring::Unistring)
  add_library(Unistring::Unistring UNKNOWN IMPORTED)
  set_target_properties(Unistring::Unistring PROPERTIES IMPORTED_LOCATION "${Unistring_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Unistring_INCLUDE_DIR}")
endif()
mark_as_advanced(Unistring_INCLUDE_DIR Unistring_LIBRARY)
