#!/usr/bin/env bash
# End-to-end test of one example in each theme given: render it, check the PDF with qpdf, extract its
# text with pdftotext and compare it with the committed expected text, then check every word of the
# seed is present, the fonts are embedded and subset, and no page ends with a section heading. With
# UPDATE=1 the expected text is rewritten instead.
# Then the typesetting rules are checked on every line from mutool's per-character boxes (pdfcheck),
# column by column, for the example as it is (justified) and again set ragged-right; in two columns
# also that the content stream draws one column after the other (reading order).
# Usage: run_example.sh CV2PDF NAME SOURCE_DIR WORK_DIR SEEDCHECK PDFCHECK THEME...
# One theme alone: bash tests/e2e/run_example.sh "$PWD/build/cv2pdf" english_cv "$PWD" /tmp/e2e
#   build/tests/seedcheck build/tests/pdfcheck sidebar
# Every theme is checked, a failure does not stop the next one; each FAIL line names the example and
# the theme. Why one test an example, not one a theme: cv2pdf, qpdf, pdftotext and pdffonts run in one
# in-process runner (below), whose start is paid once for the three themes' 21 calls.
set -euo pipefail
cv2pdf=$1 name=$2 src=$3 work=$4 seedcheck=$5 pdfcheck=$6
shift 6
yaml="$src/examples/$name.yaml"
[ -d "$work" ] || mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
failures=0 theme=""
fail() { echo "FAIL: $name${theme:+ ($theme)}: $*"; failures=$((failures + 1)); }
# cv2pdf's renders go through the in-process runner (tests/cli/batch.sh: every sixth run also
# through the real cv2pdf, which then writes the PDF these checks read, and the runner's PDF is
# compared with it byte for byte; every run real under CV2PDF_TEST_WRAPPER, or without the runner),
# and so do qpdf, pdftotext and pdffonts (cv_tool: the programs' own code, with the same guard; their
# output goes to standard output, so that the guard compares it). A start of each of those programs
# cost more CPU here than its work on a one-page PDF (docs/performance.md). mutool stays a program.
cv_run_dir=$work/$name.cv_run
. "$src/tests/cli/batch.sh"
. "$src/tests/e2e/common.sh"

# Keep rules: the last line of each page above its footer is not a section title. The titles: the
# keys four spaces in under "  sections:" (until the next top-level key), read by bash, once: no
# theme changes them.
declare -A is_section=()
in_sections=0
while IFS= read -r line || [ -n "$line" ]; do
	if [ $in_sections = 0 ]; then
		[[ ! $line =~ ^\ \ sections: ]] || in_sections=1
	elif [[ $line =~ ^[a-z] ]]; then
		in_sections=0
	elif [[ $line =~ ^\ {4}([^\ -].*):[[:space:]]*$ ]]; then
		is_section[${BASH_REMATCH[1]}]=1
	fi
done <"$yaml"
IFS= read -r -d '' source <"$yaml" || true

# render OUT.pdf ARG...: cv2pdf ARG... --theme THEME -o OUT.pdf in the runner (the guard compares the
# PDF too), what it says on standard error shown; then qpdf --check: a structurally valid file, and
# no warnings. Fails by name (WHAT, the PDF's role in the FAIL line: "" or " (left)").
render() {
	local pdf=$1 what=$2 check=""
	shift 2
	if ! cv_run -c "$pdf" /dev/null "$pdf.err" "$@" --theme "$theme" -o "$pdf"; then
		cv_cat "$pdf.err"
		fail "cv2pdf failed$what (exit status $cv_status)"
		return 1
	fi
	cv_cat "$pdf.err"
	cv_tool "$pdf.check" "$pdf.check.err" qpdf --check "$pdf" || true
	IFS= read -r -d '' check <"$pdf.check" || true
	if [ "$cv_status" != 0 ]; then
		printf '%s' "$check"
		cv_cat "$pdf.check.err"
		fail "qpdf --check$what"
		return 1
	fi
	if [[ ${check,,} == *warning* ]]; then printf '%s' "$check"; fail "qpdf warnings$what"; return 1; fi
}

