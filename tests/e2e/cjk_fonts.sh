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
[ -d "$work" ] || mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
fail() { echo "FAIL: $*"; exit 1; }
# cv2pdf's three renders and the qpdf, pdffonts and pdftotext calls go through the in-process runner
# (tests/cli/batch.sh: every sixth call also through the real program, compared, the PDF too; every
# call real under CV2PDF_TEST_WRAPPER, or without the runner): twelve program starts cost more CPU
# here than the runner's start and its loading of qpdf and poppler. pdftoppm, mutool, pdfinfo and
# fc-match stay programs.
cv_run_dir=$work/cv_run
. "$src/tests/cli/batch.sh"
# tool OUT ARG...: qpdf, pdffonts or pdftotext ARG... (cv_tool), standard output into OUT; fails by
# name (showing what it said on standard error) when it fails.
tool() {
	local out=$1
	shift
	cv_tool "$out" "$work/tool.err" "$@" && return
	cv_cat "$work/tool.err"
	fail "$* failed (exit status $cv_status)"
}

# face FAMILY STYLE: in face, FILE:INDEX of an installed face, failing loudly when fontconfig has
# another family instead. Each asked of fc-match once.
declare -A faces=()
face() {
	local got
	if [ -z "${faces[$1:$2]+set}" ]; then
		got=$(fc-match -f '%{family}|%{file}:%{index}' "$1:style=$2")
		[[ ",${got%%|*}," == *",$1,"* ]] || fail "font \"$1\" $2 is not installed (bash scripts/dev.sh installs it): fc-match gives $got"
		faces[$1:$2]=${got#*|}
	fi
	face=${faces[$1:$2]}
}

# Structure, fonts and text of one PDF; $1 the PDF, the rest the font names that must be in it.
. "$src/tests/e2e/common.sh"
check_pdf() {
	local pdf=$1 check="" errors="" want
	shift
	cv_tool "$work/check" "$work/check.err" qpdf --check "$pdf" || true
	IFS= read -r -d '' check <"$work/check" || true
	IFS= read -r -d '' errors <"$work/check.err" || true
	check+=$errors # (qpdf's warnings are on its standard error)
	[ "$cv_status" = 0 ] || { printf '%s' "$check"; fail "qpdf --check $pdf"; }
	if [[ ${check,,} == *warning* ]]; then printf '%s' "$check"; fail "qpdf warnings in $pdf"; fi
	check_fonts "$pdf" "CID TrueType" || fail "$fonts_error"
	for want in "$@"; do
		[ -n "${font_names[$want]+set}" ] || { echo "$fonts"; fail "$pdf: no font $want"; }
	done
}

yaml="$src/examples/chinese_cv.yaml"
for pairing in "Noto Serif|Noto Serif CJK SC|NotoSerifCJK|NotoSerif" "Noto Sans|Noto Sans CJK SC|NotoSansCJK|NotoSans"; do
	IFS='|' read -r latin cjk cjk_name latin_name <<<"$pairing"
	tag=${cjk// /}
	pdf="$work/$tag.pdf"
	: >"$pdf" # emptied: nothing left from an earlier run
	cv_run -c "$pdf" /dev/null "$work/$tag.err" "$yaml" --set "design.font_family=$latin" \
		--set "design.cjk_font_family=$cjk" -o "$pdf" || { cv_cat "$work/$tag.err"; fail "$cjk: cv2pdf failed"; }
	cv_cat "$work/$tag.err"
	check_pdf "$pdf" "$cjk_name-Regular" "$cjk_name-Bold" "$latin_name-Regular" "$latin_name-Bold"

	# The text: the same characters in the same order as with the shipped fonts (line breaks may
	# differ with other metrics), and every word of the seed.
	tool "$work/$tag.txt" pdftotext -q "$pdf" -
	IFS= read -r -d '' want <"$src/tests/e2e/expected/chinese_cv.txt" || true
	IFS= read -r -d '' got <"$work/$tag.txt" || true
	[ "${want//[ $'\n\f']/}" = "${got//[ $'\n\f']/}" ] ||
		fail "$cjk: the extracted text differs from tests/e2e/expected/chinese_cv.txt (white space aside)"
	"$seedcheck" "$src/tests/e2e/seeds/chinese_cv.txt" "$work/$tag.txt" "$src/tests/e2e/seeds/chinese_cv.allow"

	# The glyphs of the body text (10 pt) in the top third of page 1, regular and bold, against the
	# original CFF outlines.
	pdftoppm -r 300 -gray -f 1 -l 1 -W 2480 -H 1200 -singlefile "$pdf" "$work/$tag"
	mutool draw -F stext -o "$work/$tag.stext" "$pdf" 2>/dev/null
	face "$cjk" Regular
	regular=$face
	face "$cjk" Bold
	"$glyphcheck" "$work/$tag.pgm" 300 "$work/$tag.stext" 1 10 "$cjk_name-Regular=$regular" \
		"$cjk_name-Bold=$face" || fail "$cjk: glyphs differ from the original font"
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
: >"$pdf"
cv_run -c "$pdf" /dev/null "$work/extb.err" "$work/extb.yaml" -o "$pdf" || { cv_cat "$work/extb.err"; fail "Extension B: cv2pdf failed"; }
[ ! -s "$work/extb.err" ] || { cv_cat "$work/extb.err"; fail "Extension B: diagnostics"; }
check_pdf "$pdf" NotoSansCJK-Regular NotoSansCJK-Bold HanaMinB
tool "$work/extb.txt" pdftotext -q "$pdf" -
IFS= read -r -d '' text <"$work/extb.txt" || true
while [[ $text == *$'\n' ]]; do text=${text%$'\n'}; done # (as $(pdftotext) gave it)
[[ $'\n'$text$'\n' == *$'\n'"张𠮷𡒄"$'\n'* ]] || { echo "$text"; fail "Extension B: the name does not extract as written"; }
[[ $text == *"导师：𠮷𡒄教授，研究方向为分布式系统"* ]] || { echo "$text"; fail "Extension B: the highlight does not extract"; }
info=$(pdfinfo "$pdf")
[[ $info =~ (^|$'\n')(Title:\ *张𠮷𡒄\ —\ CV)($'\n'|$) ]] || fail "Extension B: the title lost characters: $info"
mutool draw -F stext -o "$work/extb.stext" "$pdf" 2>/dev/null
# Each character in the font element (one per font run, a line "<font name=...>") it is drawn in.
# drawn_in[CHAR]: the fonts CHAR (an entity, &#x20bb7;) is drawn in.
declare -A drawn_in=()
font=""
while IFS= read -r line; do
	if [[ $line == '<font name="'* ]]; then
		font=${line#'<font name="'} font=${font%%'"'*}
	elif [[ $line =~ \ c=\"(\&#x(20bb7|21484)\;)\" ]]; then
		drawn_in[${BASH_REMATCH[1]}]+=" $font"
	fi
done <"$work/extb.stext"
for want in 'NotoSansCJK-Regular &#x20bb7;' 'HanaMinB &#x21484;'; do
	[[ ${drawn_in[${want#* }]:-} == *"${want% *}"* ]] ||
		fail "Extension B: mutool sees no ${want#* } in ${want% *} (only in:${drawn_in[${want#* }]:-})"
done
pdftoppm -r 300 -gray -f 1 -l 1 -W 2480 -H 1200 -singlefile "$pdf" "$work/extb"
face "Noto Sans CJK SC" Regular
regular=$face
face HanaMinB Regular
"$glyphcheck" "$work/extb.pgm" 300 "$work/extb.stext" 1 10 "NotoSansCJK-Regular=$regular" "HanaMinB=$face" ||
	fail "Extension B: glyphs differ from the original fonts"
cv_batch_stop
echo "ok: CFF fonts and CJK Extension B"
