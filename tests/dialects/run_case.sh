#!/usr/bin/env bash
# Runs one case of the dialect corpus: run_case.sh CV2PDF SOURCE_DIR CASE_FILE [SCRATCH_DIR]
# Each case is a résumé in one dialect (JSON Resume, YAMLResume, RenderCV of some release), written for
# cv2pdf's tests, whose first comment lines (in a .json case: a "//" line is not JSON, so the case's
# header lives in a file of the same name ending in .expect) say what the PDF must show:
#   # args: ARGS         extra arguments after the input and -o (word-split by the shell)
#   # warnings: N        exactly N warnings (diagnostics "file:line:col: warning: ..."); default 0
#   # expect: TEXT       a diagnostic's first line contains TEXT (repeatable)
#   # text: WORDS        the PDF's text (pdftotext, white space collapsed) contains WORDS (repeatable)
#   # absent: WORDS      ... and does not contain WORDS (repeatable)
#   # order: A | B | C   A, B and C appear in the PDF's text in this order
#   # uris: URI ...      the link annotations include these URIs
#   # model: TEXT        --dump=model's output contains TEXT (markup the PDF's text cannot show)
#   # info: TEXT         pdfinfo's output contains TEXT (a line such as "Page size: 612 x 792 pts")
# Checked every time: exit status 0, no error, qpdf --check without warnings.
# SCRATCH_DIR: an empty folder for the case's files, else a temporary one is made (errors/scratch.sh).
# As errors/run_case.c does, the runner reads and checks with bash itself (read, patterns): the
# processes are cv2pdf, qpdf, pdftotext, and qpdf --qdf, cv2pdf --dump, pdfinfo when the case asks.
set -uo pipefail
bin=$1
src=$2
case_file=$3
cd "$src" || exit 1
CASE=${case_file#"$src"/}
source "$src/tests/errors/scratch.sh"
scratch_dir "${4:-}"
[ $own_tmp = 0 ] || trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/out.pdf

fail() {
	echo "FAIL $CASE: $*" >&2
	exit 1
}

spec=$CASE
[ -f "${CASE%.*}.expect" ] && spec=${CASE%.*}.expect
# The header: each field's lines, newline-separated.
declare -A field=([args]="" [warnings]="" [expect]="" [text]="" [absent]="" [order]="" [uris]="" [model]="" [info]="")
while IFS= read -r line && [[ $line == '#'* ]]; do
	[[ $line =~ ^#\ ([a-z]+):\ (.*)$ ]] || continue
	key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
	[ -n "${field[$key]+set}" ] || continue
	field[$key]+=${field[$key]:+$'\n'}$value
done <"$spec"
want_warnings=${field[warnings]}
# contains TEXT NEEDLE: NEEDLE is in TEXT (as grep -F finds a line of TEXT holding it).
contains() { [[ $1 == *"$2"* ]]; }
# lines_of VAR FILE: the file's text in VAR, trailing newlines kept.
lines_of() { IFS= read -r -d '' "$1" <"$2"; }

export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
eval "set -- ${field[args]}"
# shellcheck disable=SC2086 # the wrapper (valgrind and its options) is a list of words
timeout "${CV2PDF_TEST_TIMEOUT:-10}" ${CV2PDF_TEST_WRAPPER:-} "$bin" "$CASE" -o "$OUT" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
status=$?
# The diagnostics: stderr without the source excerpts ("   12 | text").
diags="" errors=0 warnings=0
while IFS= read -r line || [ -n "$line" ]; do
	[[ ! $line =~ ^\ *[0-9]*\ \|\  ]] || continue
	diags+=$line$'\n'
	[[ $line != *': error: '* ]] || errors=$((errors + 1))
	[[ ! $line =~ ^[^\ ].*:\ warning:\  ]] || warnings=$((warnings + 1))
done <"$TMP/stderr"
show() {
	echo "--- stderr"
	lines_of all "$TMP/stderr"
	printf '%s' "$all"
}
[ "$status" -eq 0 ] || { show; fail "exit status $status"; }
[ $errors -eq 0 ] || { show; fail "an error"; }
[ "$warnings" -eq "${want_warnings:-0}" ] || { show; fail "$warnings warnings, expected ${want_warnings:-0}"; }
while IFS= read -r e; do
	[ -z "$e" ] || contains "$diags" "$e" || { show; fail "no diagnostic with '$e'"; }
done <<<"${field[expect]}"

qpdf --check "$OUT" >"$TMP/qpdf" 2>&1 || { cat "$TMP/qpdf"; fail "qpdf --check failed"; }
lines_of check "$TMP/qpdf"
[[ ${check,,} != *warning* ]] || { cat "$TMP/qpdf"; fail "qpdf --check warned"; }
# The PDF's text with line and page ends read as spaces, and runs of spaces as one.
text=""
IFS= read -r -d '' text < <(pdftotext -q "$OUT" -)
text=${text//[$'\n\f']/ }
while [[ $text == *'  '* ]]; do text=${text//'  '/ }; done
while IFS= read -r t; do
	[ -z "$t" ] || contains "$text" "$t" || { echo "--- text"; echo "$text"; fail "the PDF lacks '$t'"; }
done <<<"${field[text]}"
while IFS= read -r t; do
	[ -z "$t" ] || ! contains "$text" "$t" || { echo "--- text"; echo "$text"; fail "the PDF shows '$t'"; }
done <<<"${field[absent]}"
order=${field[order]}
if [ -n "$order" ]; then
	rest=$text
	IFS='|' read -ra parts <<<"$order"
	for p in "${parts[@]}"; do
		p=${p#"${p%%[! ]*}"}
		p=${p%"${p##*[! ]}"}
		case "$rest" in
		*"$p"*) rest=${rest#*"$p"} ;;
		*) echo "--- text"; echo "$text"; fail "'$p' is not where the order '$order' puts it" ;;
		esac
	done
fi
uris=${field[uris]}
if [ -n "$uris" ]; then
	# The link annotations' targets: the /URI lines of qpdf's QDF form.
	got_uris=$'\n'
	while IFS= read -r line; do
		[[ ! $line =~ ^\ */URI\ \((.*)\)$ ]] || got_uris+=${BASH_REMATCH[1]}$'\n'
	done < <(qpdf --qdf --object-streams=disable "$OUT" -)
	for u in $uris; do
		contains "$got_uris" $'\n'"$u"$'\n' || { echo "--- links"; printf '%s' "${got_uris#$'\n'}"; fail "no link to $u"; }
	done
fi
models=${field[model]}
if [ -n "$models" ]; then
	model=$("$bin" "$CASE" --dump=model "$@" 2>/dev/null)
	while IFS= read -r t; do
		contains "$model" "$t" || { echo "--- model"; echo "$model"; fail "the model lacks '$t'"; }
	done <<<"$models"
fi
infos=${field[info]}
if [ -n "$infos" ]; then
	info=$(pdfinfo "$OUT")
	while IFS= read -r t; do
		contains "$info" "$t" || { echo "--- pdfinfo"; echo "$info"; fail "pdfinfo lacks '$t'"; }
	done <<<"$infos"
fi
echo "ok $CASE ($warnings warnings)"
