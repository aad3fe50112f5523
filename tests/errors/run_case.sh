#!/usr/bin/env bash
# Runs one case of the bad-input catalogue: run_case.sh CV2PDF SOURCE_DIR CASE_FILE [SCRATCH_DIR]
# The case file starts with comment lines that say what must happen:
#   # exit N          the expected exit status (required)
#   # expect: TEXT    one line per diagnostic, in order: the first line of each ("file:line:col:
#                     error: message" or "cv2pdf: ..."), compared verbatim. $TMP stands for the
#                     case's scratch directory. None means stderr must be empty.
#   # setup: SHELL    run in $TMP before cv2pdf (generate huge or pathological inputs at test time)
#   # args: ARGS      cv2pdf's arguments, word-split by the shell after expanding $CASE (the case
#                     file, relative to the source tree), $TMP and $OUT; default: "$CASE" -o "$OUT"
#   # stdin: FILE     standard input (after expanding $TMP); default: /dev/null
#   # env: NAME=VALUE the environment of cv2pdf and of the checks after it has this too ($TMP and
#                     $SRC expanded); one line each
#   # after: SHELL    must succeed when run in $TMP after cv2pdf, one line per check, each on its own
#                     (files made, links left alone; $BIN is the program: say, pdffonts "$OUT" | grep
#                     -q NotoSerif, or $BIN "$SRC/$CASE" --dump=layout | grep ...)
#   # text: WORDS     with exit 0: pdftotext of the output must contain WORDS (one of them, when
#                     there are several such lines)
#   # uris: URI...    with exit 0: the output's link annotations point at exactly these URIs
# Checked every time: the exit status; stderr holds nothing but the expected diagnostics and their
# source excerpts (a sanitizer report or a crash message fails the case); no hang (5 s, or
# $CV2PDF_TEST_TIMEOUT under $CV2PDF_TEST_WRAPPER, a command such as valgrind run before cv2pdf); the
# pre-existing $OUT is byte-for-byte untouched on failure, and on success replaced by a PDF that
# passes qpdf --check without warnings; no temporary file (.cv2pdf-*) is left behind.
# The case's scratch folder ($TMP) is SCRATCH_DIR when that is an empty folder, else a new temporary
# folder removed at the end (scratch.sh).
# The runner runs for each of some two hundred cases, so it forks as little as it can: the header is
# read with bash's own read, the clock is $EPOCHREALTIME, and the checks are bash patterns on text
# read into variables; what is left is cv2pdf under timeout, qpdf on success, pdftotext for 'text:',
# and the case's own setup and after lines.
set -uo pipefail
bin=$1
src=$2
case_file=$3
cd "$src" || exit 1
CASE=${case_file#"$src"/}
SRC=$src
BIN=$bin
source "$src/tests/errors/scratch.sh"
scratch_dir "${4:-}"
OUT=$TMP/out.pdf
export CASE SRC BIN TMP OUT

fail() {
	echo "FAIL $CASE: $*" >&2
	exit 1
}

want_exit="" expect="" setup="" args="" text="" uris="" stdin="" after="" envs=()
add_line() { # add_line VAR LINE: appends LINE to the newline-separated list in VAR
	local -n list=$1
	list+=${list:+$'\n'}$2
}
while IFS= read -r line && [[ $line == '#'* ]]; do
	case $line in
	'# exit '*) want_exit=${line#'# exit '} ;;
	'# expect: '*) add_line expect "${line#'# expect: '}" ;;
	'# setup: '*) add_line setup "${line#'# setup: '}" ;;
	'# args: '*) args=${line#'# args: '} ;;
	'# text: '*) add_line text "${line#'# text: '}" ;;
	'# uris: '*) uris=${line#'# uris: '} ;;
	'# stdin: '*) stdin=${line#'# stdin: '} ;;
	'# env: '*) envs+=("${line#'# env: '}") ;;
	'# after: '*) add_line after "${line#'# after: '}" ;;
	esac
