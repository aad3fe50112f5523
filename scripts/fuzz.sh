#!/usr/bin/env bash
# Runs one libFuzzer target for a given time:
#   bash scripts/fuzz.sh load|markup|text|photo SECONDS
# Builds build-fuzz with clang (-DCV2PDF_FUZZ=ON: libFuzzer, ASan, UBSan), seeds the corpus
# build-fuzz/corpus/TARGET from examples/ and tests/ (copied at run time, not committed twice), then
# fuzzes with tests/fuzz/schema.dict (photo: tests/fuzz/photo.dict, PNG chunks and JPEG markers).
# Inputs that crash, hang or run out of memory are kept in build-fuzz/crashes/TARGET/; add each one
# to tests/fuzz/regressions/TARGET/ once fixed. The log is build-fuzz/fuzz-TARGET.log. Crashes do
# not stop the run (fork mode), so it always lasts SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-}
seconds=${2:-}
case "$target" in
load | markup | text | photo) ;;
*)
	echo "usage: bash scripts/fuzz.sh load|markup|text|photo SECONDS" >&2
	exit 2
	;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || {
	echo "fuzz.sh: SECONDS must be a whole number, got '$seconds'" >&2
	exit 2
}

# Several targets may be started at once: one build at a time in the shared build directory.
mkdir -p build-fuzz
(
	flock 9
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCV2PDF_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
	cmake --build build-fuzz -j "$(nproc)" --target "fuzz_$target"
) 9>build-fuzz/.build-lock

corpus=build-fuzz/corpus/$target
crashes=build-fuzz/crashes/$target
mkdir -p "$corpus" "$crashes"

# Seeds: whole files for the loader; single lines (markup and text as they appear in real résumés)
# for the markup parser and the text engine. The text target reads two selector bytes first.
seed_lines() { # seed_lines PREFIX FILE...
	local prefix=$1
	shift
	awk -v dir="$corpus" -v prefix="$prefix" '
		FNR == 1 { base = FILENAME; sub(/.*\//, "", base) }
		{ sub(/^[ \t-]*/, ""); sub(/^[a-z_]+: /, "") }
		length($0) > 3 { f = dir "/seed-" base "-" FNR; printf "%s%s", prefix, $0 > f; close(f) }' "$@"
}
shopt -s nullglob
case "$target" in
load)
	for f in examples/*.yaml tests/errors/*.yaml tests/errors/*.json tests/formats/*.yaml tests/formats/*.yml tests/formats/*.json tests/fuzz/regressions/load/*; do
		cp "$f" "$corpus/seed-$(basename "$f")"
	done
	;;
markup)
	seed_lines "" examples/*.yaml
	for f in tests/fuzz/regressions/markup/*; do cp "$f" "$corpus/seed-$(basename "$f")"; done
	;;
text)
	seed_lines "ab" examples/*.yaml
	for f in tests/fuzz/regressions/text/*; do cp "$f" "$corpus/seed-$(basename "$f")"; done
	;;
photo)
	for f in tests/fuzz/photos/* tests/errors/photos/* tests/e2e/photos/* tests/fuzz/regressions/photo/*; do
		cp "$f" "$corpus/seed-$(basename "$f")"
	done
	;;
esac
dict=tests/fuzz/schema.dict
extra=()
if [ "$target" = photo ]; then
	dict=tests/fuzz/photo.dict
	extra=(-max_len=16384) # the seeds are small photos; damage is found in the first kilobytes
fi

log=build-fuzz/fuzz-$target.log
echo "fuzzing $target for $seconds s; log: $log, crashes: $crashes/"
# -fork=1 with -ignore_*: a crash is saved and fuzzing goes on, so one run covers the whole time.
# -timeout: a résumé loads in milliseconds; 10 s for one input is a hang.
nice -n 10 "build-fuzz/tests/fuzz/fuzz_$target" "$corpus" \
	-dict="$dict" "${extra[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	-artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1 || status=$?
tail -n 5 "$log"
found=("$crashes"/*)
echo "${#found[@]} crashing input(s) in $crashes/"
exit "${status:-0}"
