#!/usr/bin/env bash
# Runs one case of the dialect corpus: run_case.sh CV2PDF SOURCE_DIR CASE_FILE
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
set -uo pipefail
bin=$1
src=$2
case_file=$3
cd "$src" || exit 1
CASE=${case_file#"$src"/}
TMP=$(mktemp -d)
OUT=$TMP/out.pdf
trap 'rm -rf "$TMP"' EXIT

fail() {
	echo "FAIL $CASE: $*" >&2
	exit 1
}

spec=$CASE
[ -f "${CASE%.*}.expect" ] && spec=${CASE%.*}.expect
header=$(sed -n '/^#/!q;p' "$spec")
field() { sed -n "s/^# $1: //p" <<<"$header"; }
args=$(field args)
want_warnings=$(field warnings)

export SOURCE_DATE_EPOCH=1700000000 CV2PDF_FONT_DIR="$src/fonts"
eval "set -- $args"
# shellcheck disable=SC2086 # the wrapper (valgrind and its options) is a list of words
timeout "${CV2PDF_TEST_TIMEOUT:-10}" ${CV2PDF_TEST_WRAPPER:-} "$bin" "$CASE" -o "$OUT" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
status=$?
diags=$(grep -Ev '^ *[0-9]* \| ' "$TMP/stderr")
show() {
	echo "--- stderr"
	cat "$TMP/stderr"
}
[ "$status" -eq 0 ] || { show; fail "exit status $status"; }
! grep -q ': error: ' <<<"$diags" || { show; fail "an error"; }
warnings=$(grep -c '^[^ ].*: warning: ' <<<"$diags")
[ "$warnings" -eq "${want_warnings:-0}" ] || { show; fail "$warnings warnings, expected ${want_warnings:-0}"; }
while IFS= read -r e; do
	[ -z "$e" ] || grep -qF -- "$e" <<<"$diags" || { show; fail "no diagnostic with '$e'"; }
done <<<"$(field expect)"

qpdf --check "$OUT" >"$TMP/qpdf" 2>&1 || { cat "$TMP/qpdf"; fail "qpdf --check failed"; }
! grep -qi warning "$TMP/qpdf" || { cat "$TMP/qpdf"; fail "qpdf --check warned"; }
text=$(pdftotext -q "$OUT" - | tr -s ' \n\f' '   ')
while IFS= read -r t; do
	[ -z "$t" ] || grep -qF -- "$t" <<<"$text" || { echo "--- text"; echo "$text"; fail "the PDF lacks '$t'"; }
done <<<"$(field text)"
while IFS= read -r t; do
	[ -z "$t" ] || ! grep -qF -- "$t" <<<"$text" || { echo "--- text"; echo "$text"; fail "the PDF shows '$t'"; }
done <<<"$(field absent)"
order=$(field order)
if [ -n "$order" ]; then
	rest=$text
	IFS='|' read -ra parts <<<"$order"
	for p in "${parts[@]}"; do
		p=$(sed 's/^ *//; s/ *$//' <<<"$p")
		case "$rest" in
		*"$p"*) rest=${rest#*"$p"} ;;
		*) echo "--- text"; echo "$text"; fail "'$p' is not where the order '$order' puts it" ;;
		esac
	done
fi
uris=$(field uris)
if [ -n "$uris" ]; then
	got_uris=$(qpdf --qdf --object-streams=disable "$OUT" - | sed -n 's/^ *\/URI (\(.*\))$/\1/p')
	for u in $uris; do
		grep -qxF -- "$u" <<<"$got_uris" || { echo "--- links"; echo "$got_uris"; fail "no link to $u"; }
	done
fi
models=$(field model)
if [ -n "$models" ]; then
	model=$("$bin" "$CASE" --dump=model "$@" 2>/dev/null)
	while IFS= read -r t; do
		grep -qF -- "$t" <<<"$model" || { echo "--- model"; echo "$model"; fail "the model lacks '$t'"; }
	done <<<"$models"
fi
infos=$(field info)
if [ -n "$infos" ]; then
	info=$(pdfinfo "$OUT")
	while IFS= read -r t; do
		grep -qF -- "$t" <<<"$info" || { echo "--- pdfinfo"; echo "$info"; fail "pdfinfo lacks '$t'"; }
	done <<<"$infos"
fi
echo "ok $CASE ($warnings warnings)"
