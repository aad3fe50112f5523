#!/bin/bash
# Cover letters (issue 19), checked like the résumés: the English and the Chinese letter (overlays of
# the examples) as PDF, valid (qpdf), every font embedded and subset with a ToUnicode map (pdffonts),
# their text as expected (pdftotext against expected/), the typesetting rules on every line
# (pdfcheck, with the Chinese line-start rules); as plain text and Markdown against expected/, as
# valid HTML (tidy). Then a batch: --all-variants writing each variant's résumé, its text and its own
# letter.
# Usage: run.sh CV2PDF SRCDIR WORKDIR PDFCHECK
set -euo pipefail
bin=$1 src=$2 work=$3 pdfcheck=$4
here=$src/tests/letter
rm -rf "$work" && mkdir -p "$work"
cd "$work"
export SOURCE_DATE_EPOCH=1735689600 CV2PDF_FONT_DIR="$src/fonts"
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
fail=0
failed() { echo "FAIL: $*" >&2; fail=1; }

for lang in english chinese; do
	ex=${lang}_cv
	cp "$src/examples/$ex.yaml" "$here/$lang.yaml" .
	"${wrapper[@]}" "$bin" -q "$ex.yaml" "$lang.yaml" --letter --to pdf,txt,md,html -o "$lang-letter.{ext}"
	pdf=$lang-letter.letter.pdf
	check=$(qpdf --check "$pdf" 2>&1) || failed "qpdf --check $pdf: $check"
	if grep -qi warning <<<"$check"; then failed "qpdf warnings on $pdf: $check"; fi
	fonts=$(pdffonts "$pdf" | tail -n +3)
	if awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad=1 } END { exit !bad }' <<<"$fonts"; then
		failed "$pdf: a font is not embedded, subset and mapped to Unicode: $fonts"
	fi
	pdftotext -q "$pdf" "$lang-letter.pdf.txt"
	for f in "$lang-letter.pdf.txt" "$lang-letter.letter.txt" "$lang-letter.letter.md"; do
		diff -u "$here/expected/$f" "$f" || failed "$f differs from tests/letter/expected/$f"
	done
	tidy -errors -q "$lang-letter.letter.html" || failed "$lang-letter.letter.html is not valid HTML"
	grep -q '<time datetime="2025-03-01">' "$lang-letter.letter.html" || failed "$lang-letter.letter.html: no dated <time>"
	mutool draw -F stext -o "$lang.stext" "$pdf" 2>/dev/null
	# The text column from the design the letter was laid out with (the theme's margins), as the
	# HTML's @page rule states it: "size: W H; margin: T R B L".
	col=$(sed -n 's/^@page { size: \([0-9.]*\)pt [0-9.]*pt; margin: [0-9.]*pt \([0-9.]*\)pt [0-9.]*pt \([0-9.]*\)pt; }$/\1 \2 \3/p' \
		"$lang-letter.letter.html" | awk '{ printf "%.2f %.2f", $3, $1 - $2 }')
	[ -n "$col" ] || failed "$lang-letter.letter.html: no @page rule to read the column from"
	read -r left right <<<"${col:-0 0}"
	"$pdfcheck" "$lang.stext" "$left" "$right" >/dev/null || { "$pdfcheck" "$lang.stext" "$left" "$right"; failed "pdfcheck $pdf"; }
done

# The Chinese convention: 此致 indented on a line of its own, 敬礼！ flush left on the next, the name and
# the date after them, right-aligned.
"${CV2PDF_TEST_PYTHON:-python3}" - chinese-letter.pdf.txt <<'PY' || failed "the Chinese letter's closing is not by convention"
import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if l.strip()]
i = next(i for i, l in enumerate(lines) if l.strip() == "此致")
assert lines[i + 1].strip() == "敬礼！", lines[i + 1]
assert lines[i + 2].strip() == "阿东玩 AI", lines[i + 2]
assert lines[i + 3].strip().replace(" ", "") == "2025年3月1日", lines[i + 3]
assert any(l.startswith("尊敬的") and l.endswith("：") for l in lines)
PY

# A batch: two applications, each writing its résumé as PDF and text and its own letter.
cp "$src/examples/english_cv.yaml" batch.yaml
cat "$here/english.yaml" >>batch.yaml
cat >>batch.yaml <<'YAML'
variants:
  acme:
    outputs: [pdf, txt, letter]
    set:
      letter.company: Acme Robotics
      letter.recipient: Mr. John Doe
      letter.salutation: "Dear Mr. Doe,"
  globex:
    outputs: [pdf, letter, letter.txt]
    set:
      letter.company: Globex Corporation
YAML
"${wrapper[@]}" "$bin" -q batch.yaml --all-variants -o 'out/{variant}.{ext}'
for f in out/acme.pdf out/acme.txt out/acme.letter.pdf out/globex.pdf out/globex.letter.pdf out/globex.letter.txt; do
	[ -s "$f" ] || failed "the batch did not write $f"
done
for f in out/acme.txt out/globex.txt out/acme.letter.txt; do
	[ ! -e "$f" ] || [ "$f" = out/acme.txt ] || failed "the batch wrote $f, which no variant asks for"
done
pdftotext -q out/acme.letter.pdf acme.txt
pdftotext -q out/globex.letter.pdf globex.txt
grep -q "Acme Robotics" acme.txt && grep -q "Dear Mr. Doe," acme.txt || failed "acme's letter lacks its company or salutation"
grep -q "Globex Corporation" globex.txt && grep -q "Dear Ms. Smith," globex.txt || failed "globex's letter lacks its company"
grep -q "Globex Corporation" out/globex.letter.txt || failed "globex's letter text lacks its company"
grep -q "Acme" globex.txt && failed "globex's letter names acme"
grep -q "^Professional Experience" out/acme.txt || failed "acme's résumé text lacks its sections"
exit $fail
