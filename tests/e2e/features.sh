#!/usr/bin/env bash
# End-to-end checks of the PDF features, in every theme: link annotations and their targets (only
# http, https, mailto and tel), a bookmark per section, byte-identical output, page-number footers
# and the "last updated" line, no section heading left at the bottom of a page, --max-pages, the
# photo (PNG and JPEG, and a missing one), and theme names. The keep rules of the examples are
# checked by run_example.sh on the PDFs it makes.
# Usage: features.sh CV2PDF SOURCE_DIR WORK_DIR PART...   (parts: theme=NAME info updated max-pages
# photos photo-errors theme-names; none: all of them)
# The parts are independent; CTest runs them in two tests (tests/CMakeLists.txt): e2e_features_themes
# (theme=classic theme=sidebar theme=compact info: the English example as the end-to-end tests made
# it) and e2e_features_pages (the others). Why two and not one a part: a test's start (bash, the
# in-process runner, CTest's own work) cost more than most parts, and parts in one test share
# renders (the two-page résumé that --max-pages checks is the photos' picture). One part alone:
# bash tests/e2e/features.sh "$PWD/build/cv2pdf" "$PWD" /tmp/features photos. The first failure
# stops the script: its FAIL line names the part and the check, and the parts not run are listed.
set -euo pipefail
# (No "cmd | grep -q": with pipefail, grep quitting early can fail the pipeline on cmd's SIGPIPE.)
cv2pdf=$1 src=$2 work=$3
shift 3
[ -d "$work" ] || mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
part="" parts_left=""
fail() { echo "FAIL: ${part:+$part: }$*"; exit 1; }
# Whatever ends the script early (a FAIL, or a command failing under set -e) names what was left.
trap 'rest=${parts_left# "$part"}; [ -z "$parts_left" ] || echo "FAIL: stopped in part ${part:-?}${rest:+; not run:$rest}"' EXIT
# cv2pdf's runs go through the in-process runner (tests/cli/batch.sh, sourced: every sixth run also
# through the real cv2pdf, compared byte for byte; every run real under CV2PDF_TEST_WRAPPER, or
# without the runner), and so do qpdf's and pdftotext's (cv_tool: the programs' own code, with the
# same guard). Each PDF a part checks is still the real program's code (cv_cli_main), and
# the determinism checks compare a PDF this runner made with the end-to-end test's, which another
# process made (that test's runner, or the real cv2pdf on its guard's run, which compares the two). Nothing here needs a process of its own (no signal, terminal or preloaded shim).
cv_run_dir=$work/cv_run
. "$src/tests/cli/batch.sh"
# cv [-e NAME=VALUE|-u NAME]... ERR ARG...: cv2pdf ARG... (with the variable set or unset), its
# standard error into the file ERR (shown when ERR is "-"), its standard output shown; returns its
# exit status.
cv() {
	local opts=() err status=0
	while [ "$1" = -e ] || [ "$1" = -u ]; do
		opts+=("$1" "$2")
		shift 2
	done
	err=$1
	shift
	[ "$err" != - ] || err=$work/run.err
	cv_run "${opts[@]}" "$work/run.out" "$err" "$@" || status=$?
	cv_cat "$work/run.out"
	[ "$err" != "$work/run.err" ] || cv_cat "$err"
	return $status
}

