#!/bin/bash
# The configure probe of the libharu fence (cmake/CheckHaruFence.cmake) must stop the
# configuration, naming the libharu version and what is missing, when libharu's private records
# lack what src/render/haru_private.c uses. The libharu headers the build uses are copied with two
# fields taken out, as a libharu that renamed them would have them.
# Usage: run.sh CMAKE SOURCE_DIR HARU_INCLUDE_DIR WORK_DIR C_COMPILER
# SPDX-License-Identifier: MIT
set -u
cmake=$1 src=$2 inc=$3 work=$4 cc=$5
rm -rf "$work"
mkdir -p "$work/include"
cp "$inc"/hpdf*.h "$work/include/" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
# The stream object's write callback (HPDF_Dict_Rec) and a page's content stream (HPDF_PageAttr_Rec).
sed -i '/HPDF_Dict_OnWriteFunc *write_fn;/d' "$work/include/hpdf_objects.h"
sed -i '/HPDF_Dict *contents;/d' "$work/include/hpdf_pages.h"
grep -q ' write_fn;' "$work/include/hpdf_objects.h" && fail "the test's sed no longer removes write_fn"
grep -q ' contents;' "$work/include/hpdf_pages.h" && fail "the test's sed no longer removes contents"
out=$("$cmake" -S "$src/tests/haru_probe" -B "$work/build" -DCV2PDF_SOURCE_DIR="$src" \
	-DHaru_INCLUDE_DIR="$work/include" -DCMAKE_C_COMPILER="$cc" 2>&1)
status=$?
flat=$(tr -s ' \n' '  ' <<<"$out") # CMake wraps its messages
[ $status -ne 0 ] || fail "the configuration succeeded with altered headers: $out"
version=$(sed -n 's/.*HPDF_VERSION_TEXT *"\([0-9.]*\).*/\1/p' "$inc/hpdf_version.h")
for want in "libharu $version" "lacks private structure members" "src/render/haru_private.c" \
	"write_fn" "contents" "it was written against libharu 2.3.0"; do
	grep -qF -- "$want" <<<"$flat" || fail "the message lacks \"$want\": $out"
done
# The message lists the compiler's complaints, not the build tool's.
grep -q 'gmake\|make\[' <<<"$out" && fail "build tool chatter in the message: $out"
echo "ok: the probe stopped the configuration:"
sed -n '/lacks private/,/adapt/p' <<<"$out"
rm -rf "$work"
