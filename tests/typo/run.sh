#!/usr/bin/env bash
# Typography and text-layer test of one document in one theme (issue 15): render it, check qpdf,
# check every line of its text comes out whole in pdftotext (raw and -layout), MuPDF and pdfminer
# (textcheck.py; under CTest in the test typo_text_DOC, for its three themes at once), and check with pdfcheck the CLREQ rules and the typographic figures on every line:
# word spaces of justified Latin text at most 0.55 em (0.70 em in the sidebar theme's narrow main
# column), no letter-spaced Chinese line (median Han gap over 0.1 em), no white band over 60 pt at
# the foot of a page but the last, and no last page under 20 % full.
# Usage: run.sh CV2PDF PDFCHECK SOURCE_DIR WORK_DIR INPUT THEME [ALLOW]
set -euo pipefail
cv2pdf=$1 pdfcheck=$2 src=$3 work=$4 input=$5 theme=$6 allow=${7:-}
name=$(basename "$input" .yaml)
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
# The tests' Python, which CMake found with pdfminer (a Debian package for the system's Python,
# which scripts/dev.sh installs): a missing extractor fails the test rather than skipping it.
py=${CV2PDF_TEST_PYTHON:-python3}

"${wrapper[@]}" "$cv2pdf" "$input" --dump=model >"$work/$name-$theme.model"
pdf="$work/$name-$theme.pdf" stext="$work/$name-$theme.stext"
# $CV2PDF_TYPO_RENDERED: the same PDF, rendered with the same options and environment by the
# end-to-end test of the example (e2e/run_example.sh, a CTest fixture of this test), which checked it
# with qpdf and wrote MuPDF's characters beside it (.stext): used as they are rather than made again.
if [ -n "${CV2PDF_TYPO_RENDERED:-}" ]; then
	pdf=$CV2PDF_TYPO_RENDERED stext=${CV2PDF_TYPO_RENDERED%.pdf}.stext
	[ -s "$pdf" ] && [ -s "$stext" ] || { echo "FAIL: no $pdf and $stext (run the test e2e_* first)"; exit 1; }
else
	rm -f "$pdf"
	"${wrapper[@]}" "$cv2pdf" -q "$input" --theme "$theme" -o "$pdf"
	check=$(qpdf --check "$pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check ($theme)"; exit 1; }
	mutool draw -F stext -o "$stext" "$pdf" 2>/dev/null
fi
# The sidebar theme (two columns when there is something for the sidebar, as in run_example.sh):
# poppler's layout mode sets the two columns side by side, interleaving their lines by design, so
# only its raw mode is asked there; its narrow main column may space words to 0.70 em. The name
# and headline run across both columns.
cols="51 544.28" space=0.55 layout=()
# classic (RenderCV's): 0.7 in margins, entries set in by 0.2 cm, a 4.15 cm date column (see
# tests/e2e/run_example.sh).
[ "$theme" = classic ] && cols="50.4 544.88 --edge 539.21 --edge 418.74 --abutting"
if [ "$theme" = sidebar ] && grep -qE '^  (email|phone|location|website):' "$input"; then
	header=$((1 + $(grep -cE '^  headline:' "$input" || true)))
	cols="51 203.92 221.92 544.28 --header-lines $header --ragged 1 --column-order" space=0.70
	layout=(--no-layout)
fi
allow_args=()
[ -n "$allow" ] && allow_args=(--allow "$allow")
# The extractors' check (textcheck.py) of every document and theme runs in one Python, the test
# typo_text_DOC after these: this writes its arguments. Run by hand (no CTest), it runs here.
job="$work/$name-$theme.textcheck"
printf '%s\n' "$work/$name-$theme.model" "$pdf" "${layout[@]}" "${allow_args[@]}" >"$job"
if [ -z "${CV2PDF_TYPO_TEXT_LATER:-}" ]; then
	"$py" "$src/tests/typo/textcheck.py" --jobs "$job" || { echo "FAIL: text not whole in an extractor ($theme)"; exit 1; }
fi
# shellcheck disable=SC2086
"$pdfcheck" "$stext" $cols --justified --max-space $space --max-han-gap 0.1 --foot 60 \
	--last-fill 0.2 || { echo "FAIL: pdfcheck ($theme)"; exit 1; }
echo "ok: $name ($theme)"
