#!/usr/bin/env bash
# The catalogue's runner fails when it should: run.sh RUN_CASE CV2PDF SOURCE_DIR SCRATCH_DIR runs it on
# the deliberately wrong cases here (runner/*.yaml for the catalogue, runner/dialect/*.yaml for
# --dialect), whose first line "# runner-fails: MESSAGE" is the end of the FAIL line it must print.
# They run among passing cases, in one runner per mode: it must exit 1, name each wrong case with
# its message in its FAIL line and in the summary, pass the passing ones before and after them
# (a failed case leaves nothing behind that changes the next), keep a failed case's scratch folder
# and remove a passed one's. The hang cases ('# limit: 0.3', whatever the build's limit is) run
# last among the wrong ones, followed by a passing case. The in-process worker's cases
# (worker_*.yaml: a run that exits, dies of a signal or hangs in the worker, through a test hook of
# the worker; state/leaves_state.yaml: a run that leaves state behind, followed by a case that state
# would break) are left out when CV2PDF_TEST_WRAPPER runs every case as the program. The checks'
# qpdf and pdftotext compared with the programs' answers. Last, the shards of each case folder
# (--shard all/N --list, and --shard K/N --list) together hold every case once. Each runner's start
# costs CPU (some 12 ms; 70 with its workers): the checks share as few as their modes allow.
# SPDX-License-Identifier: MIT
set -uo pipefail
runner=$1 bin=$2 src=$3 scratch=$4
cd "$src" || exit 1
status=0
bad() {
	echo "FAIL $*"
	status=1
}

# check MODE_ARGS... -- PASSING_BEFORE PASSING_AFTER WRONG...: one runner on the passing cases around
# the wrong ones; each wrong case's message, the passing ones' "ok", the summary and the exit status.
check() {
	local mode=() before after cases=() names=() c first out got
	while [ "$1" != -- ]; do
		mode+=("$1")
		shift
	done
	before=$2 after=$3
	shift 3
	for c; do
		IFS= read -r first <"$c"
		cases+=("$c")
		names+=("$c")
	done
	out=$("$runner" "${mode[@]}" "$bin" "$src" "$scratch" "$before" "${cases[@]}" "$after" 2>&1)
	got=$?
	printf '%s\n' "$out"
	[ $got -eq 1 ] || bad "the runner exited $got, not 1, on ${names[*]}"
	for c in "${cases[@]}"; do
		IFS= read -r first <"$c"
		[[ $out == *"FAIL $c: ${first#'# runner-fails: '}"* ]] || bad "$c: the runner did not say '${first#'# runner-fails: '}'"
		local key=${c#tests/}
		key=${key%.*}
		[ -d "$scratch/${key//\//_}" ] || bad "$c: its scratch folder $scratch/${key//\//_} is gone"
	done
	for c in "$before" "$after"; do
		[[ $out == *"ok $c ("* ]] || bad "$c: the passing case did not pass among wrong ones"
		local key=${c#tests/}
		key=${key%.*}
		[ ! -e "$scratch/${key//\//_}" ] || bad "$c: its scratch folder was left behind"
	done
	[[ $out == *"FAILED $# of $(($# + 2)) cases: ${names[*]} ("* ]] || bad "the summary does not name the $# failed cases"
}

in_process=1
wrapper=${CV2PDF_TEST_WRAPPER:-}
[ -z "${wrapper// /}" ] || in_process=0
wrong=()
for c in tests/errors/runner/*.yaml; do
	[[ $c == */hang.yaml || $c == */worker_hang.yaml ]] && continue
	[[ $c == */worker_* && $in_process == 0 ]] && continue
	wrong+=("$c")
