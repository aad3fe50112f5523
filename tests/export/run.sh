#!/bin/bash
# The text outputs of each example given (issue 19): plain text (wrapped and not), Markdown and HTML
# compared with the committed, hand-checked expectations in expected/; the HTML validated by tidy;
# the plain text's content equal to the PDF's text up to layout (check_text.py, every text of every
# example in one run). Every example is checked; each FAIL line names the file (EXAMPLE.*).
# Usage: run.sh CV2PDF SRCDIR WORKDIR EXAMPLE... (examples/EXAMPLE.yaml, or tests/export/EXAMPLE.yaml);
# WORKDIR is the test's own folder, which CTest makes empty (the fixture scripts_scratch), else made
# empty here. One example alone: bash tests/export/run.sh "$PWD/build/cv2pdf" "$PWD" /tmp/export markup
# One test for the four examples, not one each: a test's start (bash, the in-process runner, Python,
# tidy) cost more than an example's checks (docs/performance.md).
set -euo pipefail
bin=$1 src=$2 out=$3
shift 3
here=$src/tests/export
# The folder's entries in bash (a glob, not a subshell): anything in it, and it is made again.
shopt -s nullglob dotglob
old=("$out"/*)
shopt -u nullglob dotglob
if [ ! -d "$out" ] || ((${#old[@]})); then rm -rf "$out" && mkdir -p "$out"; fi
cd "$out"
export SOURCE_DATE_EPOCH=1735689600 # 2025-01-01: the date of anything dated by the render
status=0
fail() { echo "FAIL: $*" >&2; status=1; }
# cv2pdf's runs go through the in-process runner (tests/cli/batch.sh: every sixth run also through the
# real cv2pdf, compared byte for byte; all real under CV2PDF_TEST_WRAPPER, valgrind in dev.sh): they
# need no process of their own, and the files they write are what is checked.
cv2pdf=$bin cv_run_dir=$out/cv_run
. "$src/tests/cli/batch.sh"

htmls=() texts=()
for ex in "$@"; do
	# The example beside its outputs (--to writes them beside the input), copied in bash.
	yaml=$src/examples/$ex.yaml
	[ -e "$yaml" ] || yaml=$here/$ex.yaml
	IFS= read -r -d "" text <"$yaml" || true
	printf %s "$text" >"$ex.yaml"
	if ! cv_run "$ex.out" "$ex.err" -q "$ex.yaml" --to pdf,txt,md,html; then
		cv_cat "$ex.out"
		cv_cat "$ex.err"
		fail "$ex: cv2pdf -q $ex.yaml --to pdf,txt,md,html: exit status $cv_status"
		continue
	fi
	if ! cv_run "$ex.out" "$ex.err" -q "$ex.yaml" --to txt --text-width 60 -o "$ex.w60.txt"; then
		cv_cat "$ex.out"
		cv_cat "$ex.err"
		fail "$ex: cv2pdf -q $ex.yaml --to txt --text-width 60: exit status $cv_status"
		continue
	fi
	# Compared in bash (the files hold no NUL); diff runs only to show a difference.
	for f in "$ex.txt" "$ex.w60.txt" "$ex.md" "$ex.html"; do
		IFS= read -r -d "" want <"$here/expected/$f" || true
		IFS= read -r -d "" got <"$f" || true
		if [ "$want" != "$got" ]; then
			diff -u "$here/expected/$f" "$f" || true
			fail "$f differs from tests/export/expected/$f"
		fi
	done
	htmls+=("$ex.html")
	texts+=("$ex.txt" "$ex.pdf" --wrapped 60 "$ex.w60.txt" "$ex.pdf")
done
cv_batch_stop
# Valid markup: tidy reports errors on standard error and exits 2 for them. One tidy for all the
# files; when it finds an error, each file again alone, to name it (tidy's report does not).
if ((${#htmls[@]})) && ! tidy -errors -q "${htmls[@]}"; then
	for f in "${htmls[@]}"; do
		tidy -errors -q "$f" 2>/dev/null || fail "$f is not valid HTML"
	done
fi
if ((${#texts[@]})); then
	"${CV2PDF_TEST_PYTHON:-python3}" "$here/check_text.py" "${texts[@]}" || status=1
fi
exit $status
