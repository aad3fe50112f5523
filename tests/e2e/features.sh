#!/usr/bin/env bash
# End-to-end checks of the PDF features, in every theme: link annotations and their targets (only
# http, https, mailto and tel), a bookmark per section, byte-identical output, page-number footers
# and the "last updated" line, no section heading left at the bottom of a page, --max-pages, the
# photo (PNG and JPEG, and a missing one), and theme names. The parts are independent, so that CTest
# runs them side by side (tests/CMakeLists.txt); the keep rules of the examples are checked by
# run_example.sh on the PDFs it makes.
# Usage: features.sh CV2PDF SOURCE_DIR WORK_DIR PART...   (parts: theme=NAME info updated max-pages
# photos photo-errors theme-names)
set -euo pipefail
# (No "cmd | grep -q": with pipefail, grep quitting early can fail the pipeline on cmd's SIGPIPE.)
cv2pdf=$1 src=$2 work=$3
shift 3
mkdir -p "$work"
export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
fail() { echo "FAIL: $*"; exit 1; }
en="$src/examples/english_cv.yaml"

# The page count of a PDF.
pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# slurp VAR FILE: the file's text in VAR, read by bash itself (a grep of a small file is a process).
slurp() { IFS= read -r -d '' "$1" <"$2" || true; }
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
	local theme=$1
	pdf="$work/en-$theme.pdf"
	"$cv2pdf" "$en" --theme "$theme" -o "$pdf"
	json=$(qpdf --json "$pdf")

	# Links: the contact details, each with its scheme, and nothing else.
	uris=$(grep -o '"/URI": "u:[^"]*"' <<<"$json" | sed 's/.*"u://; s/"$//' | sort -u)
	for want in "mailto:hande.dong@example.com" "tel:+8600000000000" "https://donghande.github.io/"; do
		grep -qxF "$want" <<<"$uris" || fail "$theme: no link to $want (links: $uris)"
	done
	bad=$(grep -vE '^(https?|mailto|tel):' <<<"$uris" || true)
	[ -z "$bad" ] || fail "$theme: link with another scheme: $bad"
	# Each link rectangle lies on its page, inside the margins.
	rects=$(grep -A6 '"/Rect": \[' <<<"$json" | grep -oE '^ +-?[0-9.]+,?$' | tr -d ' ,' | paste - - - -)
	[ -n "$rects" ] || fail "$theme: no link rectangles"
	awk '$1 < 50 || $3 > 545.3 || $2 < 40 || $4 > 800 { print; bad=1 } END { exit bad }' <<<"$rects" ||
		fail "$theme: a link rectangle outside the text area"

	# Bookmarks: one per section, in order (the sidebar theme adds its Contact section).
	titles=$(qpdf --json --json-key=outlines "$pdf" | grep -o '"title": "[^"]*"' | sed 's/"title": "//; s/"$//')
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
	"$cv2pdf" "$en" --theme "$theme" -o "$work/again.pdf"
	cmp -s "$pdf" "$work/again.pdf" || fail "$theme: two renderings differ"
	env -u SOURCE_DATE_EPOCH "$cv2pdf" "$en" --theme "$theme" -o "$work/a1.pdf"
	env -u SOURCE_DATE_EPOCH "$cv2pdf" "$en" --theme "$theme" -o "$work/a2.pdf"
	cmp -s "$work/a1.pdf" "$work/a2.pdf" || fail "$theme: two renderings without SOURCE_DATE_EPOCH differ"

	# Footers: "n / N" on every page (pdftotext ends each page with a form feed).
	pages=$(pages_of "$pdf")
	missing=$(pdftotext -q -raw "$pdf" - | awk -v n="$pages" -v RS='\f' 'NR <= n && $0 !~ ("(^|\n)" NR " / " n "(\n|$)") { print NR }')
	[ -z "$missing" ] || fail "$theme: no footer 'n / $pages' on page(s) $missing"
	return 0
}

