# Sourced by tests/cli/run.sh and tests/lang/run.sh: cv_run, a run of cv2pdf's command line through
# one in-process runner (cli_batch, tests/schema/cli_batch.c, a bash coprocess) instead of a process
# each. Why: on this kind of machine a process pays for every fresh page it touches, and a render in
# the runner reuses the pages the last one touched (some 90 page faults against 700, 8 ms of CPU
# against 29).
#
# cv_run [-e NAME=VALUE]... [-u NAME]... [-m UMASK] [-i FILE] [-c FILE]... [-1|-r] OUT ERR ARG...
#   runs `cv2pdf ARG...` in the current folder, its standard output into the file OUT and its error
#   into ERR (either may be /dev/null), and returns its exit status (also in $cv_status). -e and -u
#   set and unset a variable for that run; -m sets its umask; -i gives its standard input (else
#   /dev/null); -c names a file the run writes (a PDF) that the guard compares too; -1 says the run
#   changes what a second one would do (--init FILE makes FILE), so the guard below skips it;
#   -r runs the real cv2pdf, for what needs a process (the caller says why).
# The real cv2pdf runs instead
#   - for every run when $CV2PDF_TEST_WRAPPER is set (valgrind in CI: the wrapper runs the program);
#   - when there is no runner (CV2PDF_CLI_BATCH, else tests/cli_batch beside the program), or an
#     argument or the folder holds a tab or a line end (the runner's protocol cannot carry them).
# The guard: every $CV2PDF_TEST_GUARD_EVERY-th run (6; by position among the runs, the next one
# when that one has -1) runs in the runner, then through the real cv2pdf, which writes OUT, ERR and
# the files the script checks; any difference in exit status, standard output or error (timings'
# milliseconds aside), or in the bytes of a file named by -c (the runner's is moved aside first, and
# compared by cmp: two programs, only on a guarded run), fails by name. A run that crashes or hangs
# the runner fails by name, and the next run starts a new one. CV2PDF_TEST_GUARD_EVERY=1 runs every
# run both ways.
# cv_tool [-1] OUT ERR qpdf|pdftotext|pdffonts ARG...
#   runs `qpdf ARG...`, `pdftotext ARG...` or `pdffonts ARG...` in the current folder in the same
#   runner (its @tool: the program's own code, tests/tools/pdf_tools.h), standard output into the
#   file OUT and error into ERR (files, or /dev/null), and returns its exit status (also in $cv_status). The program runs
#   instead when there is no runner, under $CV2PDF_TEST_WRAPPER (all calls real, as cv_run's), for
#   a call the runner does not take (its status -1: no library for that tool in this build, standard
#   input, help), or a tab or line end in an argument. The guard: every $CV2PDF_TEST_GUARD_EVERY-th
#   call (6; counted apart from cv_run's) runs in the runner, then as the program, which writes OUT
#   and ERR; a difference in exit status, standard output or error fails by name (-1: the input may
#   change between two runs, a file a watcher rewrites: the guard passes the call by, and the next
#   call takes its turn). Only worth it
#   where a script makes several calls: starting the runner costs about one start of a program.
# cv_cat FILE prints a file's text for a failure's report (the scripts' runs' messages) without a
# cat process.
# Process-level state: the runner starts with the script's environment, folder-independent, and its
# umask; each run gets its folder, variables, umask and standard descriptors, and gives them back.
# What only a process shows (a terminal, signals, pipes on standard input, exit on a failed write, no
# stray process or file) is left to the real binary by the callers.
# Needs $cv2pdf (absolute) and the caller's fail; files of its own go in $cv_run_dir (made here).
# By hand: a group of a script as its header says, CV2PDF_TEST_GUARD_EVERY=1 for every run both ways;
# one run in the runner alone: printf '%s\t%s\n' "$PWD" --version | CV2PDF_FONT_DIR=fonts build/tests/cli_batch
# SPDX-License-Identifier: MIT
# shellcheck shell=bash disable=SC2153  # (CV_BATCH_PID is the coproc's, set by bash)