# check THEME: the checks of one theme; returns 1 when one failed (named by fail). Called where set -e
# does not apply (check || ...): every step's status is tested.
check() {
	theme=$1
	local suffix="" order="" want="" got="" heading="" page pages=() last line before=$failures
	[ "$theme" = classic ] || suffix=-$theme
	local base="$work/$name$suffix"
	local pdf="$base.pdf" txt="$base.txt"
	# The text columns (common.sh); in two columns also the order the content stream draws them in.
	theme_columns "$theme" "$yaml"
	[ $two = 0 ] || order=--column-order
	# What the tests typo_* read from this run (the PDF, its text and MuPDF's characters) is emptied
	# first: nothing may be left from an earlier run (emptied by bash, not removed by rm: a process).
	: >"$pdf"
	: >"$txt"
	: >"$base.stext"
	render "$pdf" "" "$yaml" || return 1

	# Every font embedded, subset, with a ToUnicode map (common.sh).
	check_fonts "$pdf" || { fail "$fonts_error"; return 1; }

	# The text, as `pdftotext -q PDF TXT` writes it (the same bytes on standard output).
	if ! cv_tool "$txt" "$base.txt.err" pdftotext -q "$pdf" -; then
		cv_cat "$base.txt.err"
		fail "pdftotext failed (exit status $cv_status)"
		return 1
	fi
	local expected="$src/tests/e2e/expected/$name$suffix.txt"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$txt" "$expected" || { fail "cannot write $expected"; return 1; }
		echo "updated $expected"
	else
		# Compared by bash; diff shows how they differ.
		IFS= read -r -d '' want <"$expected" || true
		IFS= read -r -d '' got <"$txt" || true
		if [ "$want" != "$got" ]; then
			diff -u "$expected" "$txt" || true
			fail "extracted text differs from $expected (UPDATE=1 ctest -R e2e to accept)"
			return 1
		fi
	fi

	"$seedcheck" "$src/tests/e2e/seeds/$name.txt" "$txt" "$src/tests/e2e/seeds/$name.allow" ||
		{ fail "seedcheck: words of the seed missing"; return 1; }

	# The pages of pdftotext's raw text end with form feeds; the last line of each that is neither
	# blank nor the footer "n / N" must not be a section title.
	if ! cv_tool "$base.raw" "$base.txt.err" pdftotext -q -raw "$pdf" -; then
		cv_cat "$base.txt.err"
		fail "pdftotext -raw failed (exit status $cv_status)"
		return 1
	fi
	# (The pages read by mapfile from the file and their lines taken from the end by bash's string
	# operations: a read loop over a here-string reads a pipe a byte a syscall, 0.1 s a page here.)
	mapfile -t -d $'\f' pages <"$base.raw"
	for page in "${pages[@]}"; do
		last=""
		while [ -n "$page" ]; do
			line=${page##*$'\n'}
			if [[ $page == *$'\n'* ]]; then page=${page%$'\n'*}; else page=""; fi
			[[ $line =~ ^[0-9]+\ /\ [0-9]+$ || $line =~ ^[[:blank:]]*$ ]] || { last=$line; break; }
		done
		[ -z "$last" ] || [ -z "${is_section[$last]+set}" ] || heading+=${heading:+$'\n'}$last
	done
	[ -z "$heading" ] || { fail "a page ends with the heading '$heading'"; return 1; }

	# Two columns: the content stream draws each page's sidebar before its main column (pdfcheck's
	# --column-order below). pdftotext's own reading order is not checked: the sidebar's sections are
	# spaced apart like the main column's (issue 15), so poppler sees one block per section and may
	# order them between the main column's blocks; each block, and so each line of the source, stays
	# whole (tests/typo checks that on every extractor).
	mutool draw -F stext -o "$base.stext" "$pdf" 2>/dev/null || { fail "mutool draw failed"; return 1; }
	# shellcheck disable=SC2086
	"$pdfcheck" "$base.stext" $cols $order --justified || { fail "pdfcheck (justified)"; return 1; }
	printf '%sdesign:\n  alignment: left\n' "$source" >"$base-left.yaml"
	render "$base-left.pdf" " (left)" "$base-left.yaml" || return 1
	mutool draw -F stext -o "$base-left.stext" "$base-left.pdf" 2>/dev/null || { fail "mutool draw failed (left)"; return 1; }
	# shellcheck disable=SC2086
	"$pdfcheck" "$base-left.stext" $cols $order || { fail "pdfcheck (left)"; return 1; }
	# (A guard's failure, reported by batch.sh, does not stop the checks.)
	[ $failures != "$before" ] || echo "ok: $name ($theme)"
}

for t in "$@"; do
	check "$t" || true # (the failure is counted, and the next theme still checked)
done
theme=""
cv_batch_stop
[ $failures = 0 ]
