#!/usr/bin/env bash
# Typography and text-layer test of one document in one theme (issue 15): render it, check qpdf,
# check every line of its text comes out whole in pdftotext (raw and -layout), MuPDF and pdfminer
# (textcheck.py; under CTest in the test typo_text, for every document and theme at once), and check with pdfcheck the CLREQ rules and the typographic figures on every line:
# word spaces of justified Latin text at most 0.55 em (0.70 em in the sidebar theme's narrow main
# column), no letter-spaced Chinese line (median Han gap over 0.1 em), no white band over 60 pt at
# the foot of a page but the last, and no last page under 20 % full.
# Usage: run.sh CV2PDF PDFCHECK SOURCE_DIR WORK_DIR INPUT THEME [ALLOW]
set -euo pipefail
cv2pdf=$1 pdfcheck=$2 src=$3 work=$4 input=$5 theme=$6 allow=${7:-}
name=${input##*/}
name=${name%.yaml}
[ -d "$work" ] || mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
# The tests' Python, which CMake found with pdfminer (a Debian package for the system's Python,
# which scripts/dev.sh installs): a missing extractor fails the test rather than skipping it.
py=${CV2PDF_TEST_PYTHON:-python3}

"${wrapper[@]}" "$cv2pdf" "$input" --dump=model >"$work/$name-$theme.model"
pdf="$work/$name-$theme.pdf" stext="$work/$name-$theme.stext" text=()
# $CV2PDF_TYPO_RENDERED: the same PDF, rendered with the same options and environment by the
# end-to-end test of the example (e2e/run_example.sh, a CTest fixture of this test), which checked it
# with qpdf and wrote MuPDF's characters (.stext) and pdftotext's text (.txt) beside it: used as they
# are rather than made again.
if [ -n "${CV2PDF_TYPO_RENDERED:-}" ]; then
	pdf=$CV2PDF_TYPO_RENDERED stext=${CV2PDF_TYPO_RENDERED%.pdf}.stext
	text=(--text "${CV2PDF_TYPO_RENDERED%.pdf}.txt")
	[ -s "$pdf" ] && [ -s "$stext" ] && [ -s "${text[1]}" ] ||
		{ echo "FAIL: no $pdf, $stext and ${text[1]} (run the test e2e_* first)"; exit 1; }
else
	: >"$pdf" # emptied: nothing left from an earlier run
	: >"$stext"
	"${wrapper[@]}" "$cv2pdf" -q "$input" --theme "$theme" -o "$pdf"
	check=$(qpdf --check "$pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check ($theme)"; exit 1; }
	mutool draw -F stext -o "$stext" "$pdf" 2>/dev/null
fi
# The text columns (tests/e2e/common.sh). Two columns (the sidebar theme, when there is something
# for the sidebar): poppler's layout mode sets the two columns side by side, interleaving their lines
# by design, so only its raw mode is asked there; its narrow main column may space words to 0.70 em.
. "$src/tests/e2e/common.sh"
theme_columns "$theme" "$input"
space=0.55 layout=()
if [ $two = 1 ]; then
	cols+=" --column-order" space=0.70
	layout=(--no-layout)
fi
allow_args=()
[ -n "$allow" ] && allow_args=(--allow "$allow")
# The extractors' check (textcheck.py) of every document and theme runs in one Python, the test
# typo_text after these: this writes its arguments. Run by hand (no CTest), it runs here.
job="$work/$name-$theme.textcheck"
printf '%s\n' "$work/$name-$theme.model" "$pdf" --stext "$stext" "${text[@]}" "${layout[@]}" "${allow_args[@]}" >"$job"
if [ -z "${CV2PDF_TYPO_TEXT_LATER:-}" ]; then
	"$py" "$src/tests/typo/textcheck.py" --jobs "$job" || { echo "FAIL: text not whole in an extractor ($theme)"; exit 1; }
fi
# shellcheck disable=SC2086
"$pdfcheck" "$stext" $cols --justified --max-space $space --max-han-gap 0.1 --foot 60 \
	--last-fill 0.2 || { echo "FAIL: pdfcheck ($theme)"; exit 1; }
echo "ok: $name ($theme)"
