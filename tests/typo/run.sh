#!/usr/bin/env bash
# Typography and text-layer test of one document in each theme given (issue 15): render it, check
# qpdf, check every line of its text comes out whole in pdftotext (raw and -layout), MuPDF and
# pdfminer (textcheck.py; under CTest in the test typo_text, for every document and theme at once),
# and check with pdfcheck the CLREQ rules and the typographic figures on every line: word spaces of
# justified Latin text at most 0.55 em (0.70 em in the sidebar theme's narrow main column), no
# letter-spaced Chinese line (median Han gap over 0.1 em), no white band over 60 pt at the foot of
# a page but the last, and no last page under 20 % full. Lines that may not extract whole are listed
# in DOC.allow beside the document, or in DOC.THEME.allow for one theme alone.
# Usage: run.sh CV2PDF PDFCHECK SOURCE_DIR WORK_DIR INPUT THEME...
# One theme alone: bash tests/typo/run.sh "$PWD/build/cv2pdf" build/tests/pdfcheck "$PWD" /tmp/typo
#   examples/english_cv.yaml sidebar
# Every theme is checked, a failure does not stop the next theme; each FAIL line names the document
# and the theme. Why one test a document, not one a theme: the model dump (the lines to find) does
# not depend on the theme, so it is made once; and a test's start (bash, a runner, CTest's own work)
# cost more than most of a theme's checks (docs/performance.md).
set -euo pipefail
cv2pdf=$1 pdfcheck=$2 src=$3 work=$4 input=$5
shift 5
name=${input##*/}
name=${name%.yaml}
[ -d "$work" ] || mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
# The tests' Python, which CMake found with pdfminer (a Debian package for the system's Python,
# which scripts/dev.sh installs): a missing extractor fails the test rather than skipping it.
py=${CV2PDF_TEST_PYTHON:-python3}
failed=0
fail() { echo "FAIL: $name: $*"; failed=1; }
# cv2pdf's runs go through the in-process runner (tests/cli/batch.sh: every sixth run also through
# the real cv2pdf, compared; all of them real under CV2PDF_TEST_WRAPPER) when the document is
# rendered here: the model dump and three renders. The examples' PDFs come from the end-to-end tests
# (their runner's, guarded against the real cv2pdf byte for byte), so that their one run here, the
# dump, is the real program: a runner's start costs more than one run saves. qpdf's checks go the same way (cv_tool, the program's own code, with the same
# guard) where the runner is used.
cv_run_dir=$work/$name.cv_run
. "$src/tests/cli/batch.sh"
. "$src/tests/e2e/common.sh"
[ -n "${CV2PDF_E2E_DIR:-}" ] || cv_batch_use=1
run() { # run OUT ERR ARG...: cv2pdf ARG..., as said above
	if [ -n "${cv_batch_use:-}" ]; then cv_run "$@"; else "${cv_wrapper[@]}" "$cv2pdf" "${@:3}" >"$1" 2>"$2"; fi
}

# The lines to find: every quoted value of the model, which no theme changes.
model="$work/$name.model"
if ! run "$model" "$work/$name.model.err" "$input" --dump=model; then
	cv_cat "$work/$name.model.err"
	fail "cv2pdf --dump=model failed"
	exit 1
fi
cv_cat "$work/$name.model.err"

# check THEME: the checks of one theme; returns 1 when one failed (named by fail).
check() {
	local theme=$1
	local pdf="$work/$name-$theme.pdf" stext="$work/$name-$theme.stext" text=() check allow
	# $CV2PDF_E2E_DIR: the example's PDF in the theme, rendered with the same options and
	# environment by its end-to-end test (e2e/run_example.sh, a CTest fixture of this test), which
	# checked it with qpdf and wrote MuPDF's characters (.stext) and pdftotext's text (.txt) beside
	# it: used as they are rather than made again.
	if [ -n "${CV2PDF_E2E_DIR:-}" ]; then
		pdf=$CV2PDF_E2E_DIR/$name.pdf
		[ "$theme" = classic ] || pdf=$CV2PDF_E2E_DIR/$name-$theme.pdf
		stext=${pdf%.pdf}.stext
		text=(--text "${pdf%.pdf}.txt")
		[ -s "$pdf" ] && [ -s "$stext" ] && [ -s "${text[1]}" ] ||
			{ fail "$theme: no $pdf, $stext and ${text[1]} (run the test e2e_* first)"; return 1; }
	else
		: >"$pdf" # emptied: nothing left from an earlier run
		: >"$stext"
		if ! run /dev/null "$work/$name-$theme.err" -q "$input" --theme "$theme" -o "$pdf"; then
			cv_cat "$work/$name-$theme.err"
			fail "$theme: cv2pdf failed"
			return 1
		fi
		cv_cat "$work/$name-$theme.err"
		if ! cv_tool "$work/$name-$theme.check" "$work/$name-$theme.check.err" qpdf --check "$pdf"; then
			cv_cat "$work/$name-$theme.check"
			cv_cat "$work/$name-$theme.check.err"
			fail "qpdf --check ($theme)"
			return 1
		fi
		mutool draw -F stext -o "$stext" "$pdf" 2>/dev/null || { fail "$theme: mutool draw failed"; return 1; }
	fi
	# The text columns (tests/e2e/common.sh). Two columns (the sidebar theme, when there is
	# something for the sidebar): poppler's layout mode sets the two columns side by side,
	# interleaving their lines by design, so only its raw mode is asked there; its narrow main
	# column may space words to 0.70 em.
	theme_columns "$theme" "$input"
	local space=0.55 layout=() allow_args=()
	if [ $two = 1 ]; then
		cols+=" --column-order" space=0.70
		layout=(--no-layout)
	fi
	# A PDF rendered here: pdftotext's text, and its layout mode's where asked, made here too, in the
	# runner (cv_tool, the program's own code), and given to textcheck.py rather than made by it, a
	# program each.
	if [ -z "${CV2PDF_E2E_DIR:-}" ]; then
		if ! cv_tool /dev/null "$work/$name-$theme.txt.err" pdftotext -q "$pdf" "$work/$name-$theme.txt"; then
			cv_cat "$work/$name-$theme.txt.err"
			fail "$theme: pdftotext failed"
			return 1
		fi
		text=(--text "$work/$name-$theme.txt")
		if [ $two = 0 ]; then
			if ! cv_tool /dev/null "$work/$name-$theme.txt.err" pdftotext -q -layout "$pdf" "$work/$name-$theme.layout.txt"; then
				cv_cat "$work/$name-$theme.txt.err"
				fail "$theme: pdftotext -layout failed"
				return 1
			fi
			layout=(--layout-text "$work/$name-$theme.layout.txt")
		fi
	fi
	allow=${input%.yaml}.$theme.allow
	[ -e "$allow" ] || allow=${input%.yaml}.allow
	[ -e "$allow" ] && allow_args=(--allow "$allow")
	# The extractors' check (textcheck.py) of every document and theme runs in one Python, the
	# test typo_text after these: this writes its arguments. Run by hand (no CTest), it runs here.
	local job="$work/$name-$theme.textcheck"
	printf '%s\n' "$model" "$pdf" --stext "$stext" "${text[@]}" "${layout[@]}" "${allow_args[@]}" >"$job"
	if [ -z "${CV2PDF_TYPO_TEXT_LATER:-}" ]; then
		"$py" "$src/tests/typo/textcheck.py" --jobs "$job" || { fail "text not whole in an extractor ($theme)"; return 1; }
	fi
	# shellcheck disable=SC2086
	"$pdfcheck" "$stext" $cols --justified --max-space $space --max-han-gap 0.1 --foot 60 \
		--last-fill 0.2 || { fail "pdfcheck ($theme)"; return 1; }
	echo "ok: $name ($theme)"
}

for theme in "$@"; do
	check "$theme" || true # (failed is set, and the next theme still checked)
done
cv_batch_stop
exit $failed