read -ra cv_wrapper <<<"${CV2PDF_TEST_WRAPPER:-}"
cv_batch=${CV2PDF_CLI_BATCH:-${cv2pdf%/*}/tests/cli_batch}
cv_guard_every=${CV2PDF_TEST_GUARD_EVERY:-6}
# Seconds a run may take in the runner before it counts as a hang (a render takes some 10 ms; the
# sanitizer build sets 30, valgrind's never uses the runner).
cv_hang=${CV2PDF_TEST_TIMEOUT:-60}
cv_run_dir=${cv_run_dir:?the caller names a folder for cv_run files}
cv_runs=0 cv_guard_due=0 cv_status=0 cv_batch_pid="" cv_tool_calls=0 cv_tool_name="" cv_tool_due=""
[ ${#cv_wrapper[@]} = 0 ] && [ -x "$cv_batch" ] || cv_batch=""

# cv_real OUT ERR STDIN ARG...: the real cv2pdf (under the wrapper), with cv_env and cv_unset.
cv_real() {
	local out=$1 err=$2 in=$3
	shift 3
	if ((${#cv_env[@]} + ${#cv_unset[@]})) || [ -n "${cv_umask:-}" ]; then
		(
			[ -z "${cv_umask:-}" ] || umask "$cv_umask"
			((${#cv_unset[@]})) && unset "${cv_unset[@]}"
			((${#cv_env[@]})) && export "${cv_env[@]}"
			exec "${cv_wrapper[@]}" "$cv2pdf" "$@" <"$in" >"$out" 2>"$err"
		)
	else
		"${cv_wrapper[@]}" "$cv2pdf" "$@" <"$in" >"$out" 2>"$err"
	fi
}

# cv_batch_start: the runner, as a coprocess; it finds the fonts and themes where the real program
# does (the files beside it in a build tree name them), unless the environment says.
cv_batch_start() {
	local fonts="" themes=""
	[ -r "${cv2pdf%/*}/cv2pdf-font-dir" ] && IFS= read -r fonts <"${cv2pdf%/*}/cv2pdf-font-dir"
	[ -r "${cv2pdf%/*}/cv2pdf-theme-dir" ] && IFS= read -r themes <"${cv2pdf%/*}/cv2pdf-theme-dir"
	[ -d "$cv_run_dir" ] || mkdir -p "$cv_run_dir"
	coproc CV_BATCH {
		CV2PDF_FONT_DIR=${CV2PDF_FONT_DIR:-$fonts} CV2PDF_THEME_DIR=${CV2PDF_THEME_DIR:-$themes} exec "$cv_batch"
	}
	cv_batch_pid=$CV_BATCH_PID
}
# cv_batch_close: closes the runner's pipes (bash closes them itself once it has reaped the runner).
cv_batch_close() {
	local fd
	for fd in "${CV_BATCH[@]}"; do exec {fd}>&-; done
}
# cv_batch_stop: closes the runner's input, so that it ends, and waits for it: it must end well (a
# leak the sanitizers or valgrind find at its exit makes it fail, as the program's would).
cv_batch_stop() {
	[ -n "$cv_batch_pid" ] || return 0
	cv_batch_close
	# (The status caught, not left to set -e: a script with -e would end here, naming nothing.)
	local status=0
	wait "$cv_batch_pid" 2>/dev/null || status=$?
	[ $status = 0 ] || fail "cv_run: the in-process runner ended with status $status (its report above)"
	cv_batch_pid=""
}
# cv_batch_lost WHAT ARGS...: the runner died or hung during a run: that run fails by name.
cv_batch_lost() {
	local what=$1 status=0
	shift
	kill "$cv_batch_pid" 2>/dev/null
	cv_batch_close
	wait "$cv_batch_pid" 2>/dev/null || status=$?
	((status > 128)) && what+=" (signal $((status - 128)))" || what+=" (exit status $status)"
	fail "cv_run: the in-process cv2pdf $what during: cv2pdf $* (in $PWD)"
	cv_batch_pid="" cv_status=125
}

# cv_in_batch OUT ERR STDIN ARG...: one run in the runner.
cv_in_batch() {
	local out=$1 err=$2 in=$3 line w report
	shift 3
	if [ -z "$cv_batch_pid" ] || ! kill -0 "$cv_batch_pid" 2>/dev/null; then cv_batch_start; fi
	[[ $out == /* ]] || out=$PWD/$out
	[[ $err == /* ]] || err=$PWD/$err
	[[ $in == /* ]] || in=$PWD/$in
	line=""
	for w in "${cv_env[@]}"; do line+="@env"$'\t'"$w"$'\n'; done
	for w in "${cv_unset[@]}"; do line+="@unset"$'\t'"$w"$'\n'; done
	[ -z "$cv_tool_name" ] || line+="@tool"$'\t'"$cv_tool_name"$'\n'
	[ -z "${cv_umask:-}" ] || line+="@umask"$'\t'"$cv_umask"$'\n'
	line+="@stdin"$'\t'"$in"$'\n'"@out"$'\t'"$out"$'\n'"@err"$'\t'"$err"$'\n'"$PWD"
	for w in "$@"; do line+=$'\t'"$w"; done
	printf '%s\n' "$line" 1>&"${CV_BATCH[1]}" 2>/dev/null || { cv_batch_lost "was gone" "$@"; return; }
	IFS= read -r -t "$cv_hang" -u "${CV_BATCH[0]}" report
	case $? in
	0) ;;
	1) cv_batch_lost "died" "$@"; return ;;
	*) cv_batch_lost "hung (no answer in $cv_hang s)" "$@"; return ;;
	esac
	[[ $report =~ ^==\ (-?[0-9]+)\ [0-9]+\ [0-9]+$ ]] || { cv_batch_lost "answered '$report'" "$@"; return; }
	cv_status=${BASH_REMATCH[1]}
}

# cv_same A B: files A and B hold the same bytes (in bash when they hold no NUL, else cmp); with
# ms, the same but for the figures of milliseconds (the timings of -v and --timings).
cv_same() {
	local a="" b="" na nb
	IFS= read -r -d "" a <"$1"
	na=$?
	IFS= read -r -d "" b <"$2"
	nb=$?
	if [ $na = 0 ] || [ $nb = 0 ]; then cmp -s -- "$1" "$2"; return; fi # (a NUL in one of them)
	[ "$a" = "$b" ] && return 0
	[ "${3:-}" = ms ] || return 1
	local re='(^|[^0-9.])[0-9]+(\.[0-9]+)? ms' x
	for x in a b; do
		local t=${!x} masked=""
		while [[ $t =~ $re ]]; do
			masked+=${t%%"${BASH_REMATCH[0]}"*}${BASH_REMATCH[1]}"N ms"
			t=${t#*"${BASH_REMATCH[0]}"}
		done
		printf -v "$x" %s "$masked$t"
	done
	[ "$a" = "$b" ]
}

cv_run() {
	local cv_env=() cv_unset=() in=/dev/null once="" real="" cv_umask="" compare=()
	while (($#)); do
		case $1 in
		-m) cv_umask=$2; shift 2 ;;
		-c) compare+=("$2"); shift 2 ;;
		-e) cv_env+=("$2"); shift 2 ;;
		-u) cv_unset+=("$2"); shift 2 ;;
		-i) in=$2; shift 2 ;;
		-1) once=1; shift ;;
		-r) real=1; shift ;;
		*) break ;;
		esac
	done
	local out=$1 err=$2
	shift 2
	cv_runs=$((cv_runs + 1))
	((cv_runs % cv_guard_every)) || cv_guard_due=1
	local w sendable=$cv_batch
	[ -n "$real" ] && sendable=""
	for w in "$PWD" "$@" "$in" "$out" "$err" "${cv_env[@]}" "${cv_unset[@]}"; do
		[[ $w == *[$'\t\n']* ]] && sendable=""
	done
	if [ -z "$sendable" ]; then
		cv_real "$out" "$err" "$in" "$@"
		cv_status=$?
		return "$cv_status"
	fi
	if [ $cv_guard_due = 0 ] || [ -n "$once" ]; then
		cv_in_batch "$out" "$err" "$in" "$@"
		return "$cv_status"
	fi
	# The guard: the runner into files of its own, then the real program into OUT and ERR (or, for
	# a device such as /dev/null, into files of its own too), compared.
	cv_guard_due=0
	local g=$cv_run_dir/guard real_out=$out real_err=$err
	[ -c "$out" ] && real_out=$g.real-out
	[ -c "$err" ] && real_err=$g.real-err
	cv_in_batch "$g.out" "$g.err" "$in" "$@"
	local in_status=$cv_status f k made=()
	# The runner's copy of each file named by -c, moved aside (made[K]: whether the run made it).
	for k in "${!compare[@]}"; do
		f=${compare[k]}
		made[k]=""
		if [ -e "$f" ]; then
			mv -f -- "$f" "$g.file$k" || fail "cv_run guard: cannot move $f aside"
			made[k]=1
		fi
	done
	cv_real "$real_out" "$real_err" "$in" "$@"
	cv_status=$?
	[ "$in_status" = 125 ] && return "$cv_status" # (the runner's failure is reported)
	for k in "${!compare[@]}"; do
		f=${compare[k]}
		if [ -z "${made[k]}" ] && [ -e "$f" ]; then
			fail "cv_run guard: cv2pdf $* writes $f, but not in-process (in $PWD)"
		elif [ -n "${made[k]}" ] && [ ! -e "$f" ]; then
			fail "cv_run guard: cv2pdf $* writes $f in-process, but not as the program (in $PWD)"
		elif [ -n "${made[k]}" ] && ! cmp -s -- "$g.file$k" "$f"; then
			fail "cv_run guard: cv2pdf $*: $f differs in-process from the program's (in $PWD)"
		fi
	done
	if [ "$in_status" != "$cv_status" ]; then
		fail "cv_run guard: cv2pdf $* exits $cv_status, but $in_status in-process (in $PWD)"
	elif ! cv_same "$g.out" "$real_out"; then
		fail "cv_run guard: cv2pdf $*: standard output differs in-process from the program's (in $PWD)"
		cv_show "$g.out" "$real_out"
	elif ! cv_same "$g.err" "$real_err" ms; then
		fail "cv_run guard: cv2pdf $*: standard error differs in-process from the program's (in $PWD)"
		cv_show "$g.err" "$real_err"
	fi
	return "$cv_status"
}
cv_tool() {
	local once=""
	[ "$1" != -1 ] || { once=1; shift; }
	local out=$1 err=$2 w sendable=$cv_batch cv_env=() cv_unset=() guard="" g=$cv_run_dir/tool-guard
	shift 2
	[ -d "$cv_run_dir" ] || mkdir -p "$cv_run_dir"
	cv_tool_calls=$((cv_tool_calls + 1))
	((cv_tool_calls % cv_guard_every)) || cv_tool_due=1
	[ -n "$once" ] || { guard=$cv_tool_due; cv_tool_due=""; }
	for w in "$PWD" "$@" "$out" "$err"; do
		[[ $w == *[$'\t\n']* ]] && sendable=""
	done
	if [ -n "$sendable" ]; then
		if [ -z "$guard" ]; then
			cv_tool_name=$1 cv_in_batch "$out" "$err" /dev/null "${@:2}"
			# -1: the runner does not take the call; 125: it was lost (reported): the program.
			[ "$cv_status" = -1 ] || [ "$cv_status" = 125 ] || return "$cv_status"
		else
			cv_tool_name=$1 cv_in_batch "$g.out" "$g.err" /dev/null "${@:2}"
		fi
	fi
	local in_status=$cv_status real_out=$out real_err=$err
	[ -n "$sendable" ] && [ "$in_status" != -1 ] && [ "$in_status" != 125 ] || guard=""
	if [ -n "$guard" ]; then
		[ -c "$out" ] && real_out=$g.real-out
		[ -c "$err" ] && real_err=$g.real-err
	fi
	"$@" </dev/null >"$real_out" 2>"$real_err"
	cv_status=$?
	[ -n "$guard" ] || return "$cv_status"
	if [ "$in_status" != "$cv_status" ]; then
		fail "cv_tool guard: $* exits $cv_status, but $in_status in-process (in $PWD)"
	elif ! cv_same "$g.out" "$real_out"; then
		fail "cv_tool guard: $*: standard output differs in-process from the program's (in $PWD)"
		cv_show "$g.out" "$real_out"
	elif ! cv_same "$g.err" "$real_err"; then
		fail "cv_tool guard: $*: standard error differs in-process from the program's (in $PWD)"
		cv_show "$g.err" "$real_err"
	fi
	return "$cv_status"
}
# cv_cat FILE: prints FILE's text, if any (a run's messages for a failure's report); a bash read,
# not a cat process.
cv_cat() {
	local t=""
	IFS= read -r -d '' t <"$1" || true
	[ -z "$t" ] || printf '%s' "$t"
}
# cv_show IN_PROCESS PROGRAM: the first line where they differ (a missing line shows as nothing).
cv_show() {
	local a=() b=() i
	mapfile -t a <"$1"
	mapfile -t b <"$2"
	for ((i = 0; i < ${#a[@]} || i < ${#b[@]}; i++)); do
		[ "${a[i]-}" = "${b[i]-}" ] && [ "${a[i]+1}" = "${b[i]+1}" ] && continue
		echo "    line $((i + 1)), in-process: ${a[i]-(none)}"
		echo "    line $((i + 1)), program:    ${b[i]-(none)}"
		return
	done
}
