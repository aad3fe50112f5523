#!/usr/bin/env bash
# The catalogue's runner fails when it should: run.sh RUN_CASE CV2PDF SOURCE_DIR SCRATCH_DIR runs it on
# each case here, whose first line "# runner-fails: MESSAGE" is the end of the FAIL line it must print
# (and exit 1). The hang case runs with a 1-second limit, whatever the build's limit is.
# SPDX-License-Identifier: MIT
set -uo pipefail
runner=$1 bin=$2 src=$3 scratch=$4
status=0
for case in "$src"/tests/errors/runner/*.yaml; do
	IFS= read -r first <"$case"
	want=${first#'# runner-fails: '}
	name=${case#"$src"/}
	rm -rf "$scratch" && mkdir -p "$scratch" || exit 1
	limit=${CV2PDF_TEST_TIMEOUT:-5}
	[[ $name != */hang.yaml ]] || limit=1
	out=$(CV2PDF_TEST_TIMEOUT=$limit "$runner" "$bin" "$src" "$case" "$scratch" 2>&1)
	got=$?
	if [ $got -ne 1 ] || [[ $out != *"FAIL $name: $want"* ]]; then
		printf '%s\n' "$out"
		echo "FAIL $name: the runner exited $got and did not say '$want'"
		status=1
	else
		echo "ok $name (${out##*FAIL })"
	fi
done
exit $status