part_info() {
# Document information: title "NAME — CV" unless design.pdf_title says otherwise, author, keywords
# (the section titles), creator and language.
"$cv2pdf" "$en" -o "$work/en-classic.pdf"
info=$(pdfinfo "$work/en-classic.pdf")
grep -q "^Title: *Hande Dong — CV$" <<<"$info" || fail "title: $info"
grep -q "^Author: *Hande Dong$" <<<"$info" || fail "author"
grep -q "^Keywords: *Short Bio, Professional Experience, Education, Projects, Publications$" <<<"$info" || fail "keywords"
grep -q "^Creator: *cv2pdf" <<<"$info" || fail "creator"
grep -q '"/Lang": "u:en"' <<<"$(qpdf --json "$work/en-classic.pdf")" || fail "language"
{ cat "$en"; printf 'design:\n  pdf_title: "Hande Dong, résumé for Example Corp"\n'; } >"$work/title.yaml"
"$cv2pdf" "$work/title.yaml" -o "$work/title.pdf"
grep -q "^Title: *Hande Dong, résumé for Example Corp$" <<<"$(pdfinfo "$work/title.pdf")" || fail "design.pdf_title not used"
	return 0
}

part_updated() {
# The "last updated" line takes its date from SOURCE_DATE_EPOCH (2023-11-14 22:13:20 UTC).
{ cat "$en"; printf 'design:\n  last_updated: true\n'; } >"$work/updated.yaml"
"$cv2pdf" "$work/updated.yaml" -o "$work/updated.pdf"
grep -q "Last updated: 14 November 2023" <<<"$(pdftotext -q -f 1 -l 1 "$work/updated.pdf" -)" || fail "no 'last updated' line"
SOURCE_DATE_EPOCH=1000000000 "$cv2pdf" "$work/updated.yaml" -o "$work/updated.pdf"
grep -q "Last updated: 9 September 2001" <<<"$(pdftotext -q -f 1 -l 1 "$work/updated.pdf" -)" || fail "the date does not follow SOURCE_DATE_EPOCH"
grep -q "Last updated" <<<"$(pdftotext -q -f 2 -l 2 "$work/updated.pdf" -)" && fail "'last updated' repeated on page 2"
	return 0
}

part_max_pages() {
# --max-pages: two pages fit once spacing and type shrink. One page fits the English example in the
# compact theme (about 7 pt type, tight spacing); the classic theme keeps its generous spacing, cannot
# get there at a legible size, and says so, naming the pages it took.
"$cv2pdf" "$en" --max-pages 2 -o "$work/max2.pdf" 2>"$work/max2.err"
[ "$(pdfinfo "$work/max2.pdf" | awk '/^Pages:/ { print $2 }')" = 2 ] || fail "--max-pages 2 did not give 2 pages"
grep -q "shrunk to fit 2 pages" "$work/max2.err" || fail "--max-pages 2: no note"
"$cv2pdf" "$en" --theme compact --max-pages 1 -o "$work/max1c.pdf" 2>"$work/max1c.err" || fail "--max-pages 1 (compact) failed"
[ "$(pdfinfo "$work/max1c.pdf" | awk '/^Pages:/ { print $2 }')" = 1 ] || fail "--theme compact --max-pages 1 did not give 1 page"
grep -q "shrunk to fit 1 page" "$work/max1c.err" || fail "--max-pages 1 (compact): no note"
qpdf --check "$work/max1c.pdf" >/dev/null || fail "--max-pages 1 (compact): qpdf"
"$cv2pdf" "$en" --max-pages 1 -o "$work/max1.pdf" 2>"$work/max1.err" || fail "--max-pages 1 failed"
got=$(pdfinfo "$work/max1.pdf" | awk '/^Pages:/ { print $2 }')
grep -q "does not fit in 1 page .* it takes $got pages" "$work/max1.err" || fail "--max-pages 1: no warning naming $got pages"
[ "$got" -lt 3 ] || fail "--max-pages 1 did not shrink the résumé ($got pages)"
"$cv2pdf" "$en" --max-pages 0 -o "$work/x.pdf" 2>/dev/null && fail "--max-pages 0 accepted"
	return 0
}

