#!/usr/bin/env bash
# Runs one case of the bad-input catalogue: run_case.sh CV2PDF SOURCE_DIR CASE_FILE
# The case file starts with comment lines that say what must happen:
#   # exit N          the expected exit status (required)
#   # expect: TEXT    one line per diagnostic, in order: the first line of each ("file:line:col:
#                     error: message" or "cv2pdf: ..."), compared verbatim. $TMP stands for the
#                     case's scratch directory. None means stderr must be empty.
#   # setup: SHELL    run in $TMP before cv2pdf (generate huge or pathological inputs at test time)
#   # args: ARGS      cv2pdf's arguments, word-split by the shell after expanding $CASE (the case
#                     file, relative to the source tree), $TMP and $OUT; default: "$CASE" -o "$OUT"
#   # stdin: FILE     standard input (after expanding $TMP); default: /dev/null
#   # env: NAME=VALUE  set in cv2pdf's environment (one per line)
#   # after: SHELL    must succeed when run in $TMP after cv2pdf (files made, links left alone)
#   # text: WORDS     with exit 0: pdftotext of the output must contain WORDS
#   # uris: URI...    with exit 0: the output's link annotations point at exactly these URIs
# Checked every time: the exit status; stderr holds nothing but the expected diagnostics and their
# source excerpts (a sanitizer report or a crash message fails the case); no hang (5 s, or
# $CV2PDF_TEST_TIMEOUT under $CV2PDF_TEST_WRAPPER, a command such as valgrind run before cv2pdf); the
# pre-existing $OUT is byte-for-byte untouched on failure, and on success replaced by a PDF that
# passes qpdf --check without warnings; no temporary file (.cv2pdf-*) is left behind.
set -uo pipefail
bin=$1
src=$2
case_file=$3
cd "$src" || exit 1
CASE=${case_file#"$src"/}
SRC=$src
TMP=$(mktemp -d)
OUT=$TMP/out.pdf
export CASE SRC TMP OUT
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT

fail() {
	echo "FAIL $CASE: $*" >&2
	exit 1
}

header=$(sed -n '/^#/!q;p' "$CASE")
want_exit=$(sed -n 's/^# exit \([0-9]*\)$/\1/p' <<<"$header")
[ -n "$want_exit" ] || fail "no '# exit N' line"
expect=$(sed -n 's/^# expect: //p' <<<"$header" | sed "s|\\\$TMP|$TMP|g")
setup=$(sed -n 's/^# setup: //p' <<<"$header")
args=$(sed -n 's/^# args: //p' <<<"$header")
text=$(sed -n 's/^# text: //p' <<<"$header")
uris=$(sed -n 's/^# uris: //p' <<<"$header")
stdin=$(sed -n 's/^# stdin: //p' <<<"$header" | sed "s|\\\$TMP|$TMP|g")
mapfile -t envs < <(sed -n 's/^# env: //p' <<<"$header")
after=$(sed -n 's/^# after: //p' <<<"$header")

if [ -n "$setup" ]; then
	(cd "$TMP" && eval "$setup") || fail "setup failed"
fi
printf 'a pre-existing output file\n' >"$OUT"
cp "$OUT" "$TMP/before"

eval "set -- ${args:-\"\$CASE\" -o \"\$OUT\"}"
start=$(date +%s%N)
# shellcheck disable=SC2086 # the wrapper (valgrind and its options) is a list of words
env "${envs[@]}" timeout "${CV2PDF_TEST_TIMEOUT:-5}" ${CV2PDF_TEST_WRAPPER:-} "$bin" "$@" <"${stdin:-/dev/null}" >"$TMP/stdout" 2>"$TMP/stderr"
status=$?
ms=$((($(date +%s%N) - start) / 1000000))
[ $status -ne 124 ] || fail "timed out after ${CV2PDF_TEST_TIMEOUT:-5} s (a hang)"

# Every line of stderr but the source excerpts ("   12 | text" and the caret line under it) must be
# expected: a sanitizer report or a crash message fails the case.
got=$(grep -Ev '^ *[0-9]* \| ' "$TMP/stderr")
if [ "$got" != "$expect" ]; then
	echo "--- expected diagnostics"
	printf '%s\n' "$expect"
	echo "--- actual stderr"
	cat "$TMP/stderr"
	fail "diagnostics differ"
fi
[ "$status" -eq "$want_exit" ] || fail "exit status $status, expected $want_exit"

if [ "$status" -ne 0 ]; then
	cmp -s "$OUT" "$TMP/before" || fail "the pre-existing output file was changed"
	[ ! -s "$TMP/stdout" ] || fail "wrote to standard output on failure"
elif ! cmp -s "$OUT" "$TMP/before"; then
	qpdf --check "$OUT" >"$TMP/qpdf" 2>&1 || { cat "$TMP/qpdf"; fail "qpdf --check failed"; }
	! grep -qi warning "$TMP/qpdf" || { cat "$TMP/qpdf"; fail "qpdf --check warned"; }
fi
if [ "$status" -eq 0 ] && [ -n "$text" ]; then
	pdftotext -q "$OUT" - | tr -s ' \n' '  ' | grep -qF "$text" || fail "the PDF lacks the text '$text'"
fi
if [ "$status" -eq 0 ] && [ -n "$uris" ]; then
	got_uris=$(qpdf --qdf --object-streams=disable "$OUT" - | sed -n 's/^ *\/URI (\(.*\))$/\1/p' | sort | xargs)
	[ "$got_uris" = "$(xargs -n1 <<<"$uris" | sort | xargs)" ] || fail "links: got '$got_uris', expected '$uris'"
fi
if [ -n "$after" ]; then
	(cd "$TMP" && eval "$after") || fail "the check after the run failed: $after"
fi
leftover=$(find "$TMP" "$src/tests/errors" -name '.cv2pdf-*' 2>/dev/null)
[ -z "$leftover" ] || fail "temporary files left behind: $leftover"
echo "ok $CASE (exit $status, ${ms} ms)"
