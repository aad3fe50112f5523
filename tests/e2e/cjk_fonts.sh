#!/usr/bin/env bash
# End-to-end test of installed OpenType fonts with CFF outlines (issue 18): the Chinese example set in
# Noto Serif CJK SC with Noto Serif, and in Noto Sans CJK SC, and a name with characters of CJK
# Extension B (Noto Sans CJK SC with HanaMinB as fallback). Each PDF passes qpdf --check, has every
# font embedded, subset and mapped to Unicode, uses the CJK family's real bold face, extracts its text
# exactly, and draws page 1's Chinese glyphs as the original fonts do (glyphcheck: FreeType's
# rendering of the original outlines against pdftoppm's rendering of the page at 300 dpi).
# The fonts come from fonts-noto-cjk and fonts-hanazono (scripts/dev.sh installs them).
# Usage: cjk_fonts.sh CV2PDF SOURCE_DIR WORK_DIR SEEDCHECK GLYPHCHECK
set -euo pipefail
cv2pdf=$1 src=$2 work=$3 seedcheck=$4 glyphcheck=$5
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
fail() { echo "FAIL: $*"; exit 1; }

# FILE:INDEX of an installed face, failing loudly when fontconfig has another family instead.
face() { # FAMILY STYLE
	local got
	got=$(fc-match -f '%{family}|%{file}:%{index}' "$1:style=$2")
	[[ ",${got%%|*}," == *",$1,"* ]] || fail "font \"$1\" $2 is not installed (bash scripts/dev.sh installs it): fc-match gives $got"
	echo "${got#*|}"
}

# Structure, fonts and text of one PDF; $1 the PDF, the rest the font names that must be in it.
check_pdf() {
	local pdf=$1 check fonts
	shift
	check=$(qpdf --check "$pdf" 2>&1) || { echo "$check"; fail "qpdf --check $pdf"; }
	if grep -qi warning <<<"$check"; then echo "$check"; fail "qpdf warnings in $pdf"; fi
	fonts=$(pdffonts "$pdf" | tail -n +3)
	if awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes") bad=1 } END { exit !bad }' <<<"$fonts"; then
		echo "$fonts"; fail "$pdf: a font is not embedded, subset and mapped to Unicode"
	fi
	if grep -qv "CID TrueType" <<<"$fonts"; then echo "$fonts"; fail "$pdf: a font is not TrueType"; fi
	for want in "$@"; do
		grep -qE "^[A-Z]{6}\+$want " <<<"$fonts" || { echo "$fonts"; fail "$pdf: no font $want"; }
	done
}

yaml="$src/examples/chinese_cv.yaml"
for pairing in "Noto Serif|Noto Serif CJK SC|NotoSerifCJK|NotoSerif" "Noto Sans|Noto Sans CJK SC|NotoSansCJK|NotoSans"; do
	IFS='|' read -r latin cjk cjk_name latin_name <<<"$pairing"
	tag=${cjk// /}
	pdf="$work/$tag.pdf"
	rm -f "$pdf"
	"${wrapper[@]}" "$cv2pdf" "$yaml" --set "design.font_family=$latin" --set "design.cjk_font_family=$cjk" -o "$pdf"
	check_pdf "$pdf" "$cjk_name-Regular" "$cjk_name-Bold" "$latin_name-Regular" "$latin_name-Bold"

	# The text: the same characters in the same order as with the shipped fonts (line breaks may
	# differ with other metrics), and every word of the seed.
	pdftotext -q "$pdf" "$work/$tag.txt"
	diff <(tr -d ' \n\f' <"$src/tests/e2e/expected/chinese_cv.txt") <(tr -d ' \n\f' <"$work/$tag.txt") >/dev/null ||
		fail "$cjk: the extracted text differs from tests/e2e/expected/chinese_cv.txt (white space aside)"
	"$seedcheck" "$src/tests/e2e/seeds/chinese_cv.txt" "$work/$tag.txt" "$src/tests/e2e/seeds/chinese_cv.allow"

	# The glyphs of the body text (10 pt) in the top third of page 1, regular and bold, against the
	# original CFF outlines.
	pdftoppm -r 300 -gray -f 1 -l 1 -W 2480 -H 1200 -singlefile "$pdf" "$work/$tag"
	mutool draw -F stext -o "$work/$tag.stext" "$pdf" 2>/dev/null
	"$glyphcheck" "$work/$tag.pgm" 300 "$work/$tag.stext" 1 10 "$cjk_name-Regular=$(face "$cjk" Regular)" \
		"$cjk_name-Bold=$(face "$cjk" Bold)" || fail "$cjk: glyphs differ from the original font"
done

# A name with characters of CJK Extension B: 𠮷 (U+20BB7) is in Noto Sans CJK, 𡒄 (U+21484) only in
# HanaMinB, the fallback. Both are drawn (in the name, bold, and in body text) and extract as written,
# in the text and in the document title.
cat >"$work/extb.yaml" <<'EOF'
cv:
  name: 张𠮷𡒄
  headline: 软件工程师
  sections:
    教育经历:
      - institution: 清华大学
        area: 计算机科学与技术
        degree: 学士
        start_date: 2019-09
        end_date: 2023-06
        highlights:
          - 导师：𠮷𡒄教授，研究方向为分布式系统
design:
  cjk_font_family: Noto Sans CJK SC, HanaMinB
EOF
pdf="$work/extb.pdf"
rm -f "$pdf"
"${wrapper[@]}" "$cv2pdf" "$work/extb.yaml" -o "$pdf" 2>"$work/extb.err"
[ ! -s "$work/extb.err" ] || { cat "$work/extb.err"; fail "Extension B: diagnostics"; }
check_pdf "$pdf" NotoSansCJK-Regular NotoSansCJK-Bold HanaMinB
text=$(pdftotext -q "$pdf" -)
grep -qx "张𠮷𡒄" <<<"$text" || { echo "$text"; fail "Extension B: the name does not extract as written"; }
grep -q "导师：𠮷𡒄教授，研究方向为分布式系统" <<<"$text" || { echo "$text"; fail "Extension B: the highlight does not extract"; }
grep -q "^Title: *张𠮷𡒄 — CV$" <<<"$(pdfinfo "$pdf")" || fail "Extension B: the title lost characters: $(pdfinfo "$pdf" | grep Title)"
mutool draw -F stext -o "$work/extb.stext" "$pdf" 2>/dev/null
# One line per font element. (No "cmd | grep -q": with pipefail, grep quitting early can fail the
# pipeline on cmd's SIGPIPE.)
by_font=$(tr -d '\n' <"$work/extb.stext" | sed 's/<font /\n<font /g')
for want in 'NotoSansCJK-Regular.*&#x20bb7;' 'HanaMinB.*&#x21484;'; do
	grep -q "$want" <<<"$by_font" || fail "Extension B: mutool sees no $want"
done
pdftoppm -r 300 -gray -f 1 -l 1 -W 2480 -H 1200 -singlefile "$pdf" "$work/extb"
"$glyphcheck" "$work/extb.pgm" 300 "$work/extb.stext" 1 10 "NotoSansCJK-Regular=$(face "Noto Sans CJK SC" Regular)" \
	"HanaMinB=$(face HanaMinB Regular)" || fail "Extension B: glyphs differ from the original fonts"
echo "ok: CFF fonts and CJK Extension B"
