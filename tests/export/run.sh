#!/bin/bash
# The text outputs of one example (issue 19): plain text (wrapped and not), Markdown and HTML compared
# with the committed, hand-checked expectations in expected/; the HTML validated by tidy; the plain
# text's content equal to the PDF's text up to layout (check_text.py, both texts in one run).
# Usage: run.sh CV2PDF SRCDIR WORKDIR EXAMPLE (examples/EXAMPLE.yaml, or tests/export/EXAMPLE.yaml);
# WORKDIR is this example's own folder, which CTest makes empty (the fixture scripts_scratch).
set -euo pipefail
bin=$1 src=$2 out=$3 ex=$4
here=$src/tests/export
if [ ! -d "$out" ] || [ -n "$(shopt -s nullglob dotglob; echo "$out"/*)" ]; then rm -rf "$out" && mkdir -p "$out"; fi
if [ -e "$src/examples/$ex.yaml" ]; then cp "$src/examples/$ex.yaml" "$out/"; else cp "$here/$ex.yaml" "$out/"; fi
cd "$out"
export SOURCE_DATE_EPOCH=1735689600 # 2025-01-01: the date of anything dated by the render
read -ra wrapper <<<"${CV2PDF_TEST_WRAPPER:-}" # valgrind and its options, in dev.sh valgrind
"${wrapper[@]}" "$bin" -q "$ex.yaml" --to pdf,txt,md,html 2>"$ex.err" || { cat "$ex.err"; exit 1; }
"${wrapper[@]}" "$bin" -q "$ex.yaml" --to txt --text-width 60 -o "$ex.w60.txt"
fail=0
# Compared in bash (the files hold no NUL); diff runs only to show a difference.
for f in "$ex.txt" "$ex.w60.txt" "$ex.md" "$ex.html"; do
	IFS= read -r -d "" want <"$here/expected/$f" || true
	IFS= read -r -d "" got <"$f" || true
	if [ "$want" != "$got" ]; then
		diff -u "$here/expected/$f" "$f" || true
		echo "FAIL: $f differs from tests/export/expected/$f" >&2
		fail=1
	fi
done
# Valid markup: tidy reports errors on standard error and exits 2 for them.
if ! tidy -errors -q "$ex.html"; then
	echo "FAIL: $ex.html is not valid HTML" >&2
	fail=1
fi
"${CV2PDF_TEST_PYTHON:-python3}" "$here/check_text.py" "$ex.txt" "$ex.pdf" --wrapped 60 "$ex.w60.txt" "$ex.pdf" || fail=1
exit $fail
