#!/usr/bin/env bash
# End-to-end test of input dialects: render each document with cv2pdf, check the PDF with qpdf, and
# check that every field of the input shows in its text (fieldcheck walks the input, so nothing is
# listed by hand). Links count for URLs: fieldcheck reads the link targets from the uncompressed PDF.
# Usage: run_format.sh CV2PDF FIELDCHECK WORK_DIR SOURCE_DIR INPUT...
# One document alone: bash tests/formats/run_format.sh "$PWD/build/cv2pdf" build/tests/fieldcheck
#   /tmp/formats "$PWD" tests/formats/jsonresume.json
# Every document is checked; each FAIL line names it, and fieldcheck reports each on its own line.
# One test for the four dialects' documents, one fieldcheck for all: a test's or a checker's start
# cost more than a document's checks (docs/performance.md).
set -euo pipefail
cv2pdf=$1 fieldcheck=$2 work=$3 src=$4
shift 4
[ -d "$work" ] || mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
status=0
fail() { echo "FAIL: $*"; status=1; }
# cv2pdf's runs go through the in-process runner (tests/cli/batch.sh: every sixth run also through
# the real cv2pdf, compared byte for byte; all real under CV2PDF_TEST_WRAPPER): they need no process
# of their own, and the PDF each writes is what is checked. So do qpdf's and pdftotext's (cv_tool: the
# programs' own code, with the same guard).
cv_run_dir=$work/cv_run
. "$src/tests/cli/batch.sh"
checks=()
for input in "$@"; do
	name=${input##*/}
	name=${name%.*}
	pdf="$work/$name.pdf"
	: >"$pdf" # emptied: nothing left from an earlier run
	cv_run "$work/$name.out" "$work/$name.err" -q "$input" -o "$pdf" || true
	for f in "$work/$name.out" "$work/$name.err"; do
		IFS= read -r -d '' text <"$f" || true
		[ -z "$text" ] || printf '%s' "$text"
	done
	[ "$cv_status" = 0 ] || { fail "$name: cv2pdf exit status $cv_status"; continue; }
	# qpdf --check's report: its standard output and error (a warning may be on either).
	cv_tool "$work/$name.check" "$work/$name.check.err" qpdf --check "$pdf" || true
	IFS= read -r -d '' check <"$work/$name.check" || true
	IFS= read -r -d '' text <"$work/$name.check.err" || true
	check+=$text
	[ "$cv_status" = 0 ] || { echo "$check"; fail "$name: qpdf --check"; continue; }
	if [[ ${check,,} == *warning* ]]; then echo "$check"; fail "$name: qpdf warnings"; continue; fi
	cv_tool /dev/null "$work/$name.tool.err" pdftotext -q "$pdf" "$work/$name.txt" ||
		{ fail "$name: pdftotext failed (exit status $cv_status)"; continue; }
	cv_tool /dev/null "$work/$name.tool.err" qpdf --qdf --object-streams=disable "$pdf" "$work/$name.qdf" ||
		{ fail "$name: qpdf --qdf failed (exit status $cv_status)"; continue; }
	checks+=("$input" "$work/$name.txt" "$work/$name.qdf")
done
cv_batch_stop
if ((${#checks[@]})); then "$fieldcheck" "${checks[@]}" || status=1; fi
exit $status
