#!/usr/bin/env bash
# End-to-end test of one example: render it, check the PDF with qpdf, extract its text with pdftotext
# and compare it with the committed expected text, then check every word of the seed is present and
# the fonts are embedded and subset. With UPDATE=1 the expected text is rewritten instead.
# Then the typesetting rules are checked on every line from mutool's per-character boxes (pdfcheck),
# for the example as it is (justified) and again set ragged-right.
# Usage: run_example.sh CV2PDF NAME SOURCE_DIR WORK_DIR SEEDCHECK PDFCHECK
set -euo pipefail
cv2pdf=$1 name=$2 src=$3 work=$4 seedcheck=$5 pdfcheck=$6
# $CV2PDF_TEST_WRAPPER (valgrind and its options, say) runs cv2pdf under it.
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
# The text column of the default A4 design (51 pt margins).
left=51 right=544.28
mkdir -p "$work"
pdf="$work/$name.pdf" txt="$work/$name.txt"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
rm -f "$pdf"
"${wrapper[@]}" "$cv2pdf" "$src/examples/$name.yaml" -o "$pdf"

# qpdf: a structurally valid file, and no warnings.
check=$(qpdf --check "$pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check"; exit 1; }
if grep -qi warning <<<"$check"; then echo "$check"; echo "FAIL: qpdf warnings"; exit 1; fi

# Every font embedded, subset, with a ToUnicode map.
fonts=$(pdffonts "$pdf" | tail -n +3)
if awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad=1 } END { exit !bad }' <<<"$fonts"; then
	echo "$fonts"; echo "FAIL: a font is not embedded, subset and mapped to Unicode"; exit 1
fi

pdftotext -q "$pdf" "$txt"
expected="$src/tests/e2e/expected/$name.txt"
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$txt" "$expected"
	echo "updated $expected"
elif ! diff -u "$expected" "$txt"; then
	echo "FAIL: extracted text differs from $expected (UPDATE=1 ctest -R e2e to accept)"
	exit 1
fi

"$seedcheck" "$src/tests/e2e/seeds/$name.txt" "$txt" "$src/tests/e2e/seeds/$name.allow"

mutool draw -F stext -o "$work/$name.stext" "$pdf" 2>/dev/null
"$pdfcheck" "$work/$name.stext" $left $right --justified
{ cat "$src/examples/$name.yaml"; printf 'design:\n  alignment: left\n'; } >"$work/$name-left.yaml"
"${wrapper[@]}" "$cv2pdf" "$work/$name-left.yaml" -o "$work/$name-left.pdf"
check=$(qpdf --check "$work/$name-left.pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check (left)"; exit 1; }
if grep -qi warning <<<"$check"; then echo "$check"; echo "FAIL: qpdf warnings (left)"; exit 1; fi
mutool draw -F stext -o "$work/$name-left.stext" "$work/$name-left.pdf" 2>/dev/null
"$pdfcheck" "$work/$name-left.stext" $left $right
echo "ok: $name"
