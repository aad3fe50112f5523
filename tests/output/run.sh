#!/usr/bin/env bash
# Output safety that the catalogue (tests/errors) cannot express, since it needs redirections, closed
# descriptors or signals: -o naming standard output through /dev/stdout, /proc/self/fd/1 or a link,
# with standard output closed, appended to a log or being the input; a pipe nobody reads; and
# SIGINT, SIGTERM, SIGHUP and the other catchable ends while a temporary file exists, alone and in a parallel batch (sent by
# signal_shim.so from inside fsync, so the signal always lands while the files are complete).
# Usage: run.sh CV2PDF SIGNAL_SHIM WORK_DIR
set -uo pipefail
ulimit -c 0 # SIGQUIT and SIGXFSZ would dump core
cv2pdf=$1 shim=$2 work=$3
export CV2PDF_FONT_DIR="${CV2PDF_FONT_DIR:-$(dirname "$0")/../../fonts}" SOURCE_DATE_EPOCH=1700000000
# The shim is preloaded before the sanitizer runtime in the sanitizer build.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then checks=$((checks + 1)); else fail "$what"; fi
}
# cv2 ARGS...: cv2pdf under the test wrapper (valgrind in the valgrind build), in $work. bare: without
# it, where the wrapper would change what is tested: valgrind opens its log on the lowest free
# descriptor (which is 1 once standard output is closed), and a process killed by a signal leaves its
# threads' memory to the kernel, which valgrind reports as lost.
cv2() { ${CV2PDF_TEST_WRAPPER:-} "$cv2pdf" "$@"; }
bare() { "$cv2pdf" "$@"; }
no_temps() { ! find "$work" -name '.cv2pdf-*' | grep -q .; }

rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
printf 'cv:\n  name: Ada Lovelace\n' >cv.yaml
printf 'cv:\n  name: Ada\nvariants:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n' >batch.yaml

# Standard output closed: an error, and nothing created anywhere (it replaced /dev/stdout as root).
bare cv.yaml -o /dev/stdout >&- 2>err.txt
check "closed stdout: exit 3" test $? = 3
check "closed stdout: the message says so" grep -q "cannot write '/dev/stdout': standard output is closed" err.txt
check "/dev/stdout is still a link" test -L /dev/stdout -o -c /dev/stdout
bare cv.yaml -o /proc/self/fd/1 >&- 2>err.txt
check "closed stdout through /proc: exit 3" test $? = 3

# Appended to a log: the PDF goes after the log's lines, through the descriptor (it was renamed over
# the log, which lost its lines).
echo "build log line" >build.log
cv2 cv.yaml -o /dev/stdout >>build.log 2>err.txt
check "/dev/stdout >> log: exit 0" test $? = 0
check "the log keeps its line" test "$(head -n 1 build.log)" = "build log line"
check "the PDF follows it" bash -c "tail -n +2 build.log | head -c 5 | grep -q '%PDF-'"
echo "build log line" >build.log
cv2 cv.yaml -o /proc/self/fd/1 >>build.log 2>err.txt
check "/proc/self/fd/1 >> log keeps the log" test "$(head -n 1 build.log)" = "build log line"
ln -s /dev/stdout to-stdout.pdf
cv2 cv.yaml -o to-stdout.pdf >via-link.pdf 2>err.txt
check "a link to /dev/stdout: exit 0" test $? = 0
check "a link to /dev/stdout stays a link" test -L to-stdout.pdf
check "a link to /dev/stdout writes standard output" qpdf --check via-link.pdf >/dev/null
cv2 cv.yaml -o /dev/fd/3 3>fd3.pdf 2>err.txt
check "/dev/fd/3 writes descriptor 3" qpdf --check fd3.pdf >/dev/null

# Standard output that is the input file (appending would corrupt the résumé).
cp cv.yaml same.yaml
cv2 same.yaml -o /dev/stdout >>same.yaml 2>err.txt
check "stdout is the input: exit 2" test $? = 2
check "stdout is the input: the input is intact" cmp -s same.yaml cv.yaml
check "stdout is the input: the message says so" grep -q "is the input file" err.txt

# Several variants cannot share standard output, however it is named.
printf 'cv:\n  name: Ada\nvariants:\n  a: {output: "-"}\n  b: {output: "-"}\n' >two.yaml
cv2 two.yaml --all-variants >/dev/null 2>err.txt
check "two variants to standard output: exit 2" test $? = 2
check "two variants to standard output: the message says so" grep -q "cannot all write to standard output" err.txt
cv2 two.yaml --variant a >one.pdf 2>err.txt
check "one variant to standard output: exit 0" qpdf --check one.pdf >/dev/null

# A pipe nobody reads: an error, not a hang.
mkfifo lonely.pdf
timeout 5 "$cv2pdf" cv.yaml -o lonely.pdf 2>err.txt
check "a FIFO nobody reads: exit 3, no hang" test $? = 3
check "a FIFO nobody reads: the message says so" grep -q "nothing reads the pipe" err.txt

# Signals while the temporary file exists: it is removed, and so is a folder made for the output;
# the process dies of the signal (128 + N).
for sig in 2 15 1; do
	CV2PDF_SHIM_SIGNAL=$sig LD_PRELOAD=$shim bare cv.yaml -o "new-$sig/cv.pdf" 2>/dev/null
	status=$?
	check "signal $sig during the write: status $((128 + sig)) (got $status)" test $status = $((128 + sig))
	check "signal $sig: no temporary file left" no_temps
	check "signal $sig: the folder made for the output is removed" test ! -e "new-$sig"
done
# The other signals that end a process: SIGQUIT, SIGALRM, SIGUSR1, SIGXFSZ (a file size limit).
for sig in 3 14 10 25; do
	CV2PDF_SHIM_SIGNAL=$sig LD_PRELOAD=$shim bare cv.yaml -o "new-$sig/cv.pdf" 2>/dev/null
	status=$?
	check "signal $sig during the write: killed by it (got $status)" test $status = $((128 + sig))
	check "signal $sig: no temporary file and no new folder left" bash -c "! find '$work' -name '.cv2pdf-*' | grep -q . && test ! -e '$work/new-$sig'"
done
# A parallel batch: three writes in progress at once, all cleaned up; the existing folder stays.
mkdir -p kept
CV2PDF_SHIM_SIGNAL=2 CV2PDF_SHIM_SIGNAL_AT=3 LD_PRELOAD=$shim bare batch.yaml --all-variants -j 3 -o 'kept/{variant}.pdf' 2>/dev/null
status=$?
check "SIGINT during a batch: status 130 (got $status)" test $status = 130
check "SIGINT during a batch: no temporary file left" no_temps
check "SIGINT during a batch: the existing folder stays" test -d kept
# A replaced file is left as it was.
echo precious >kept/a.pdf
CV2PDF_SHIM_SIGNAL=15 LD_PRELOAD=$shim bare cv.yaml -o kept/a.pdf 2>/dev/null
check "SIGTERM while replacing: the old file is intact" test "$(cat kept/a.pdf)" = precious
check "SIGTERM while replacing: no temporary file left" no_temps

echo "$checks checks passed, $failures failed"
[ "$failures" = 0 ]
