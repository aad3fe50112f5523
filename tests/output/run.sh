#!/usr/bin/env bash
# Output safety that the catalogue (tests/errors) cannot express, since it needs redirections, closed
# descriptors or signals: -o naming standard output through /dev/stdout, /proc/self/fd/1 or a link,
# with standard output closed, appended to a log or being the input; a pipe nobody reads; and
# SIGINT, SIGTERM, SIGHUP and the other catchable ends while a temporary file exists, alone and in a parallel batch (sent by
# signal_shim.so from inside fsync, so the signal always lands while the files are complete).
# Checks read files in bash: a process only for what is tested and for qpdf (a process costs more
# than most checks on the machines this runs on).
# Usage: run.sh CV2PDF SIGNAL_SHIM WORK_DIR (WORK_DIR: made empty by CTest's fixture scripts_scratch)
set -uo pipefail
ulimit -c 0 # SIGQUIT and SIGXFSZ would dump core
cv2pdf=$1 shim=$2 work=$3
here=${0%/*}
[[ $here == /* ]] || here=$PWD/$here # (the script changes folder below)
export CV2PDF_FONT_DIR="${CV2PDF_FONT_DIR:-$here/../../fonts}" SOURCE_DATE_EPOCH=1700000000
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
no_temps() { # no temporary file in any folder under $work, as find would look (a glob: no process)
	local temps
	shopt -s globstar dotglob nullglob
	temps=("$work"/**/.cv2pdf-*)
	shopt -u globstar dotglob nullglob
	[ ${#temps[@]} = 0 ]
}
says() { local text; IFS= read -r -d "" text <"$1"; [[ $text == *"$2"* ]]; } # says FILE TEXT: FILE holds TEXT
first_line() { line=""; IFS= read -r line <"$1"; } # first_line FILE: its first line in $line

# The folder's entries in bash (a glob, not a subshell): anything in it, and it is made again.
shopt -s nullglob dotglob
old=("$work"/*)
shopt -u nullglob dotglob
if [ ! -d "$work" ] || ((${#old[@]})); then rm -rf "$work" && mkdir -p "$work"; fi
cd "$work" || exit 1
printf 'cv:\n  name: Ada Lovelace\n' >cv.yaml
printf 'cv:\n  name: Ada Lovelace\n' >same.yaml
printf 'cv:\n  name: Ada\nvariants:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n' >batch.yaml

# Standard output closed: an error, and nothing created anywhere (it replaced /dev/stdout as root).
bare cv.yaml -o /dev/stdout >&- 2>err.txt
check "closed stdout: exit 3" test $? = 3
check "closed stdout: the message says so" says err.txt "cannot write '/dev/stdout': standard output is closed"
check "/dev/stdout is still a link" test -L /dev/stdout -o -c /dev/stdout
bare cv.yaml -o /proc/self/fd/1 >&- 2>err.txt
check "closed stdout through /proc: exit 3" test $? = 3

# Appended to a log: the PDF goes after the log's lines, through the descriptor (it was renamed over
# the log, which lost its lines).
echo "build log line" >build.log
cv2 cv.yaml -o /dev/stdout >>build.log 2>err.txt
check "/dev/stdout >> log: exit 0" test $? = 0
first_line build.log
check "the log keeps its line" test "$line" = "build log line"
magic=""
{ read -r && LC_ALL=C read -r -N 5 magic; } <build.log
check "the PDF follows it" test "$magic" = "%PDF-"
echo "build log line" >build.log
cv2 cv.yaml -o /proc/self/fd/1 >>build.log 2>err.txt
first_line build.log
check "/proc/self/fd/1 >> log keeps the log" test "$line" = "build log line"
ln -s /dev/stdout to-stdout.pdf
cv2 cv.yaml -o to-stdout.pdf >via-link.pdf 2>err.txt
check "a link to /dev/stdout: exit 0" test $? = 0
check "a link to /dev/stdout stays a link" test -L to-stdout.pdf
check "a link to /dev/stdout writes standard output" qpdf --check via-link.pdf >/dev/null
cv2 cv.yaml -o /dev/fd/3 3>fd3.pdf 2>err.txt
check "/dev/fd/3 writes descriptor 3" qpdf --check fd3.pdf >/dev/null

# Standard output that is the input file (appending would corrupt the résumé).
# (same.yaml was written as cv.yaml was, above)
cv2 same.yaml -o /dev/stdout >>same.yaml 2>err.txt
check "stdout is the input: exit 2" test $? = 2
IFS= read -r -d "" same <same.yaml
IFS= read -r -d "" orig <cv.yaml
check "stdout is the input: the input is intact" test "$same" = "$orig"
check "stdout is the input: the message says so" says err.txt "is the input file"

# Several variants cannot share standard output, however it is named.
printf 'cv:\n  name: Ada\nvariants:\n  a: {output: "-"}\n  b: {output: "-"}\n' >two.yaml
cv2 two.yaml --all-variants >/dev/null 2>err.txt
check "two variants to standard output: exit 2" test $? = 2
check "two variants to standard output: the message says so" says err.txt "cannot all write to standard output"
cv2 two.yaml --variant a >one.pdf 2>err.txt
check "one variant to standard output: exit 0" qpdf --check one.pdf >/dev/null

# A pipe nobody reads: an error, not a hang.
mkfifo lonely.pdf
timeout 5 "$cv2pdf" cv.yaml -o lonely.pdf 2>err.txt
check "a FIFO nobody reads: exit 3, no hang" test $? = 3
check "a FIFO nobody reads: the message says so" says err.txt "nothing reads the pipe"

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
	check "signal $sig: no temporary file left" no_temps
	check "signal $sig: no new folder left" test ! -e "new-$sig"
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
check "SIGTERM while replacing: the old file is intact" test "$(<kept/a.pdf)" = precious
check "SIGTERM while replacing: no temporary file left" no_temps

# A replaced file's own mode is the temporary file's before its first byte: a résumé kept 0600 is
# never readable by others while it is written (the shim logs the mode at each write).
printf x >private.pdf
chmod 600 private.pdf
CV2PDF_SHIM_MODES=$work/modes.log LD_PRELOAD=$shim bare cv.yaml -o private.pdf 2>/dev/null
check "a 0600 file replaced: exit 0" test $? = 0
modes=""
[ -r modes.log ] && IFS= read -r -d "" modes <modes.log
modes=${modes//$'\n'/ }
check "a 0600 file replaced: every write into the temporary file was at 600 (${modes:-none})" \
	eval '[ -n "$modes" ] && [ -z "${modes//600 /}" ]'
check "a 0600 file replaced: it is 600" test "$(stat -c %a private.pdf)" = 600

echo "$checks checks passed, $failures failed"
[ "$failures" = 0 ]
