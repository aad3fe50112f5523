#!/bin/bash
# Cover letters (issue 19), checked like the résumés: the English and the Chinese letter (overlays of
# the examples) as PDF, valid (qpdf), every font embedded and subset with a ToUnicode map (pdffonts),
# their text as expected (pdftotext against expected/), the typesetting rules on every line
# (pdfcheck, with the Chinese line-start rules); as plain text and Markdown against expected/, as
# valid HTML (tidy). Then a batch: --all-variants writing each variant's résumé, its text and its own
# letter. The tools' outputs are read and compared in bash: a process only for each tool's one run.
# Usage: run.sh CV2PDF SRCDIR WORKDIR PDFCHECK (WORKDIR: made empty by CTest's fixture scripts_scratch,
# else here)
set -euo pipefail
bin=$1 src=$2 work=$3 pdfcheck=$4
here=$src/tests/letter
# The folder's entries in bash (a glob, not a subshell): anything in it, and it is made again.
shopt -s nullglob dotglob
old=("$work"/*)
shopt -u nullglob dotglob
if [ ! -d "$work" ] || ((${#old[@]})); then rm -rf "$work" && mkdir -p "$work"; fi
cd "$work"
export SOURCE_DATE_EPOCH=1735689600 CV2PDF_FONT_DIR="$src/fonts"
fail=0
failed() { echo "FAIL: $*" >&2; fail=1; }
# cv2pdf's three runs go through the in-process runner (tests/cli/batch.sh: every sixth run also
# through the real cv2pdf, compared byte for byte; all real under CV2PDF_TEST_WRAPPER): they need no
# process of their own, and the files they write are what is checked. So do qpdf's, pdffonts' and
# pdftotext's (cv_tool: the programs' own code, with the same guard).
# totext PDF TXT: pdftotext -q PDF TXT (cv_tool); fails by name when it fails.
totext() { cv_tool /dev/null tool.err pdftotext -q "$1" "$2" || failed "pdftotext $1 failed (exit status $cv_status)"; }
cv2pdf=$bin cv_run_dir=$work/cv_run
fail() { failed "$@"; }
. "$src/tests/cli/batch.sh"
# cv ARG...: cv2pdf ARG..., what it says shown; fails by name when it fails.
cv() {
	local f t
	cv_run cv.out cv.err "$@" || true
	for f in cv.out cv.err; do
		t=""
		IFS= read -r -d "" t <"$f" || true
		[ -z "$t" ] || printf '%s' "$t"
	done
	[ "$cv_status" = 0 ] || { failed "cv2pdf $*: exit status $cv_status"; return 1; }
}
slurp() { IFS= read -r -d "" text <"$1" || true; } # slurp FILE: FILE's text in $text
has() { slurp "$1"; [[ $text == *"$2"* ]]; }      # has FILE TEXT: FILE holds TEXT
# millionths X: the decimal X (595.28) in millionths, in $m (bash has only whole numbers)
millionths() {
	local whole=${1%%.*} frac=000000
	[[ $1 == *.* ]] && frac=${1#*.}000000
	m=$((10#$whole * 1000000 + 10#${frac:0:6}))
}

htmls=()
for lang in english chinese; do
	cv -q "$src/examples/${lang}_cv.yaml" "$here/$lang.yaml" --letter --to pdf,txt,md,html -o "$lang-letter.{ext}" || continue
	pdf=$lang-letter.letter.pdf
	cv_tool qpdf.out qpdf.err qpdf --check "$pdf" || true
	slurp qpdf.out
	check=$text
	slurp qpdf.err
	check+=$text
	[ "$cv_status" = 0 ] || failed "qpdf --check $pdf: $check"
	if [[ ${check,,} == *warning* ]]; then failed "qpdf warnings on $pdf: $check"; fi
	# pdffonts (cv_tool, as qpdf): two heading lines, then a font a line whose emb, sub and uni
	# columns are the 5th, 4th and 3rd from the end.
	cv_tool "$lang.fonts" fonts.err pdffonts "$pdf" || { slurp fonts.err; failed "pdffonts $pdf failed: $text"; }
	{
		read -r && read -r
		while read -ra f; do
			n=${#f[@]}
			if ((n < 5)) || [ "${f[n - 5]}" != yes ] || [ "${f[n - 4]}" != yes ] || [ "${f[n - 3]}" != yes ]; then
				failed "$pdf: a font is not embedded, subset and mapped to Unicode: $(<"$lang.fonts")"
				break
			fi
		done
	} <"$lang.fonts"
	totext "$pdf" "$lang-letter.pdf.txt"
	for f in "$lang-letter.pdf.txt" "$lang-letter.letter.txt" "$lang-letter.letter.md"; do
		slurp "$here/expected/$f"
		want=$text
		slurp "$f"
		[ "$want" = "$text" ] || { diff -u "$here/expected/$f" "$f" || failed "$f differs from tests/letter/expected/$f"; }
	done
	htmls+=("$lang-letter.letter.html")
	has "$lang-letter.letter.html" '<time datetime="2025-03-01">' || failed "$lang-letter.letter.html: no dated <time>"
	mutool draw -F stext -o "$lang.stext" "$pdf" 2>/dev/null
	# The text column from the design the letter was laid out with (the theme's margins), as the
	# HTML's @page rule states it: "size: W H; margin: T R B L", to two decimals.
	left="" right=""
	while IFS= read -r line; do
		if [[ $line =~ ^@page\ \{\ size:\ ([0-9.]*)pt\ [0-9.]*pt\;\ margin:\ [0-9.]*pt\ ([0-9.]*)pt\ [0-9.]*pt\ ([0-9.]*)pt\;\ \}$ ]]; then
			printf -v left %.2f "${BASH_REMATCH[3]}"
			millionths "${BASH_REMATCH[1]}" && width=$m
			millionths "${BASH_REMATCH[2]}"
			m=$((width - m))
			printf -v right %.2f "$((m / 1000000)).$(printf %06d $((m % 1000000)))"
			break
		fi
	done <"$lang-letter.letter.html"
	[ -n "$left" ] || failed "$lang-letter.letter.html: no @page rule to read the column from"
	"$pdfcheck" "$lang.stext" "${left:-0}" "${right:-0}" >/dev/null || { "$pdfcheck" "$lang.stext" "${left:-0}" "${right:-0}" || true; failed "pdfcheck $pdf"; }
done

# Valid markup: one tidy for both letters; when it finds an error, each again alone, to name it (tidy's
# report does not).
if ((${#htmls[@]})) && ! tidy -errors -q "${htmls[@]}"; then
	for f in "${htmls[@]}"; do
		tidy -errors -q "$f" 2>/dev/null || failed "$f is not valid HTML"
	done
fi

# The Chinese convention: 此致 indented on a line of its own, 敬礼！ flush left on the next, the name and
# the date after them, right-aligned; the salutation 尊敬的…： on a line of its own. Lines compared
# without the white space around them, blank lines skipped.
lines=() salutation=""
while IFS= read -r line; do
	t=${line#"${line%%[![:space:]]*}"}
	t=${t%"${t##*[![:space:]]}"}
	[ -z "$t" ] && continue
	lines+=("$t")
	[[ $line == 尊敬的*： ]] && salutation=$line
done <chinese-letter.pdf.txt
closing=-1
for ((i = 0; i < ${#lines[@]}; i++)); do [ "${lines[i]}" = 此致 ] && { closing=$i; break; }; done
if [ $closing = -1 ]; then
	failed "the Chinese letter's closing is not by convention: no line 此致"
else
	want=(敬礼！ "阿东玩 AI" 2025年3月1日)
	for k in 1 2 3; do
		got=${lines[closing + k]:-}
		[ $k = 3 ] && got=${got// /}
		[ "$got" = "${want[k - 1]}" ] ||
			failed "the Chinese letter's closing is not by convention: line $k after 此致 is '$got', not '${want[k - 1]}'"
	done
fi
[ -n "$salutation" ] || failed "the Chinese letter's salutation is not by convention: no line 尊敬的…："

# A batch: two applications, each writing its résumé as PDF and text and its own letter.
slurp "$src/examples/english_cv.yaml"
batch=$text
slurp "$here/english.yaml"
batch+=$text
IFS= read -r -d "" text <<'YAML' || true
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
printf %s "$batch$text" >batch.yaml
cv -q batch.yaml --all-variants -o 'out/{variant}.{ext}' || true
for f in out/acme.pdf out/acme.txt out/acme.letter.pdf out/globex.pdf out/globex.letter.pdf out/globex.letter.txt; do
	[ -s "$f" ] || failed "the batch did not write $f"
done
for f in out/acme.txt out/globex.txt out/acme.letter.txt; do
	[ ! -e "$f" ] || [ "$f" = out/acme.txt ] || failed "the batch wrote $f, which no variant asks for"
done
totext out/acme.letter.pdf acme.txt
totext out/globex.letter.pdf globex.txt
has acme.txt "Acme Robotics" && has acme.txt "Dear Mr. Doe," || failed "acme's letter lacks its company or salutation"
has globex.txt "Globex Corporation" && has globex.txt "Dear Ms. Smith," || failed "globex's letter lacks its company"
has out/globex.letter.txt "Globex Corporation" || failed "globex's letter text lacks its company"
! has globex.txt "Acme" || failed "globex's letter names acme"
slurp out/acme.txt
[[ $'\n'$text == *$'\n'"Professional Experience"* ]] || failed "acme's résumé text lacks its sections"
cv_batch_stop
exit $fail
