#!/usr/bin/env bash
# End-to-end test of one input dialect: render a document with cv2pdf, check the PDF with qpdf, and
# check that every field of the input shows in its text (fieldcheck walks the input, so nothing is
# listed by hand). Links count for URLs, so the link targets are collected from the uncompressed PDF.
# Usage: run_format.sh CV2PDF FIELDCHECK INPUT WORK_DIR SOURCE_DIR
set -euo pipefail
cv2pdf=$1 fieldcheck=$2 input=$3 work=$4 src=$5
name=${input##*/}
name=${name%.*}
[ -d "$work" ] || mkdir -p "$work"
pdf="$work/$name.pdf"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
: >"$pdf" # emptied: nothing left from an earlier run
"$cv2pdf" -q "$input" -o "$pdf"
check=$(qpdf --check "$pdf" 2>&1) || { echo "$check"; echo "FAIL: qpdf --check"; exit 1; }
if [[ ${check,,} == *warning* ]]; then echo "$check"; echo "FAIL: qpdf warnings"; exit 1; fi
pdftotext -q "$pdf" "$work/$name.txt"
qpdf --qdf --object-streams=disable "$pdf" "$work/$name.qdf"
# Link annotations: /URI (target); parentheses inside a URI are escaped by the writer.
grep -a -o '/URI (\([^)\\]\|\\.\)*)' "$work/$name.qdf" | sed -e 's/^\/URI (//' -e 's/)$//' -e 's/\\\(.\)/\1/g' \
	>"$work/$name.uris" || true
"$fieldcheck" "$input" "$work/$name.txt" "$work/$name.uris"
