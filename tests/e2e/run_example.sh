#!/usr/bin/env bash
# End-to-end test of one example in one theme: render it, check the PDF with qpdf, extract its text with
# pdftotext and compare it with the committed expected text, then check every word of the seed is
# present, the fonts are embedded and subset, and no page ends with a section heading. With UPDATE=1 the expected text is rewritten instead.
# Then the typesetting rules are checked on every line from mutool's per-character boxes (pdfcheck),
# column by column, for the example as it is (justified) and again set ragged-right; in two columns
# also that the content stream draws one column after the other (reading order).
# Usage: run_example.sh CV2PDF NAME SOURCE_DIR WORK_DIR SEEDCHECK PDFCHECK [THEME]
set -euo pipefail
cv2pdf=$1 name=$2 src=$3 work=$4 seedcheck=$5 pdfcheck=$6 theme=${7:-classic}
yaml="$src/examples/$name.yaml"
# The text columns (common.sh); in two columns also the order the content stream draws them in.
. "$src/tests/e2e/common.sh"
theme_columns "$theme" "$yaml"
order=""
[ $two = 0 ] || order=--column-order
# $CV2PDF_TEST_WRAPPER (valgrind and its options, say) runs cv2pdf under it.
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
suffix=""
[ "$theme" = classic ] || suffix=-$theme
[ -d "$work" ] || mkdir -p "$work"
pdf="$work/$name$suffix.pdf" txt="$work/$name$suffix.txt"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
# What the tests typo_* read from this run (the PDF, its text and MuPDF's characters) is emptied
# first: nothing may be left from an earlier run (emptied by bash, not removed by rm: a process).
: >"$pdf"
: >"$txt"
: >"$work/$name$suffix.stext"
"${wrapper[@]}" "$cv2pdf" "$yaml" --theme "$theme" -o "$pdf"

# qpdf: a structurally valid file, and no warnings.
check=$(qpdf --check "$pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check"; exit 1; }
if [[ ${check,,} == *warning* ]]; then echo "$check"; echo "FAIL: qpdf warnings"; exit 1; fi

# Every font embedded, subset, with a ToUnicode map (common.sh).
check_fonts "$pdf"

pdftotext -q "$pdf" "$txt"
expected="$src/tests/e2e/expected/$name$suffix.txt"
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$txt" "$expected"
	echo "updated $expected"
else
	# Compared by bash; diff shows how they differ.
	IFS= read -r -d '' want <"$expected" || true
	IFS= read -r -d '' got <"$txt" || true
fi
if [ "${UPDATE:-0}" != 1 ] && [ "$want" != "$got" ]; then
	diff -u "$expected" "$txt" || true
	echo "FAIL: extracted text differs from $expected (UPDATE=1 ctest -R e2e to accept)"
	exit 1
fi

"$seedcheck" "$src/tests/e2e/seeds/$name.txt" "$txt" "$src/tests/e2e/seeds/$name.allow"

# Keep rules: the last line of each page above its footer is not a section title. The titles: the
# keys four spaces in under "  sections:" (until the next top-level key), read by bash.
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
# The pages of pdftotext's raw text end with form feeds; the last line of each that is neither
# blank nor the footer "n / N".
raw=$(pdftotext -q -raw "$pdf" -)
heading=""
while IFS= read -r -d $'\f' page || [ -n "$page" ]; do
	last=""
	while IFS= read -r line; do
		[[ $line =~ ^[0-9]+\ /\ [0-9]+$ || $line =~ ^[[:blank:]]*$ ]] || last=$line
	done <<<"$page"
	[ -z "$last" ] || [ -z "${is_section[$last]+set}" ] || heading+=${heading:+$'\n'}$last
done <<<"$raw"
[ -z "$heading" ] || { echo "FAIL: a page ends with the heading '$heading'"; exit 1; }

# Two columns: the content stream draws each page's sidebar before its main column (pdfcheck's
# --column-order below). pdftotext's own reading order is not checked: the sidebar's sections are
# spaced apart like the main column's (issue 15), so poppler sees one block per section and may order
# them between the main column's blocks; each block, and so each line of the source, stays whole
# (tests/typo checks that on every extractor).
mutool draw -F stext -o "$work/$name$suffix.stext" "$pdf" 2>/dev/null
# shellcheck disable=SC2086
"$pdfcheck" "$work/$name$suffix.stext" $cols $order --justified
IFS= read -r -d '' source <"$yaml" || true
printf '%sdesign:\n  alignment: left\n' "$source" >"$work/$name$suffix-left.yaml"
"${wrapper[@]}" "$cv2pdf" "$work/$name$suffix-left.yaml" --theme "$theme" -o "$work/$name$suffix-left.pdf"
check=$(qpdf --check "$work/$name$suffix-left.pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check (left)"; exit 1; }
if [[ ${check,,} == *warning* ]]; then echo "$check"; echo "FAIL: qpdf warnings (left)"; exit 1; fi
mutool draw -F stext -o "$work/$name$suffix-left.stext" "$work/$name$suffix-left.pdf" 2>/dev/null
# shellcheck disable=SC2086
"$pdfcheck" "$work/$name$suffix-left.stext" $cols $order
echo "ok: $name ($theme)"