# The checks read the tools' output in bash: on this kind of machine a grep, sed or awk costs more
# than most checks (each a process), so each tool runs once per PDF and its output is kept.
# slurp VAR FILE: the file's text in VAR.
slurp() { IFS= read -r -d '' "$1" <"$2" || true; }
# line_matches TEXT ERE: some line of TEXT matches the extended regular expression ERE.
line_matches() {
	local line
	while IFS= read -r line; do [[ $line =~ $2 ]] && return 0; done <<<"$1"
	return 1
}
# tool OUT ARG...: qpdf or pdftotext ARG... (cv_tool), standard output into OUT; fails by name
# (showing what it said on standard error) when it fails.
tool() {
	local out=$1 t=""
	shift
	cv_tool "$out" "$work/tool.err" "$@" && return
	IFS= read -r -d '' t <"$work/tool.err" || true
	printf '%s' "$t"
	fail "$* failed (exit status $cv_status)"
}
# pages_of PDF: in pages, the page count pdfinfo gives.
pages_of() {
	local info
	info=$(pdfinfo "$1") || fail "pdfinfo $1 failed"
	[[ $info =~ (^|$'\n')Pages:\ +([0-9]+) ]] || fail "pdfinfo gives no page count for $1"
	pages=${BASH_REMATCH[2]}
}
# The English example, its source in en_text; with_photo PIC writes it to $work/photo.yaml with a
# photo after the name.
en="$src/examples/english_cv.yaml"
IFS= read -r -d '' en_text <"$en" || true
with_photo() {
	printf '%s' "${en_text/$'\n  name: Hande Dong\n'/$'\n  name: Hande Dong\n  photo: '"$1"$'\n'}" >"$work/photo.yaml"
}
# en_pdf THEME: in pdf, the English example in THEME: the PDF of the end-to-end test
# e2e_english_cv (run_example.sh renders it with the same options and environment; CTest
# runs it first and gives its folder in $CV2PDF_E2E_DIR), else rendered here.
en_pdf() {
	local suffix=""
	[ "$1" = classic ] || suffix=-$1
	if [ -n "${CV2PDF_E2E_DIR:-}" ]; then
		pdf=$CV2PDF_E2E_DIR/english_cv$suffix.pdf
		[ -s "$pdf" ] || fail "no $pdf (the test e2e_english_cv makes it)"
	else
		pdf="$work/en-$1.pdf"
		cv - "$en" --theme "$1" -o "$pdf"
	fi
}
# images_on VAR PDF: in VAR, the pdfimages -list lines of PDF's images (its two heading lines
# dropped), and in images the number of them whose type is "image" (not a mask).
images_on() {
	local -n images_list=$1
	local out line n=0 f
	out=$(pdfimages -list "$2") || fail "pdfimages -list $2 failed"
	images_list="" images=0
	while IFS= read -r line; do
		n=$((n + 1))
		[ $n -gt 2 ] || continue
		images_list+=${images_list:+$'\n'}$line
		read -ra f <<<"$line"
		if [ "${f[2]:-}" = image ]; then images=$((images + 1)); fi
	done <<<"$out"
}

