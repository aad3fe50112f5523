#!/bin/bash
# The configure probe of the libharu fence (cmake/CheckHaruFence.cmake) must stop the
# configuration, naming the libharu version and what is missing, when libharu's private records
# lack what src/render/haru_private.c uses. The libharu headers the build uses are copied with two
# fields taken out, as a libharu that renamed them would have them.
# The probe's configuration reuses the project's identification of the same compiler (COMPILER_INFO,
# the build's CMakeFiles/CMAKE_VERSION): finding out what the compiler is takes CMake some
# 0.6 s of CPU in a dozen processes, and it is not what this tests; the probe's own try_compile, which
# is, still runs the compiler.
# Usage: run.sh CMAKE SOURCE_DIR HARU_INCLUDE_DIR WORK_DIR C_COMPILER [COMPILER_INFO]
# SPDX-License-Identifier: MIT
set -u
cmake=$1 src=$2 inc=$3 work=$4 cc=$5 info=${6:-}
rm -rf "$work"
mkdir -p "$work/include"
cp "$inc"/hpdf*.h "$work/include/" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
# The stream object's write callback (HPDF_Dict_Rec) and a page's content stream (HPDF_PageAttr_Rec).
sed -i -e '/HPDF_Dict_OnWriteFunc *write_fn;/d' "$work/include/hpdf_objects.h"
sed -i -e '/HPDF_Dict *contents;/d' "$work/include/hpdf_pages.h"
headers=$(<"$work/include/hpdf_objects.h")
[[ $headers == *' write_fn;'* ]] && fail "the test's sed no longer removes write_fn"
headers=$(<"$work/include/hpdf_pages.h")
[[ $headers == *' contents;'* ]] && fail "the test's sed no longer removes contents"
if [ -n "$info" ]; then
	# What CMake wrote of the compiler and the system, and the cache entry that says so.
	mkdir -p "$work/build/CMakeFiles/${info##*/}"
	cp "$info/CMakeCCompiler.cmake" "$info/CMakeSystem.cmake" "$work/build/CMakeFiles/${info##*/}/" || exit 1
	printf '%s\n' "CMAKE_PLATFORM_INFO_INITIALIZED:INTERNAL=1" "CMAKE_C_COMPILER:FILEPATH=$cc" >"$work/build/CMakeCache.txt"
fi
out=$("$cmake" -S "$src/tests/haru_probe" -B "$work/build" -DCV2PDF_SOURCE_DIR="$src" \
	-DHaru_INCLUDE_DIR="$work/include" -DCMAKE_C_COMPILER="$cc" 2>&1)
status=$?
[ $status -ne 0 ] || fail "the configuration succeeded with altered headers: $out"
# CMake wraps its messages: compared with runs of blanks and line ends made one space.
flat=${out//$'\n'/ }
while [[ $flat == *'  '* ]]; do flat=${flat//  / }; done
version=""
while IFS= read -r line; do
	[[ $line =~ HPDF_VERSION_TEXT\ *\"([0-9.]*) ]] && version=${BASH_REMATCH[1]}
done <"$inc/hpdf_version.h"
[ -n "$version" ] || fail "no HPDF_VERSION_TEXT in $inc/hpdf_version.h"
for want in "libharu $version" "lacks private structure members" "src/render/haru_private.c" \
	"write_fn" "contents" "it was written against libharu 2.3.0"; do
	[[ $flat == *"$want"* ]] || fail "the message lacks \"$want\": $out"
done
# The message lists the compiler's complaints, not the build tool's.
[[ $out == *gmake* || $out == *make\[* ]] && fail "build tool chatter in the message: $out"
echo "ok: the probe stopped the configuration:"
echo "...lacks private${out#*lacks private}"
rm -rf "$work"