done
# The hang cases (their limit is 0.3 s) last among the wrong ones: the passing case after them must
# get a new worker.
wrong+=(tests/errors/runner/hang.yaml)
[ $in_process == 0 ] || wrong+=(tests/errors/runner/worker_hang.yaml)
check -- tests/errors/dup_key.yaml tests/themes/cases/font_fallback.yaml "${wrong[@]}"
check --dialect -- tests/dialects/yr_dates.yml tests/dialects/jr_meta.json tests/errors/runner/dialect/*.yaml

# A run that leaves the worker in another folder, with a wrong environment, umask, signal disposition
# and unread standard input: the next case (in the same worker; it reads its input from standard
# input, relative to the source folder, with the shipped fonts) passes all the same.
if [ $in_process == 1 ]; then
	out=$("$runner" "$bin" "$src" "$scratch" tests/errors/runner/state/leaves_state.yaml tests/errors/runner/state/next_case.yaml 2>&1)
	got=$?
	printf '%s\n' "$out"
	[ $got -eq 0 ] && [[ $out == *"cv2pdf in the worker: 2,"* ]] || bad "a case after one that left state behind did not pass in the same worker"
fi

# The checks' qpdf and pdftotext run in the runner (the programs' own code, errors/case_tools.c) and,
# in every Nth case, as the programs as well, compared: a program that answers otherwise fails the
# case by name. Here the programs on PATH are shims that differ from the real ones in one case each
# (by $CASE, which the programs' environment holds): qpdf exits 3 in the first, pdftotext prints a
# line more in the second, every case compared (CV2PDF_TEST_GUARD_EVERY=1); the third, where both
# answer as the real ones, passes, compared. One runner for the three (its start, its workers' and
# the tools' loading cost some 70 ms of CPU).
if [ $in_process == 1 ]; then
	shims=$scratch/tool-shims
	mkdir -p "$shims"
	# (each case: exit 0 and a 'text:' line, so qpdf --check, then pdftotext)
	qpdf_case=tests/errors/aliases_ok.yaml pdftotext_case=tests/errors/merge_keys.yaml both_case=tests/errors/control_in_text.yaml
	printf '#!/bin/sh\n"%s" "$@"; s=$?\n[ "$CASE" != %s ] || exit 3\nexit $s\n' "$(command -v qpdf)" "$qpdf_case" >"$shims/qpdf"
	printf '#!/bin/sh\n"%s" "$@" || exit\n[ "$CASE" != %s ] || echo a line more\n' "$(command -v pdftotext)" "$pdftotext_case" >"$shims/pdftotext"
	chmod +x "$shims"/*
	out=$(PATH=$shims:$PATH CV2PDF_TEST_GUARD_EVERY=1 "$runner" "$bin" "$src" "$scratch" "$qpdf_case" "$pdftotext_case" "$both_case" 2>&1)
	got=$?
	printf '%s\n' "$out"
	[ $got -eq 1 ] || bad "the runner exited $got, not 1, with the tools' shims"
	[[ $out == *"FAIL $qpdf_case: qpdf --check \$TMP/out.pdf: the program exits 3, the in-process run 0"* ]] ||
		bad "a qpdf program that differs from the in-process run did not fail $qpdf_case so"
	[[ $out == *"FAIL $pdftotext_case: pdftotext -q \$TMP/out.pdf -: the program's standard output differs from the in-process run's (line"* ]] ||
		bad "a pdftotext program that differs from the in-process run did not fail $pdftotext_case so"
	[[ $out == *"ok $both_case ("* ]] || bad "$both_case did not pass with its qpdf and pdftotext compared"
fi

# The shards: every case file of each folder (its *.yaml, *.yml, *.json) in exactly one of them. One
# call lists each case with the shard that runs it (--shard all/3 --list), and one call of a shard
# (--shard K/3 --list, K another for each folder) must list the cases that call numbered K: a
# runner start each (some 12 ms of CPU), not one a shard.
shopt -s nullglob
k=0
for folder in tests/errors tests/themes/cases tests/dialects; do
	numbered=$("$runner" --shard all/3 --list "$bin" "$src" "$scratch" "$folder") || bad "--shard all/3 --list $folder failed"
	[ -n "$numbered" ] || bad "no cases in $folder"
	part=$("$runner" --shard $k/3 --list "$bin" "$src" "$scratch" "$folder") || bad "--shard $k/3 --list $folder failed"
	files=("$folder"/*.yaml "$folder"/*.yml "$folder"/*.json)
	mapfile -t want < <(printf '%s\n' "${files[@]}" | LC_ALL=C sort)
	all=() shard_k=() wrong_number=0
	while read -r n c; do
		all+=("$c")
		[[ $n == [012] ]] || wrong_number=1
		[ "$n" != $k ] || shard_k+=("$c")
	done <<<"$numbered"
	mapfile -t b <<<"$part"
	[ "${all[*]}" = "${want[*]}" ] || bad "--shard all/3 --list $folder does not list its ${#want[@]} case files"
	[ $wrong_number == 0 ] || bad "--shard all/3 --list $folder numbers a case with no shard of 0, 1, 2"
	[ "${b[*]}" = "${shard_k[*]}" ] || bad "--shard $k/3 --list $folder does not list the cases of shard $k"
	k=$((k + 1))
done
[ $status -ne 0 ] || echo "ok: the runner fails when it should"
exit $status