done <"$CASE"
[[ $want_exit =~ ^[0-9]+$ ]] || fail "no '# exit N' line"
expect=${expect//'$TMP'/$TMP}
for i in "${!envs[@]}"; do
	envs[i]=${envs[i]//'$TMP'/$TMP}
	envs[i]=${envs[i]//'$SRC'/$SRC}
done
stdin=${stdin//'$TMP'/$TMP}
# A setup may leave folders without write permission (to test refusals): give it back first, so
# that the folder can be removed (here, or by the next run's errors_scratch).
if [ -n "$setup" ]; then
	if [ $own_tmp = 1 ]; then
		trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
	else
		trap 'chmod -R u+rwx "$TMP" 2>/dev/null' EXIT
	fi
elif [ $own_tmp = 1 ]; then
	trap 'rm -rf "$TMP"' EXIT
fi

if [ -n "$setup" ]; then
	(cd "$TMP" && eval "$setup") || fail "setup failed"
fi
before='a pre-existing output file'
printf '%s\n' "$before" >"$OUT"

eval "set -- ${args:-\"\$CASE\" -o \"\$OUT\"}"
start=$EPOCHREALTIME
# shellcheck disable=SC2086 # the wrapper (valgrind and its options) is a list of words
(
	[ ${#envs[@]} -eq 0 ] || export "${envs[@]}"
	exec timeout "${CV2PDF_TEST_TIMEOUT:-5}" ${CV2PDF_TEST_WRAPPER:-} "$bin" "$@" <"${stdin:-/dev/null}" >"$TMP/stdout" 2>"$TMP/stderr"
)
status=$?
ms=$(((${EPOCHREALTIME/[.,]/} - ${start/[.,]/}) / 1000))
[ $status -ne 124 ] || fail "timed out after ${CV2PDF_TEST_TIMEOUT:-5} s (a hang)"

# Every line of stderr but the source excerpts ("   12 | text" and the caret line under it) must be
# expected: a sanitizer report or a crash message fails the case.
lines=()
while IFS= read -r line || [ -n "$line" ]; do
	[[ $line =~ ^\ *[0-9]*\ \|\  ]] || lines+=("$line")
done <"$TMP/stderr"
got=""
[ ${#lines[@]} -eq 0 ] || printf -v got '%s\n' "${lines[@]}"
while [[ $got == *$'\n' ]]; do got=${got%$'\n'}; done
if [ "$got" != "$expect" ]; then
	echo "--- expected diagnostics"
	printf '%s\n' "$expect"
	echo "--- actual stderr"
	cat "$TMP/stderr"
	fail "diagnostics differ"
fi
[ "$status" -eq "$want_exit" ] || fail "exit status $status, expected $want_exit"

if [ "$status" -ne 0 ]; then
	now=""
	IFS= read -r -d '' now <"$OUT" 2>/dev/null
	[ "$now" = "$before"$'\n' ] || fail "the pre-existing output file was changed"
	[ ! -s "$TMP/stdout" ] || fail "wrote to standard output on failure"
elif now="" && { IFS= read -r -d '' now <"$OUT"; } 2>/dev/null; [ "$now" != "$before"$'\n' ]; then
	qpdf --check "$OUT" >"$TMP/qpdf" 2>&1 || { cat "$TMP/qpdf"; fail "qpdf --check failed"; }
	IFS= read -r -d '' check <"$TMP/qpdf"
	[[ ${check,,} != *warning* ]] || { cat "$TMP/qpdf"; fail "qpdf --check warned"; }
fi
if [ "$status" -eq 0 ] && [ -n "$text" ]; then
	# The PDF's text with line ends read as spaces and runs of spaces as one; any one of the lines
	# of $text must be in it.
	pdf_text=""
	IFS= read -r -d '' pdf_text < <(pdftotext -q "$OUT" -)
	pdf_text=${pdf_text//$'\n'/ }
	while [[ $pdf_text == *'  '* ]]; do pdf_text=${pdf_text//'  '/ }; done
	found=0
	while IFS= read -r t; do
		[[ $pdf_text != *"$t"* ]] || found=1
	done <<<"$text"
	[ $found = 1 ] || fail "the PDF lacks the text '$text'"
fi
if [ "$status" -eq 0 ] && [ -n "$uris" ]; then
	# The link annotations' targets (the /URI lines of qpdf's QDF form) and the expected ones, each
	# sorted, as one line of words.
	got_uris=()
	while IFS= read -r line; do
		[[ ! $line =~ ^\ */URI\ \((.*)\)$ ]] || got_uris+=("${BASH_REMATCH[1]}")
	done < <(qpdf --qdf --object-streams=disable "$OUT" -)
	read -ra want_uris <<<"$uris"
	sorted_words() { # sorted_words WORD...: the words in sorted order, one line
		local -a w=("$@")
		local i j t
		for ((i = 1; i < ${#w[@]}; i++)); do
			t=${w[i]}
			for ((j = i - 1; j >= 0; j--)); do
				[[ ${w[j]} > $t ]] || break
				w[j + 1]=${w[j]}
			done
			w[j + 1]=$t
		done
		printf -v sorted '%s ' "${w[@]}"
		sorted=${sorted% }
	}
	sorted_words "${got_uris[@]}"
	got=$sorted
	sorted_words "${want_uris[@]}"
	[ "$got" = "$sorted" ] || fail "links: got '$got', expected '$uris'"
fi
if [ -n "$after" ]; then
	while IFS= read -r check; do
		(cd "$TMP" && { [ ${#envs[@]} -eq 0 ] || export "${envs[@]}"; } && set +o pipefail && eval "$check") ||
			fail "the check after the run failed: $check"
	done <<<"$after"
fi
shopt -s nullglob globstar dotglob # only here: the args above may hold brackets
leftover=("$TMP"/**/.cv2pdf-* "$src"/tests/errors/**/.cv2pdf-*)
[ ${#leftover[@]} -eq 0 ] || fail "temporary files left behind: ${leftover[*]}"
echo "ok $CASE (exit $status, ${ms} ms)"
