# Turns a file into a C source file holding its bytes, so that a data file kept in the repository
# (schema/cv2pdf.schema.json) is compiled into the program. Run as a script at build time:
#   cmake -DIN=file -DOUT=file.c -DNAME=symbol -P Embed.cmake
# It defines `const unsigned char NAME[]` (the bytes and a terminating NUL) and `const size_t
# NAME_len` (the bytes without it). Needs nothing but CMake.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR len "${hex_len} / 2")
# Twenty bytes a line: "0x7b," for each.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){20})" "\\1\n\t" bytes "${bytes}")
get_filename_component(in_name "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${in_name} by cmake/Embed.cmake at build time; do not edit. */\n"
  "#include <stddef.h>\n\n"
  "extern const unsigned char ${NAME}[];\n"
  "extern const size_t ${NAME}_len;\n"
  "const unsigned char ${NAME}[] = {\n\t${bytes}0x00\n};\n"
  "const size_t ${NAME}_len = ${len};\n")
# Only a changed file is replaced, so that an unchanged one does not rebuild what depends on it.
configure_file("${OUT}.tmp" "${OUT}" COPYONLY)
file(REMOVE "${OUT}.tmp")
