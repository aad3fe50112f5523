# The libharu fence's configure probe. cv2pdf uses libharu's private records and undocumented
# object functions, all in one file, src/render/haru_private.c (docs/architecture.md, "The libharu
# fence"); a minimum version cannot promise those. So the probe compiles and links that very file
# against the libharu found, the fence's own code being the exact list of what it uses, and stops
# the configuration with what is missing when it fails: a renamed or removed field or function, or
# a callback whose type changed. Used by CMakeLists.txt and by tests/haru_probe/.
#
# Known good: 2.3.0 (Debian 12; built and tested) and, by reading their sources, 2.4.0 to 2.4.6.
# Checklist for a new libharu: run this probe and unit_haru (tests/unit/test_haru.c), which pins
# what each hack must do, then add the version here and to haru_private.c's header.
set(CV2PDF_HARU_KNOWN_GOOD 2.3.0 2.4.0 2.4.1 2.4.2 2.4.3 2.4.4 2.4.5 2.4.6)
set(CV2PDF_HARU_KNOWN_GOOD_TEXT "2.3.0 (tested) and 2.4.0 to 2.4.6 (their sources read)")

# cv2pdf_check_haru_fence(FENCE_DIR): FENCE_DIR holds haru_private.c and haru_private.h. Needs the
# target Haru::Haru and Haru_VERSION (cmake/FindHaru.cmake).
function(cv2pdf_check_haru_fence fence_dir)
  set(probe_dir "${CMAKE_BINARY_DIR}/CMakeFiles/haru_fence_probe")
  file(WRITE "${probe_dir}/main.c"
    "/* Linking the fence into a program resolves every libharu function it calls. */\n"
    "#include \"haru_private.h\"\n"
    "int main(void)\n{\n\treturn cv_haru_page_contents != 0 ? 0 : 1;\n}\n")
  # Errors, not warnings: a field whose type changed (a callback's, say) must stop the probe.
  set(strict -Werror=incompatible-pointer-types -Werror=implicit-function-declaration -Werror=int-conversion)
  try_compile(fence_ok "${probe_dir}/build"
    SOURCES "${fence_dir}/haru_private.c" "${probe_dir}/main.c"
    CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${fence_dir}"
    COMPILE_DEFINITIONS ${strict}
    LINK_LIBRARIES Haru::Haru
    C_STANDARD 11
    OUTPUT_VARIABLE fence_log)
  if(NOT Haru_VERSION)
    set(Haru_VERSION "of unknown version")
  endif()
  if(NOT fence_ok)
    # The compiler's and linker's complaints, without the build tool's chatter.
    string(REGEX MATCHALL "[^\n]*(error:|undefined reference|undefined symbol)[^\n]*" problems "${fence_log}")
    list(REMOVE_DUPLICATES problems)
    string(REPLACE ";" "\n  " problems "${problems}")
    message(FATAL_ERROR "libharu ${Haru_VERSION} (${Haru_INCLUDE_DIR}, ${Haru_LIBRARY}) lacks private structure "
      "members or object functions that cv2pdf's libharu fence (src/render/haru_private.c) uses; it was written "
      "against libharu ${CV2PDF_HARU_KNOWN_GOOD_TEXT}. What is missing:\n  ${problems}\n"
      "Install one of those versions, or adapt src/render/haru_private.c (its comments say what each hack needs).")
  endif()
  if(Haru_VERSION IN_LIST CV2PDF_HARU_KNOWN_GOOD)
    message(STATUS "libharu ${Haru_VERSION}: the fence's probe compiles and links (a known good version)")
  else()
    message(WARNING "libharu ${Haru_VERSION}: the fence's probe compiles and links, but this version is not among "
      "those cv2pdf was checked against, ${CV2PDF_HARU_KNOWN_GOOD_TEXT}; run the unit test unit_haru before trusting it")
  endif()
endfunction()