# photo.png and photo.jpg in $work: the first page of the résumé, small.
make_pictures() {
	"$cv2pdf" "$en" --max-pages 2 -o "$work/max2.pdf" 2>/dev/null
	pdftoppm -r 20 -png -f 1 -l 1 -singlefile "$work/max2.pdf" "$work/photo"
	pdftoppm -r 20 -jpeg -f 1 -l 1 -singlefile "$work/max2.pdf" "$work/photo"
}

part_photos() {
# The photo: PNG and JPEG, placed by each theme inside the margins; a missing one is a warning at
# its line, and the résumé is still written. The pictures are a page of the résumé.
make_pictures
for pic in photo.png photo.jpg; do
	for theme in classic sidebar compact; do
		sed "s|^  name: Hande Dong|  name: Hande Dong\n  photo: $pic|" "$en" >"$work/photo.yaml"
		"$cv2pdf" "$work/photo.yaml" --theme "$theme" -o "$work/photo.pdf" 2>"$work/photo.err"
		[ ! -s "$work/photo.err" ] || { cat "$work/photo.err"; fail "$theme $pic: diagnostics"; }
		images_on list "$work/photo.pdf"
		[[ -n $list && $list != *$'\n'* && $list =~ ^\ *1\  ]] || fail "$theme $pic: not one image on page 1: $list"
		qpdf --check "$work/photo.pdf" >/dev/null || fail "$theme $pic: qpdf --check"
	done
done
	return 0
}

part_photo_errors() {
make_pictures
sed "s|^  name: Hande Dong|  name: Hande Dong\n  photo: missing.png|" "$en" >"$work/photo.yaml"
"$cv2pdf" "$work/photo.yaml" -o "$work/photo.pdf" 2>"$work/photo.err" || fail "a missing photo is fatal"
grep -q "photo.yaml:3:10: warning: cv.photo: cannot open" "$work/photo.err" || { cat "$work/photo.err"; fail "missing photo: no warning at its line"; }
# Pictures libharu's libpng would abort on, or that a PDF cannot hold, are refused before it sees them;
# interlaced ones and transparency are decoded here and embedded as pixels.
photos="$src/tests/e2e/photos"
head -c 2000 "$work/photo.jpg" >"$work/cut.jpg"
for pic in "$photos/rgba.png" "$photos/palette.png" "$photos/interlaced.png" "$photos/bad-filter.png" \
	"$photos/truncated.png" "$work/cut.jpg"; do
	sed "s|^  name: Hande Dong|  name: Hande Dong\n  photo: $pic|" "$en" >"$work/photo.yaml"
	rm -f "$work/photo.pdf"
	"$cv2pdf" "$work/photo.yaml" -o "$work/photo.pdf" 2>"$work/photo.err" || fail "$pic: exit status $?"
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
sed "s|^  name: Hande Dong|  name: Hande Dong\n  photo: bad.png|" "$en" >"$work/photo.yaml"
"$cv2pdf" "$work/photo.yaml" -o "$work/photo.pdf" 2>"$work/photo.err" || fail "a bad photo is fatal"
grep -q "is not a PNG or JPEG picture" "$work/photo.err" || fail "bad photo: no warning"
	return 0
}

part_theme_names() {
# Theme names: RenderCV's are presets of their own (tests/themes/ checks how they look); an unknown
# one is an error (exit 1) with the known names.
[ -z "$("$cv2pdf" "$en" --theme moderncv -o "$work/x.pdf" 2>&1)" ] || fail "a RenderCV theme gives a diagnostic"
status=0
out=$("$cv2pdf" "$en" --theme wavy -o "$work/x.pdf" 2>&1) || status=$?
grep -q 'unknown theme "wavy"' <<<"$out" && [ "$status" = 1 ] || fail "an unknown theme is not an error"
	return 0
}

[ $# -gt 0 ] || set -- theme=classic theme=sidebar theme=compact info updated max-pages photos photo-errors theme-names
for part in "$@"; do
	case $part in
	theme=*) part_theme "${part#theme=}" ;;
	*) "part_${part//-/_}" ;;
	esac
done
echo "ok: features $*"