part_theme() {
	local theme=$1 json line top="" titles="" rects="" rect=() uri want count=0 raw page i missing=""
	declare -A uris=()
	en_pdf "$theme"
	tool "$work/qpdf.json" qpdf --json "$pdf"
	slurp json "$work/qpdf.json"
	# What the checks below need, from qpdf's JSON (version 2) line by line (bash's own pattern
	# operations on the whole 20 KB text take a second): the link targets (/URI), the link rectangles
	# (the four lines after "/Rect": [), the page count (a "pageposfrom1" per page of the top-level
	# "pages") and the bookmarks (the titles in the top-level "outlines"). A top-level key starts a
	# line two spaces in.
	while IFS= read -r line; do
		if [[ $line == '  "'* ]]; then
			top=${line#'  "'} top=${top%%'"'*}
		elif [ ${#rect[@]} -gt 0 ]; then
			rect+=("${line//[ ,]/}")
			[ ${#rect[@]} -lt 5 ] || { rects+="${rect[*]:1}"$'\n'; rect=(); }
		elif [[ $line == *'"/Rect": ['* ]]; then
			rect=(rect)
		elif [[ $line == *'"/URI": "u:'* && $line =~ \"/URI\":\ \"u:([^\"]*)\" ]]; then
			uris[${BASH_REMATCH[1]}]=1
		elif [ "$top" = pages ] && [[ $line == *'"pageposfrom1":'* ]]; then
			count=$((count + 1))
		elif [ "$top" = outlines ] && [[ $line == *'"title": "'* && $line =~ \"title\":\ \"([^\"]*)\" ]]; then
			titles+=${titles:+$'\n'}${BASH_REMATCH[1]}
		fi
	done <<<"$json"

	# Links: the contact details, each with its scheme, and nothing else.
	for want in "mailto:hande.dong@example.com" "tel:+8600000000000" "https://donghande.github.io/"; do
		[ -n "${uris[$want]+set}" ] || fail "$theme: no link to $want (links: ${!uris[*]})"
	done
	for uri in "${!uris[@]}"; do
		[[ $uri =~ ^(https?|mailto|tel): ]] || fail "$theme: link with another scheme: $uri"
	done
	# Each link rectangle lies on its page, inside the margins (awk compares the decimals).
	[ -n "$rects" ] || fail "$theme: no link rectangles"
	awk 'NF != 4 || $1 < 50 || $3 > 545.3 || $2 < 40 || $4 > 800 { print; bad=1 } END { exit bad }' <<<"${rects%$'\n'}" ||
		fail "$theme: a link rectangle outside the text area"

	# Bookmarks: one per section, in order (the sidebar theme adds its Contact section).
	want="Short Bio
Professional Experience
Education
Projects
Publications"
	[ "$theme" = sidebar ] && want="Contact
Education
Short Bio
Professional Experience
Projects
Publications"
	[ "$titles" = "$want" ] || fail "$theme: bookmarks are: $titles"

	# Determinism: the same input gives the same bytes, with and without SOURCE_DATE_EPOCH.
	# (The end-to-end test's PDF is another process's; again.pdf, this runner's, after other renders.)
	cv - "$en" --theme "$theme" -o "$work/again.pdf"
	cmp -s "$pdf" "$work/again.pdf" || fail "$theme: two renderings differ"
	cv -u SOURCE_DATE_EPOCH - "$en" --theme "$theme" -o "$work/a1.pdf"
	cv -u SOURCE_DATE_EPOCH - "$en" --theme "$theme" -o "$work/a2.pdf"
	cmp -s "$work/a1.pdf" "$work/a2.pdf" || fail "$theme: two renderings without SOURCE_DATE_EPOCH differ"

	# Footers: "n / N" on every page (N: the pages qpdf lists; pdftotext ends each page with a form
	# feed).
	pages=$count
	[ "$pages" -gt 0 ] || fail "$theme: qpdf lists no pages"
	tool "$work/raw.txt" pdftotext -q -raw "$pdf" -
	slurp raw "$work/raw.txt"
	i=0
	while IFS= read -r -d $'\f' page || [ -n "$page" ]; do
		i=$((i + 1))
		[ $i -le "$pages" ] || break
		[[ $'\n'$page$'\n' == *$'\n'"$i / $pages"$'\n'* ]] || missing+=" $i"
	done <<<"$raw"
	[ $i -ge "$pages" ] || fail "$theme: pdftotext gives $i of $pages pages"
	[ -z "$missing" ] || fail "$theme: no footer 'n / $pages' on page(s)$missing"
	return 0
}

part_info() {
# Document information: title "NAME — CV" unless design.pdf_title says otherwise, author, keywords
# (the section titles), creator and language.
local info
en_pdf classic
info=$(pdfinfo "$pdf")
line_matches "$info" '^Title: *Hande Dong — CV$' || fail "title: $info"
line_matches "$info" '^Author: *Hande Dong$' || fail "author"
line_matches "$info" '^Keywords: *Short Bio, Professional Experience, Education, Projects, Publications$' || fail "keywords"
line_matches "$info" '^Creator: *cv2pdf' || fail "creator"
tool "$work/qpdf.json" qpdf --json "$pdf"
slurp info "$work/qpdf.json"
[[ $info == *'"/Lang": "u:en"'* ]] || fail "language"
printf '%sdesign:\n  pdf_title: "Hande Dong, résumé for Example Corp"\n' "$en_text" >"$work/title.yaml"
cv - "$work/title.yaml" -o "$work/title.pdf"
info=$(pdfinfo "$work/title.pdf")
line_matches "$info" '^Title: *Hande Dong, résumé for Example Corp$' || fail "design.pdf_title not used"
	return 0
}

part_updated() {
# The "last updated" line takes its date from SOURCE_DATE_EPOCH (2023-11-14 22:13:20 UTC).
local text page1 page2
printf '%sdesign:\n  last_updated: true\n' "$en_text" >"$work/updated.yaml"
cv - "$work/updated.yaml" -o "$work/updated.pdf"
tool "$work/updated.txt" pdftotext -q -f 1 -l 1 "$work/updated.pdf" -
slurp text "$work/updated.txt"
[[ $text == *"Last updated: 14 November 2023"* ]] || fail "no 'last updated' line"
cv -e SOURCE_DATE_EPOCH=1000000000 - "$work/updated.yaml" -o "$work/updated.pdf"
# Pages 1 and 2, split at pdftotext's form feed.
tool "$work/updated.txt" pdftotext -q -f 1 -l 2 "$work/updated.pdf" -
{ IFS= read -r -d $'\f' page1 || true; IFS= read -r -d $'\f' page2 || true; } <"$work/updated.txt"
[[ $page1 == *"Last updated: 9 September 2001"* ]] || fail "the date does not follow SOURCE_DATE_EPOCH"
[[ $page2 == *"Last updated"* ]] && fail "'last updated' repeated on page 2"
	return 0
}

part_max_pages() {
# --max-pages: two pages fit once spacing and type shrink. One page fits the English example in the
# compact theme (about 7 pt type, tight spacing); the classic theme keeps its generous spacing, cannot
# get there at a legible size, and says so, naming the pages it took.
local err
cv "$work/max2.err" "$en" --max-pages 2 -o "$work/max2.pdf"
max2_made=1
pages_of "$work/max2.pdf"
[ "$pages" = 2 ] || fail "--max-pages 2 did not give 2 pages"
slurp err "$work/max2.err"
[[ $err == *"shrunk to fit 2 pages"* ]] || fail "--max-pages 2: no note"
cv "$work/max1c.err" "$en" --theme compact --max-pages 1 -o "$work/max1c.pdf" || fail "--max-pages 1 (compact) failed"
pages_of "$work/max1c.pdf"
[ "$pages" = 1 ] || fail "--theme compact --max-pages 1 did not give 1 page"
slurp err "$work/max1c.err"
[[ $err == *"shrunk to fit 1 page"* ]] || fail "--max-pages 1 (compact): no note"
tool /dev/null qpdf --check "$work/max1c.pdf"
cv "$work/max1.err" "$en" --max-pages 1 -o "$work/max1.pdf" || fail "--max-pages 1 failed"
pages_of "$work/max1.pdf"
slurp err "$work/max1.err"
line_matches "$err" "does not fit in 1 page .* it takes $pages pages" || fail "--max-pages 1: no warning naming $pages pages"
[ "$pages" -lt 3 ] || fail "--max-pages 1 did not shrink the résumé ($pages pages)"
cv /dev/null "$en" --max-pages 0 -o "$work/x.pdf" && fail "--max-pages 0 accepted"
	return 0
}

# photo.FORMAT in $work for each FORMAT given (png, jpeg): the first page of the résumé (on two
# pages), small; each made once a run of the script (the part max-pages renders that résumé too).
declare -A pictures_made=()
max2_made=""
make_pictures() {
	local format
	[ -n "$max2_made" ] || cv /dev/null "$en" --max-pages 2 -o "$work/max2.pdf"
	max2_made=1
	for format in "$@"; do
		[ -z "${pictures_made[$format]:-}" ] || continue
		pdftoppm -r 20 "-$format" -f 1 -l 1 -singlefile "$work/max2.pdf" "$work/photo"
		pictures_made[$format]=1
	done
}

part_photos() {
# The photo: PNG and JPEG, placed by each theme inside the margins; a missing one is a warning at
# its line, and the résumé is still written. The pictures are a page of the résumé.
make_pictures png jpeg
for pic in photo.png photo.jpg; do
	with_photo "$pic"
	for theme in classic sidebar compact; do
		cv "$work/photo.err" "$work/photo.yaml" --theme "$theme" -o "$work/photo.pdf"
		[ ! -s "$work/photo.err" ] || { cat "$work/photo.err"; fail "$theme $pic: diagnostics"; }
		images_on list "$work/photo.pdf"
		[[ -n $list && $list != *$'\n'* && $list =~ ^\ *1\  ]] || fail "$theme $pic: not one image on page 1: $list"
		cv_tool /dev/null "$work/tool.err" qpdf --check "$work/photo.pdf" || { cv_cat "$work/tool.err"; fail "$theme $pic: qpdf --check"; }
	done
done
	return 0
}

part_photo_errors() {
local err
make_pictures jpeg
with_photo missing.png
cv "$work/photo.err" "$work/photo.yaml" -o "$work/photo.pdf" || fail "a missing photo is fatal"
slurp err "$work/photo.err"
[[ $err == *"photo.yaml:3:10: warning: cv.photo: cannot open"* ]] || { echo "$err"; fail "missing photo: no warning at its line"; }
# Pictures libharu's libpng would abort on, or that a PDF cannot hold, are refused before it sees them;
# interlaced ones and transparency are decoded here and embedded as pixels.
photos="$src/tests/e2e/photos"
head -c 2000 "$work/photo.jpg" >"$work/cut.jpg"
for pic in "$photos/rgba.png" "$photos/palette.png" "$photos/interlaced.png" "$photos/bad-filter.png" \
	"$photos/truncated.png" "$work/cut.jpg"; do
	with_photo "$pic"
	: >"$work/photo.pdf" # emptied: the last picture's PDF must not pass for this one's
	cv "$work/photo.err" "$work/photo.yaml" -o "$work/photo.pdf" || fail "$pic: exit status $?"
	images_on list "$work/photo.pdf"
	slurp err "$work/photo.err"
	case $pic in
	*rgba.png | *palette.png | *interlaced.png)
		[ "$images" = 1 ] && [ -z "$err" ] || fail "$pic: not embedded" ;;
	*.png) [[ $err == *"is a damaged PNG"* ]] && [ "$images" = 0 ] || fail "$pic: no warning" ;;
	*.jpg) [[ $err == *"is a damaged JPEG"* ]] && [ "$images" = 0 ] || fail "$pic: no warning" ;;
	esac
done
printf 'not a picture' >"$work/bad.png"
with_photo bad.png
cv "$work/photo.err" "$work/photo.yaml" -o "$work/photo.pdf" || fail "a bad photo is fatal"
slurp err "$work/photo.err"
[[ $err == *"is not a PNG or JPEG picture"* ]] || fail "bad photo: no warning"
	return 0
}

part_theme_names() {
# Theme names: RenderCV's are presets of their own (tests/themes/ checks how they look); an unknown
# one is an error (exit 1) with the known names.
local out err status=0
cv_run "$work/names.out" "$work/names.err" "$en" --theme moderncv -o "$work/x.pdf" || true
slurp out "$work/names.out"
slurp err "$work/names.err"
[ -z "$out$err" ] || fail "a RenderCV theme gives a diagnostic"
cv_run "$work/names.out" "$work/names.err" "$en" --theme wavy -o "$work/x.pdf" || status=$?
slurp out "$work/names.out"
slurp err "$work/names.err"
[[ $out$err == *'unknown theme "wavy"'* ]] && [ "$status" = 1 ] || fail "an unknown theme is not an error"
	return 0
}

[ $# -gt 0 ] || set -- theme=classic theme=sidebar theme=compact info updated max-pages photos photo-errors theme-names
parts_left=" $*"
for part in "$@"; do
	case $part in
	theme=*) part_theme "${part#theme=}" ;;
	*) "part_${part//-/_}" ;;
	esac
	parts_left=${parts_left# "$part"}
	echo "ok: $part"
done
cv_batch_stop
parts_left=""
echo "ok: features $*"
