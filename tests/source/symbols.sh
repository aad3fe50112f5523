#!/usr/bin/env bash
# The library exports only cv_-prefixed names (a program linking libcv2pdf_core.a must not meet a
# clash with its own yn_get or write_all): every symbol nm lists as defined and global must start
# with cv_.
# Usage: symbols.sh NM LIBRARY
set -uo pipefail
nm=$1 lib=$2
all=$("$nm" -g --defined-only "$lib") || { echo "FAIL: $nm $lib"; exit 1; }
# "ADDRESS TYPE NAME" lines; the "file.o:" headers and blank lines have no type letter.
names=$(awk 'NF == 3 && $2 ~ /^[A-Za-z]$/ { print $3 }' <<<"$all" | sort -u)
[ "$(wc -l <<<"$names")" -ge 50 ] || { echo "FAIL: nm listed too few symbols to be the library: $names"; exit 1; }
# A sanitizer's instrumentation adds its own (__odr_asan.cv_x beside cv_x): they are not ours.
bad=$(grep -v -e '^cv_' -e '^__odr_asan[.]' -e '^__asan_' -e '^__ubsan_' -e '^__sancov_' -e '^__tsan_' <<<"$names")
if [ -n "$bad" ]; then
	echo "FAIL: $lib exports names without the cv_ prefix:"
	sed 's/^/    /' <<<"$bad"
	exit 1
fi
echo "ok: $(wc -l <<<"$names") symbols, all cv_"
