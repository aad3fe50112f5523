/* run_case: runs cases of the bad-input catalogue (tests/errors/, tests/themes/cases/) or, with
 * --dialect, of the dialect corpus (tests/dialects/), and checks what each case's header says must
 * happen.
 * Usage: run_case [--dialect] [--shard K/N|all/N] [--list] [--exec] CV2PDF SOURCE_DIR SCRATCH_DIR CASE...
 * A CASE is a case file or a folder of them (its *.yaml, *.yml and *.json, in name order), relative to
 * SOURCE_DIR or absolute. --shard K/N runs the K-th (from 0) of every N cases of that list (CTest runs
 * the catalogue as a few such shards); --list prints the cases it would run, and runs none (with
 * --shard all/N: every case, after the number K of the shard that runs it, so that one call shows
 * how the N shards divide the list: errors/runner/run.sh checks they hold each case once); --exec runs
 * every case's cv2pdf as the program (see "How cv2pdf runs" below). One case alone:
 *   run_case build/cv2pdf . build/scratch tests/errors/dup_key.yaml
 * Each case runs in the runner itself (a failed check jumps back to its loop; the case's variables,
 * fields and hang limit are set anew for each; a child per case cost some 66 page faults and a fork,
 * ~2.5 ms of CPU a case, as much as many cases' checks), in the scratch
 * folder SCRATCH_DIR/KEY ($TMP; KEY is the case's path below tests/ without its extension, '/' made
 * '_'), which the runner empties before the case (giving back any permission a setup took away) and
 * removes when the case passes: a failed case's files stay there to look at until the next run. Only
 * those folders are touched, never the rest of SCRATCH_DIR; two runs given the same SCRATCH_DIR take
 * turns. Every case prints "ok CASE ..." or "FAIL CASE: what differed"; then a summary line names the
 * failed cases; the exit status is 1 when any case failed, 2 on wrong usage.
 *
 * A catalogue case file starts with comment lines:
 *   # exit N          the expected exit status (required)
 *   # expect: TEXT    one line per diagnostic, in order: the first line of each ("file:line:col:
 *                     error: message" or "cv2pdf: ..."), compared verbatim. $TMP stands for the
 *                     case's scratch directory. None means stderr must be empty.
 *   # setup: SHELL    run by bash in $TMP before cv2pdf, all setup lines as one script (set -u,
 *                     pipefail; generate huge or pathological inputs at test time)
 *   # args: ARGS      cv2pdf's arguments, word-split as the shell does after expanding $CASE (the
 *                     case file, relative to the source tree), $TMP, $OUT, $SRC and $BIN; default:
 *                     "$CASE" -o "$OUT". Quotes, backslashes and those variables are read here; a
 *                     line with anything else a shell treats specially (globs, braces, other
 *                     expansions) is word-split by bash itself.
 *   # stdin: FILE     standard input (after expanding $TMP); default: /dev/null
 *   # env: NAME=VALUE the environment of cv2pdf and of the checks after it has this too ($TMP and
 *                     $SRC expanded); one line each
 *   # after: SHELL    must succeed when run by bash (set -u) in $TMP after cv2pdf, one line per
 *                     check, each in its own subshell: what the fields above cannot say (files
 *                     made, links left alone, arithmetic on the layout: awk ... layout; $BIN is
 *                     the program). Each program started there costs some 5-30 ms of CPU, a field
 *                     checked by the runner (through its workers) next to nothing
 *   # text: WORDS     with exit 0: pdftotext of the output (line ends read as spaces, runs of spaces
 *                     as one) contains WORDS (repeatable: each)
 *   # absent: WORDS   with exit 0: ... and does not contain WORDS (repeatable)
 *   # lines: RE | RE  with exit 0: consecutive lines of pdftotext -raw's text match these basic
 *                     regular expressions (as grep's), in turn (repeatable)
 *   # uris: URI...    with exit 0: the output's link annotations point at exactly these URIs
 *   # fonts: NAME...  with exit 0: the output's fonts (/BaseFont without the subset tag; pdffonts'
 *                     names) are exactly these, sorted
 *   # colours: R G B; R G B   with exit 0: the fill colours of its pages ("R G B rg" in qpdf's QDF
 *                     form) are exactly these, sorted as text, each once
 *   # page: W x H     with exit 0: the first page's size in points, as pdfinfo prints it
 *   # pdfs: FILE...   these files (relative to $TMP: a variant's output, a link's target) pass
 *                     qpdf --check without warnings, as $OUT must on success
 *   # layout: RE      a line of cv2pdf's --dump=layout (the case's arguments and --dump=layout, run
 *                     as its cv2pdf ran, its hang limit) matches the basic regular expression RE
 *                     (repeatable: each); the dump stays in $TMP/layout for the after lines
 *   # limit: SECONDS  this case's hang limit, whatever $CV2PDF_TEST_TIMEOUT says (the runner's own
 *                     hang cases, which must be killed, and soon)
 *   # process: exec REASON   cv2pdf runs as the program, never in the worker (below): what only a
 *                     real process shows (a fifo, /proc/self, signals, --watch). "# process: worker"
 *                     keeps a case in the worker (the runner's own tests of it)
 * CASE, SRC, BIN, TMP and OUT are in the environment of cv2pdf, setup and after.
 * Checked every time: the exit status; stderr holds nothing but the expected diagnostics and their
 * source excerpts (a sanitizer report or a crash message fails the case); no hang (5 s, or
 * $CV2PDF_TEST_TIMEOUT, as timeout(1) reads it); the pre-existing $OUT is byte-for-byte untouched on
 * failure, and on success replaced by a PDF that passes qpdf --check without warnings; nothing on
 * standard output on failure; no temporary file (.cv2pdf-*) is left behind, in $TMP or in
 * tests/errors/. $CV2PDF_TEST_WRAPPER, a list of words (valgrind and its options), runs cv2pdf.
 *
 * A dialect case (--dialect) is a résumé in one dialect (JSON Resume, YAMLResume, RenderCV of some
 * release) whose first comment lines (in a .json case, a file of the same name ending in .expect: a
 * comment is not JSON) say what the PDF must show:
 *   # args: ARGS      extra arguments after the input and -o (read as for the catalogue)
 *   # warnings: N     exactly N warnings (diagnostics "file:line:col: warning: ..."); default 0
 *   # expect: TEXT    a diagnostic's first line contains TEXT (repeatable)
 *   # text: WORDS     the PDF's text (pdftotext, line and page ends and runs of spaces read as one
 *                     space) contains WORDS (repeatable)
 *   # absent: WORDS   ... and does not contain WORDS (repeatable)
 *   # order: A | B    A, B, ... appear in the PDF's text in this order (repeatable, each on its own)
 *   # uris: URI ...   the link annotations include these URIs
 *   # model: TEXT     --dump=model's output contains TEXT (markup the PDF's text cannot show)
 *   # info: TEXT      pdfinfo's output contains TEXT (a line such as "Page size: 612 x 792 pts")
 *   # process: ...    as for the catalogue
 * Checked every time: exit status 0, no error, qpdf --check without warnings, no hang (10 s, or
 * $CV2PDF_TEST_TIMEOUT). cv2pdf runs with SOURCE_DATE_EPOCH=1700000000 and the shipped fonts.
 *
 * How cv2pdf runs. Most cases' cv2pdf runs in the worker (case_worker.c): one process per runner
 * that calls cv2pdf's command line (cv_cli_main, linked in) case after case, each run set up as a fresh
 * process of the program would find it (the case's folder, environment and umask, its files on the
 * standard streams, default signal handlers; the fonts' and themes' folders that the program finds
 * beside itself, when the case sets none). A run that exits or dies of a signal ends the worker: the
 * case gets that status (128 + the signal), as from the program, and the next case a new worker; a
 * run past the hang limit is killed with its worker. As the program (through $CV2PDF_TEST_WRAPPER)
 * run: the cases marked "# process: exec", every case under --exec or $CV2PDF_TEST_WRAPPER (valgrind
 * follows programs, not a worker), and every SAMPLE_EVERY-th case of the whole list: of those, the
 * ones whose first run cannot change what a second finds (no setup, after or stdin lines, no file of
 * $TMP in the arguments but $OUT) run both ways, the worker first, and must agree on the status and
 * standard error (a dialect case: and the PDF); the checks read the program's run. The summary line
 * counts the cases run each way.
 * Why: a shell runner forked a subshell and timeout(1) per case, and CTest one runner per case; then
 * a case started cv2pdf (700 page faults, 29 ms of CPU a render on this kind of machine, where a
 * first touch of a page is costly), and a render in a process that rendered before costs some 90
 * faults and 8 ms. The setup and after lines run in one bash per runner (case_shell.h), started with
 * it: a request each (the case's setup, its after lines), in a subshell of that bash that exports the
 * case's variables and cd's into $TMP, then a subshell a line, as a bash started per request ran
 * them; a bash started per case cost some 10 ms of CPU, a subshell of a running one 1-2 ms.
 * How the checks' qpdf and pdftotext run (qpdf --check on success, pdftotext for 'text:' and
 * 'absent:', pdftotext -raw for 'lines:', qpdf --qdf, once a case, for 'uris:', 'fonts:', 'colours:'
 * and 'page:'): in a second worker of their own (the tools' worker, which the cases' cv2pdf runs never
 * end), through the programs' own code (tests/tools/pdf_tools.h: qpdf's QPDFJob, poppler's
 * TextOutputDev), since each start of either program cost ~28 ms of CPU and a call in the worker some
 * 7 ms (in each case's child, as first tried, it cost as much as the program: its first use of the
 * libraries touched as many fresh pages); as the programs under --exec, $CV2PDF_TEST_WRAPPER, a build without
 * their libraries, or a call the in-process code does not take; and every TOOL_SAMPLE_EVERY-th case
 * ($CV2PDF_TEST_GUARD_EVERY: 1 for all) both ways, which must agree byte for byte on the exit status,
 * standard output and error (qpdf's clock-made /ID aside), else the case fails by name.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "case_pdf.h"
#include "case_shell.h"
#include "case_spawn.h"
#include "case_tools.h"
#include "case_util.h"
#include "case_worker.h"
#include "pdf_tools.h"

/* The hang limit in seconds, unless CV2PDF_TEST_TIMEOUT says otherwise (valgrind, sanitizers): a
 * bad input must fail fast, and the slowest cases take a few hundred milliseconds. */
#define DEFAULT_TIMEOUT 5.0
/* A dialect case renders a whole résumé, in several fonts: its limit is longer. */
#define DIALECT_TIMEOUT 10.0
/* Every this many cases (by position in the whole list of cases given, whatever the shard, so that a
 * run is reproducible) cv2pdf runs as its own process even when the worker could run it: what only
 * a real process shows keeps being checked, and the two ways are compared where that is cheap. A
 * prime, so that the sampled cases spread evenly over the shards (CTest runs 1 or 2). */
#define SAMPLE_EVERY 7
/* Every this many cases (by position, as SAMPLE_EVERY) the checks' qpdf and pdftotext calls, which
 * run in the tools' worker (the programs' own code), run as the programs as well and must agree byte
 * for byte (case_tools.c); $CV2PDF_TEST_GUARD_EVERY says another number (1: every case, and every
 * call of the suite agreed). Prime and not 7: spread over the shards, and not on the cases whose
 * cv2pdf runs both ways. Some thirty cases of the catalogue a run. */
#define TOOL_SAMPLE_EVERY 11

/* How a case's cv2pdf runs: in the worker (cv_cli_main in a persistent process), as the program
 * (exec), or both, compared. */
enum { RUN_WORKER = 1, RUN_EXEC = 2, RUN_BOTH = 3, RUN_COMPARED = 4 };

static const char *case_name = "?";

#if defined(__SANITIZE_ADDRESS__)
#define RUNNER_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUNNER_LSAN 1
#endif
#endif

#ifdef RUNNER_LSAN
void __lsan_disable(void);
void __lsan_enable(void);
#endif

/* While a case runs (run_cases): where its first failed check goes back to, ending the case. */
static jmp_buf *case_jump;

void fail(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "FAIL %s: ", case_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (case_jump)
		longjmp(*case_jump, 1);
	exit(1);
}

/* ---- Processes ---- */

/* The in-process worker, and what a case tells the runner's loop: how its cv2pdf ran (RUN_*), and
 * that a worker ends (it was killed at the hang limit, or its leak check found a leak). */
static case_worker worker;
/* The worker of the checks' qpdf and pdftotext (run_tool): a second one, so that the cases whose
 * cv2pdf ends its worker (exit(), a signal, the hang limit) do not end this one, which would load
 * libqpdf and libpoppler again (some 45 ms) each time. */
static case_worker tools_worker;
/* The bash of the setup and after lines (case_shell.h), and its request file. */
static case_shell shell;
static char *shell_request;
static struct shared {
	int how, retire, retire_tools;
} shared_state, *const shared = &shared_state;
/* Set by --exec, by CV2PDF_TEST_WRAPPER, or when the shipped fonts' folder beside the program is not
 * found (the worker would find other fonts than the program does): every case runs the program. */
static int exec_all;
/* The entries "CV2PDF_FONT_DIR=..." and "CV2PDF_THEME_DIR=..." the worker's runs get when the case
 * does not set them: what the program finds beside itself (the files cv2pdf-font-dir and
 * cv2pdf-theme-dir of its build tree), while the worker's own /proc/self/exe is this runner. */
static char *font_dir_entry, *theme_dir_entry;
/* The case's position in the whole list of cases (SAMPLE_EVERY). */
static size_t case_index;
/* TOOL_SAMPLE_EVERY, or what $CV2PDF_TEST_GUARD_EVERY says. */
static size_t tool_every = TOOL_SAMPLE_EVERY;

/* Waits for PID, a worker or the shell that ended in a call (its pipes' other ends closed): returns
 * its wait status. */
static int reap(pid_t pid)
{
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* W ended in a call: reaped, its pipes closed; the next case gets another. Returns its wait status. */
static int worker_gone(case_worker *w)
{
	int status = reap(w->pid);
	close(w->req);
	close(w->rep);
	w->pid = 0;
	return status;
}

/* Runs shell command lines in bash with the checks' options: set -u, and pipefail when PIPEFAIL.
 * In DIR (cd'd into from the source tree, so that $OLDPWD is the source tree as in the case's
 * setup lines), with the case's variables (CASE, SRC, BIN, TMP, OUT) and ENV's NAME=VALUE entries
 * exported. Each of the LINES runs in its own subshell; the status is 0, or the 1-based number of
 * the line that failed. In the runner's one bash (case_shell.h), a subshell a request. */
static int run_bash(const char *dir, int pipefail, const strv *lines, const strv *env)
{
	static const char *const vars[] = {"CASE", "SRC", "BIN", "TMP", "OUT"};
	strv all = {0};
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *value = getenv(vars[i]);
		if (!value)
			continue;
		char *name = cat2(vars[i], "=");
		strv_add(&all, cat2(name, value));
		free(name);
	}
	size_t own = all.n;
	for (size_t i = 0; env && i < env->n; i++)
		strv_add(&all, env->v[i]);
	/* Started by the first case that has such lines: a shard without any starts none. */
	if (!shell.pid && case_shell_start(&shell, shell_request) != 0)
		fail("cannot start bash: %s", strerror(errno));
	int status = case_shell_run(&shell, dir, pipefail, &all, lines);
	if (status < 0) {
		pid_t pid = shell.pid;
		reap(pid);
		close(shell.req);
		close(shell.rep);
		free(shell.request);
		shell.pid = 0;
		fail("the bash of the setup and after lines (pid %d) ended", (int)pid);
	}
	for (size_t i = 0; i < own; i++)
		free(all.v[i]);
	free(all.v);
	return status;
}

static int call_worker(case_worker *w, char *const argv[], const spawn_opts *o);

/* Runs cv2pdf's ARGV (argv[0] the program's path) in the worker, as run() would run it as a program:
 * O's files for the standard streams (a capture is not offered: the caller reads a file), the
 * runner's environment with O's entries, the fonts' and themes' folders the program finds beside
 * itself when the case sets none, the runner's folder (or O's) and umask, O's hang limit. Returns the
 * status as run() does: a worker that died in the run (exit(), a signal, the hang limit's SIGTERM)
 * gives its end, 128 + the signal or its exit code. */
static int run_in_worker(char *const argv[], const spawn_opts *o)
{
	return call_worker(&worker, argv, o);
}

/* run_in_worker's work, with worker W. */
static int call_worker(case_worker *w, char *const argv[], const spawn_opts *o)
{
	strv env = {0};
	case_env(o->env, &env);
	/* The folders the program finds beside itself, unless the case names others. */
	const char *defaults[] = {font_dir_entry, theme_dir_entry};
	for (size_t i = 0; i < 2; i++) {
		size_t name = strcspn(defaults[i], "=") + 1, j = 0;
		while (j < env.n && strncmp(env.v[j], defaults[i], name) != 0)
			j++;
		if (j == env.n)
			strv_add(&env, (char *)defaults[i]);
	}
	char cwd[4096];
	if (!o->cwd && !getcwd(cwd, sizeof cwd))
		fail("getcwd: %s", strerror(errno));
	mode_t mask = umask(0);
	umask(mask);
	case_run r = {argv, env.v, o->cwd ? o->cwd : cwd, o->in ? o->in : "/dev/null", o->out, o->err, mask};
	if (!r.out || !r.err)
		fail("an in-process run needs files for its standard output and error");
	if (o->timeout > 0)
		start_limit(w->pid, o->timeout);
	int retiring = 0, status = case_worker_call(w, &r, &retiring);
	if (o->timeout > 0)
		stop_limit();
	if (w == &tools_worker) {
		/* qpdf and pdftotext return: a worker that ended in one, or retired after it (a leak
		 * under ASan, reported in the call's error file), ends the case; the parent starts another. */
		if (status < 0)
			worker_gone(w);
		shared->retire_tools = retiring;
		if (status < 0 || retiring)
			fail("%s: the tools' worker %s in this call", argv[0], status < 0 ? "died" : "found a leak");
		free(env.v);
		return status;
	}
	if (status < 0) {
		status = shell_status(worker_gone(w));
	} else if (timed_out || retiring) {
		/* A run that outlived its limit but answered (--watch stops on SIGTERM) may have left
		 * anything behind: the next case gets a new worker. */
		if (timed_out)
			kill(-worker.pid, SIGKILL);
		shared->retire = 1;
	}
	free(env.v);
	return status;
}

/* ---- Arguments ---- */

/* The words of ARGS; through bash (in the source tree, with the case's variables in the
 * environment) when split_simple cannot read them alike. */
static void split_args(const char *args, strv *words)
{
	strv simple = {0};
	if (split_simple(args, &simple) == 0) {
		for (size_t i = 0; i < simple.n; i++)
			strv_add(words, simple.v[i]);
		free(simple.v);
		return;
	}
	for (size_t i = 0; i < simple.n; i++)
		free(simple.v[i]);
	free(simple.v);
	str out = {0};
	char *argv[] = {"bash", "-c", "set -u; eval \"set -- $1\" && { [ $# -eq 0 ] || printf '%s\\0' \"$@\"; }", "run_case", (char *)args, NULL};
	spawn_opts o = {.capture = &out};
	if (run(argv, &o) != 0)
		fail("bash could not read the arguments: %s", args);
	for (size_t i = 0; i < out.len; i += strlen(out.p + i) + 1)
		strv_add(words, xstrdup(out.p + i));
	free(out.p);
}

/* ---- The case ---- */

/* The header's fields, and what the run left. */
static struct {
	str exit, expect, setup, args, text, uris, stdin_path, after;
	str warnings, absent, order, model, info; /* a dialect case's (absent: the catalogue's too) */
	str fonts, colours, page, layout, raw_lines, pdfs; /* a catalogue case's reports */
	str process, limit;
	int has_args;
	strv env;
	str stderr_text, buf, pdf_text, qdf;
	strv args_words, argv, wrapper, setup_lines, after_lines, text_lines, want_uris, got_uris, lines;
} c;

/* A header line "PREFIX value" fills FIELD: a list field gathers its lines, newline-separated; any
 * other keeps the last. */
typedef struct {
	const char *prefix;
	str *field;
	int list;
} field_def;

/* The header of the case file at PATH: its lines while they start with '#' (a last line without its
 * newline is not read, as bash's read loop did), into the FIELDS; "# env: " lines into ENV when that
 * is given. */
static void read_header(const char *path, const field_def *fields, size_t n_fields, strv *env)
{
	str file = {0};
	if (read_file(path, &file) != 0)
		fail("cannot read %s: %s", path, strerror(errno));
	char *p = file.p, *end = file.p + file.len;
	while (p < end && *p == '#') {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		*nl = '\0';
		if (env && strncmp(p, "# env: ", 7) == 0)
			strv_add(env, xstrdup(p + 7));
		for (size_t i = 0; i < n_fields; i++) {
			size_t n = strlen(fields[i].prefix);
			if (strncmp(p, fields[i].prefix, n) != 0)
				continue;
			if (fields[i].list) {
				add_line(fields[i].field, p + n);
			} else {
				fields[i].field->len = 0;
				str_adds(fields[i].field, p + n);
			}
			if (fields[i].field == &c.args)
				c.has_args = 1;
			break;
		}
		p = nl + 1;
	}
	free(file.p);
}

/* ARGV: the wrapper's words (CV2PDF_TEST_WRAPPER, valgrind and its options), BIN, then ARGS. */
static void wrapped_argv(const char *bin, const strv *args, strv *argv)
{
	const char *wrapper = getenv("CV2PDF_TEST_WRAPPER");
	if (!c.wrapper.n)
		split_blanks(wrapper ? wrapper : "", &c.wrapper);
	for (size_t i = 0; i < c.wrapper.n; i++)
		strv_add(argv, c.wrapper.v[i]);
	strv_add(argv, (char *)bin);
	for (size_t i = 0; i < args->n; i++)
		strv_add(argv, args->v[i]);
}

/* Runs cv2pdf with ARGS (BIN first) wired as O says: in the worker when IN_PROCESS, else as the
 * program (through the wrapper). */
static int run_cv2pdf(const char *bin, const strv *args, const spawn_opts *o, int in_process)
{
	strv argv = {0};
	int status;
	if (in_process) {
		strv_add(&argv, (char *)bin);
		for (size_t i = 0; i < args->n; i++)
			strv_add(&argv, args->v[i]);
		status = run_in_worker(argv.v, o);
	} else {
		wrapped_argv(bin, args, &argv);
		status = run(argv.v, o);
	}
	free(argv.v);
	return status;
}

/* How this case's cv2pdf runs (RUN_*): its header's "# process: exec REASON" (what only a real
 * process shows: a fifo, /proc/self, --watch's signals) or "# process: worker" (the runner's own
 * tests of the worker), else in the worker, and every SAMPLE_EVERY-th case both ways; every case as
 * the program under --exec or CV2PDF_TEST_WRAPPER. */
static int process_choice(void)
{
	const char *p = c.process.p ? c.process.p : "";
	int exec = strncmp(p, "exec", 4) == 0 && (!p[4] || p[4] == ' ');
	int in = strcmp(p, "worker") == 0;
	if (*p && !exec && !in)
		fail("'# process: %s' is neither 'exec REASON' nor 'worker'", p);
	if (exec_all || exec)
		return RUN_EXEC;
	if (in)
		return RUN_WORKER;
	return case_index % SAMPLE_EVERY == 0 ? RUN_BOTH : RUN_WORKER;
}

/* The program's run and the worker's of the same case agree: the same status (WSTATUS and STATUS) and
 * the same standard error (the files WERR and ERR; $TMP is the same folder). */
static void compare_runs(int wstatus, const char *werr, int status, const char *err)
{
	str a = {0}, b = {0};
	if (read_file(werr, &a) != 0 || read_file(err, &b) != 0)
		fail("cannot read %s or %s: %s", werr, err, strerror(errno));
	if (wstatus != status)
		fail("the program exited %d, the same run in the worker %d (the worker's stderr: %s)", status, wstatus, werr);
	if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0) {
		printf("--- the program's stderr\n%s\n--- the worker's stderr\n%s\n", b.p, a.p);
		fail("the program's stderr and the worker's differ");
	}
	free(a.p);
	free(b.p);
}

/* The hang limit in seconds: CV2PDF_TEST_TIMEOUT in timeout(1)'s forms (a number with an optional
 * unit s, m, h or d), else DEFAULT. */
static double hang_limit(double dflt)
{
	const char *text = getenv("CV2PDF_TEST_TIMEOUT");
	if (!text || !*text)
		return dflt;
	char *unit;
	double limit = strtod(text, &unit);
	if (*unit == 'm')
		limit *= 60;
	else if (*unit == 'h')
		limit *= 3600;
	else if (*unit == 'd')
		limit *= 86400;
	else if (*unit && *unit != 's')
		fail("CV2PDF_TEST_TIMEOUT is not a duration: %s", text);
	return limit;
}

/* The lines of the file STDERR_PATH (cv2pdf's standard error) that are not source excerpts, into
 * GOT (newline-separated, without a trailing newline); the whole text stays in c.stderr_text. NUL
 * bytes are dropped, as bash's read did. */
static void read_diagnostics(const char *stderr_path, str *got)
{
	if (read_file(stderr_path, &c.stderr_text) != 0)
		fail("cannot read %s: %s", stderr_path, strerror(errno));
	str_adds(got, "");
	str text = {0};
	str_adds(&text, "");
	for (size_t i = 0; i < c.stderr_text.len; i++)
		if (c.stderr_text.p[i])
			str_addc(&text, c.stderr_text.p[i]);
	if (text.len && text.p[text.len - 1] == '\n')
		text.p[--text.len] = '\0';
	if (c.stderr_text.len) {
		strv lines = {0};
		split_lines(text.p, &lines);
		for (size_t i = 0; i < lines.n; i++)
			if (!is_excerpt(lines.v[i])) {
				str_adds(got, lines.v[i]);
				str_addc(got, '\n');
			}
		free(lines.v);
	}
	while (got->len && got->p[got->len - 1] == '\n')
		got->p[--got->len] = '\0';
	free(text.p);
}

/* Runs ARGV, a check's qpdf or pdftotext, wired as O says (standard output into O->out or
 * O->capture; standard error into the same (O->err_to_out) or the runner's), through the program's
 * own code in the tools' worker, and every tool_every-th case as the program as well, compared (case_tools.c;
 * the program's files in SCRATCH/tool.*); only as the program under exec_all (valgrind follows
 * programs, not this runner) or when the in-process code does not take the call. A worker, not this
 * runner itself: a process's first use of libqpdf or libpoppler touches as many fresh pages as
 * starting the program did, while a worker reuses what its last call touched. Returns its exit status. */
static int run_tool(char *const argv[], const spawn_opts *o, const char *scratch)
{
	if (exec_all)
		return run(argv, o);
	/* Standard output straight into O's file, where it names one, else into one of the case's. */
	char *wout = o->out ? xstrdup(o->out) : cat2(scratch, "/tool-worker.out");
	char *werr = o->err_to_out ? wout : cat2(scratch, "/tool-worker.err");
	spawn_opts w = {.out = wout, .err = werr, .env = o->env, .cwd = o->cwd};
	int status = call_worker(&tools_worker, argv, &w);
	str out = {0}, err = {0};
	if (status != CASE_WORKER_UNSUPPORTED &&
	    (read_file(wout, &out) != 0 || (!o->err_to_out && read_file(werr, &err) != 0)))
		fail("%s: cannot read the in-process run's output (%s)", argv[0], wout);
	if (werr != wout)
		free(werr);
	free(wout);
	if (status == CASE_WORKER_UNSUPPORTED)
		return run(argv, o);
	if (case_index % tool_every == tool_every - 1) {
		char *pout = cat2(scratch, "/tool.out"), *perr = cat2(scratch, "/tool.err");
		spawn_opts p = {.out = pout, .err = perr, .err_to_out = o->err_to_out};
		str prog_out = {0}, prog_err = {0};
		int prog_status = run(argv, &p);
		if (read_file(pout, &prog_out) != 0 || (!o->err_to_out && read_file(perr, &prog_err) != 0))
			fail("%s: cannot read the program's output (%s)", argv[0], pout);
		tool_compare(argv, scratch, status, &out, o->err_to_out ? NULL : &err, prog_status, &prog_out, &prog_err);
		free(prog_out.p);
		free(prog_err.p);
		free(pout);
		free(perr);
	}
	/* What the program would have left: its output where O says (O->out has it already), its
	 * errors on the runner's. */
	if (o->capture) {
		o->capture->len = 0;
		str_adds(o->capture, "");
		str_add(o->capture, out.p ? out.p : "", out.len);
	}
	fwrite(err.p ? err.p : "", 1, err.len, stderr);
	free(out.p);
	free(err.p);
	return status;
}

/* OUT passes qpdf --check without a warning (its report kept in SCRATCH/qpdf, and shown on failure);
 * a failure names NAME, unless NULL (the case's $OUT). */
static void qpdf_check_named(const char *out, const char *scratch, const char *name)
{
	char *qpdf_path = cat2(scratch, "/qpdf");
	char *qpdf[] = {"qpdf", "--check", (char *)out, NULL};
	spawn_opts q = {.out = qpdf_path, .err_to_out = 1};
	int qs = run_tool(qpdf, &q, scratch);
	read_file(qpdf_path, &c.buf);
	if (qs != 0) {
		fwrite(c.buf.p, 1, c.buf.len, stdout);
		fail("qpdf --check %s%sfailed", name ? name : "", name ? " " : "");
	}
	for (size_t i = 0; i < c.buf.len && c.buf.p[i]; i++)
		c.buf.p[i] = (char)(c.buf.p[i] >= 'A' && c.buf.p[i] <= 'Z' ? c.buf.p[i] - 'A' + 'a' : c.buf.p[i]);
	if (strstr(c.buf.p, "warning")) {
		read_file(qpdf_path, &c.buf);
		fwrite(c.buf.p, 1, c.buf.len, stdout);
		fail("qpdf --check %s%swarned", name ? name : "", name ? " " : "");
	}
	free(qpdf_path);
}

static void qpdf_check(const char *out, const char *scratch)
{
	qpdf_check_named(out, scratch, NULL);
}

/* The text of the PDF OUT (pdftotext) into FLAT, line ends (and page ends, when FORMFEED) read as
 * spaces and runs of spaces as one. */
static void pdf_text(const char *out, const char *scratch, int formfeed, str *flat)
{
	char *pdftotext[] = {"pdftotext", "-q", (char *)out, "-", NULL};
	spawn_opts p = {.capture = &c.pdf_text};
	run_tool(pdftotext, &p, scratch);
	str_adds(flat, "");
	for (const char *s = c.pdf_text.p; *s; s++) {
		char ch = *s == '\n' || (formfeed && *s == '\f') ? ' ' : *s;
		if (ch == ' ' && flat->len && flat->p[flat->len - 1] == ' ')
			continue;
		str_addc(flat, ch);
	}
}

/* qpdf's QDF form of the PDF OUT (uncompressed, a dictionary entry a line), into c.qdf: made once a
 * case, for its links, fonts, colours and page size. */
static const char *qdf_form(const char *out, const char *scratch)
{
	if (!c.qdf.p) {
		char *qdf[] = {"qpdf", "--qdf", "--object-streams=disable", (char *)out, "-", NULL};
		spawn_opts q = {.capture = &c.qdf};
		if (run_tool(qdf, &q, scratch) != 0)
			fail("qpdf --qdf failed on %s", out);
	}
	return c.qdf.p;
}

/* The targets of the link annotations of the PDF OUT, into GOT: the /URI lines of qpdf's QDF form. */
static void link_uris(const char *out, const char *scratch, strv *got)
{
	qdf_form(out, scratch);
	char *s = c.qdf.p, *end = c.qdf.p + c.qdf.len;
	while (s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		char *e = nl ? nl : end;
		char *l = s + strspn(s, " ");
		if (e - l >= 7 && strncmp(l, "/URI (", 6) == 0 && e[-1] == ')') {
			str u = {0};
			str_add(&u, l + 6, (size_t)(e - 1 - (l + 6)));
			strv_add(got, u.p);
		}
		s = e + 1;
	}
}

/* 'fonts:', 'colours:' and 'page:' against the QDF form of the PDF OUT (case_pdf.h). */
static void qdf_checks(const char *out, const char *scratch)
{
	const char *qdf = qdf_form(out, scratch);
	const struct {
		str *field;
		char *(*read)(const char *);
		const char *what;
	} reports[] = {{&c.fonts, qdf_fonts, "fonts"}, {&c.colours, qdf_fills, "fill colours"}, {&c.page, qdf_page_size, "page size"}};
	for (size_t r = 0; r < 3; r++) {
		if (!reports[r].field->len)
			continue;
		char *got = reports[r].read(qdf);
		if (!got || strcmp(got, reports[r].field->p) != 0)
			fail("%s: got '%s', expected '%s'", reports[r].what, got ? got : "(none)", reports[r].field->p);
		free(got);
	}
}

/* 'text:' lines must all be in TEXT, 'absent:' lines none: a copy of the first line that does not
 * hold (*PRESENT says whether it should have been there), or NULL. */
static char *text_lines_miss(const char *text, int *present)
{
	const struct {
		str *field;
		int present;
	} words[] = {{&c.text, 1}, {&c.absent, 0}};
	for (size_t w = 0; w < 2; w++) {
		char *list = xstrdup(words[w].field->p ? words[w].field->p : "");
		strv lines = {0};
		split_lines(list, &lines);
		char *miss = NULL;
		for (size_t i = 0; i < lines.n && !miss; i++)
			if (*lines.v[i] && (strstr(text, lines.v[i]) != NULL) != words[w].present)
				miss = xstrdup(lines.v[i]);
		free(lines.v);
		free(list);
		if (miss) {
			*present = words[w].present;
			return miss;
		}
	}
	return NULL;
}

/* Each 'lines:' line (basic regular expressions separated by " | "): consecutive lines of the PDF
 * OUT's text as pdftotext -raw gives it (in reading order) match them, in order. */
static void raw_lines_check(const char *out, const char *scratch)
{
	str raw = {0};
	char *pdftotext[] = {"pdftotext", "-q", "-raw", (char *)out, "-", NULL};
	spawn_opts p = {.capture = &raw};
	if (run_tool(pdftotext, &p, scratch) != 0)
		fail("pdftotext -raw failed on %s", out);
	char *list = xstrdup(c.raw_lines.p);
	strv lines = {0};
	split_lines(list, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		strv res = {0};
		char *line = xstrdup(lines.v[i]);
		for (char *part = line, *bar; part; part = bar ? bar + 3 : NULL) {
			bar = strstr(part, " | ");
			if (bar)
				*bar = '\0';
			strv_add(&res, part);
		}
		int m = lines_match_in_order(raw.p, res.v, res.n);
		if (m < 0)
			fail("'# lines: %s' holds a pattern that is not a regular expression", lines.v[i]);
		if (!m) {
			printf("--- pdftotext -raw\n%s\n", raw.p);
			fail("no lines of the PDF's text match '%s' in turn", lines.v[i]);
		}
		free(res.v);
		free(line);
	}
	free(lines.v);
	free(list);
	free(raw.p);
}

/* 'layout:' lines: each matches a line of cv2pdf's --dump=layout of the case's arguments (run as the
 * case's cv2pdf ran, by HOW, in LIMIT seconds), which stays in $TMP/layout for the after lines. */
static void layout_check(const char *bin, const char *scratch, int how, double limit)
{
	char *layout = cat2(scratch, "/layout"), *err = cat2(scratch, "/layout.err");
	strv args = {0};
	for (size_t i = 0; i < c.args_words.n; i++)
		strv_add(&args, c.args_words.v[i]);
	strv_add(&args, "--dump=layout");
	spawn_opts o = {.in = "/dev/null", .out = layout, .err = err, .env = &c.env, .timeout = limit > 0 ? limit : 0};
	int status = run_cv2pdf(bin, &args, &o, how != RUN_EXEC);
	if (timed_out)
		fail("--dump=layout timed out after %g s (a hang)", limit);
	if (status != 0)
		fail("--dump=layout exited %d (its stderr: %s)", status, err);
	str dump = {0};
	if (read_file(layout, &dump) != 0)
		fail("cannot read %s: %s", layout, strerror(errno));
	char *list = xstrdup(c.layout.p);
	strv lines = {0};
	split_lines(list, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		int m = some_line_matches(dump.p, lines.v[i]);
		if (m < 0)
			fail("'# layout: %s' is not a regular expression", lines.v[i]);
		if (!m)
			fail("no line of --dump=layout matches '%s' (the dump: %s)", lines.v[i], layout);
	}
	free(lines.v);
	free(list);
	free(dump.p);
	free(args.v);
	free(layout);
	free(err);
}

/* Runs the catalogue case REL (a path relative to SRC, the working folder) in the empty folder
 * SCRATCH; fails (fail: back to run_one_case) at the first check that does not hold. */
static void catalogue_case(const char *bin, const char *src, const char *rel, const char *scratch)
{
	char *out = cat2(scratch, "/out.pdf");
	setenv("CASE", rel, 1);
	setenv("SRC", src, 1);
	setenv("BIN", bin, 1);
	setenv("TMP", scratch, 1);
	setenv("OUT", out, 1);

	static const field_def fields[] = {
		{"# exit ", &c.exit, 0},	  {"# expect: ", &c.expect, 1}, {"# setup: ", &c.setup, 1},
		{"# args: ", &c.args, 0},	  {"# text: ", &c.text, 1},	{"# uris: ", &c.uris, 0},
		{"# stdin: ", &c.stdin_path, 0}, {"# after: ", &c.after, 1},	{"# process: ", &c.process, 0},
		{"# limit: ", &c.limit, 0},	  {"# absent: ", &c.absent, 1}, {"# fonts: ", &c.fonts, 0},
		{"# colours: ", &c.colours, 0}, {"# page: ", &c.page, 0},	{"# layout: ", &c.layout, 1},
		{"# lines: ", &c.raw_lines, 1},	  {"# pdfs: ", &c.pdfs, 0},
	};
	read_header(rel, fields, sizeof fields / sizeof *fields, &c.env);
	char *endp;
	errno = 0;
	long want_exit = strtol(c.exit.p ? c.exit.p : "", &endp, 10);
	if (!c.exit.p || !*c.exit.p || strspn(c.exit.p, "0123456789") != c.exit.len || errno)
		fail("no '# exit N' line");
	char *expect = replace_all(c.expect.p ? c.expect.p : "", "$TMP", scratch);
	for (size_t i = 0; i < c.env.n; i++) {
		char *line = c.env.v[i], *a = replace_all(line, "$TMP", scratch);
		c.env.v[i] = replace_all(a, "$SRC", src);
		free(a);
		free(line);
	}
	char *stdin_path = replace_all(c.stdin_path.p ? c.stdin_path.p : "", "$TMP", scratch);

	if (c.setup.len) {
		strv one = {0};
		strv_add(&one, c.setup.p); /* all setup lines in one shell, as one script */
		if (run_bash(scratch, 1, &one, NULL) != 0)
			fail("setup failed");
		free(one.v);
	}
	static const char before[] = "a pre-existing output file\n";
	FILE *f = fopen(out, "w");
	if (!f || fputs(before, f) < 0 || fclose(f) != 0)
		fail("cannot write %s", out);

	if (c.has_args && c.args.len)
		split_args(c.args.p, &c.args_words);
	else {
		strv_add(&c.args_words, (char *)rel);
		strv_add(&c.args_words, "-o");
		strv_add(&c.args_words, out);
	}
	double limit = hang_limit(DEFAULT_TIMEOUT);
	if (c.limit.len) {
		char *end;
		limit = strtod(c.limit.p, &end);
		if (*end || !(limit > 0))
			fail("'# limit: %s' is not a number of seconds", c.limit.p);
	}
	char *stdout_path = cat2(scratch, "/stdout"), *stderr_path = cat2(scratch, "/stderr");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	spawn_opts o = {.in = *stdin_path ? stdin_path : "/dev/null", .out = stdout_path, .err = stderr_path,
			.env = &c.env, .timeout = limit > 0 ? limit : 0};
	/* Both ways only where the first run cannot change what the second finds: no setup, no checks
	 * after, no stdin, and no file of $TMP but $OUT (written afresh before the second run). */
	int how = process_choice();
	if (how == RUN_BOTH && (c.setup.len || c.after.len || c.stdin_path.len || (c.has_args && strstr(c.args.p, "$TMP"))))
		how = RUN_EXEC;
	shared->how = how;
	int status;
	if (how == RUN_BOTH) {
		char *wout = cat2(scratch, "/stdout.worker"), *werr = cat2(scratch, "/stderr.worker");
		spawn_opts wo = o;
		wo.out = wout;
		wo.err = werr;
		int wstatus = run_cv2pdf(bin, &c.args_words, &wo, 1);
		if (timed_out)
			fail("timed out after %g s in the worker (a hang)", limit);
		f = fopen(out, "w");
		if (!f || fputs(before, f) < 0 || fclose(f) != 0)
			fail("cannot write %s", out);
		status = run_cv2pdf(bin, &c.args_words, &o, 0);
		if (timed_out)
			fail("timed out after %g s (a hang)", limit);
		compare_runs(wstatus, werr, status, stderr_path);
		shared->how |= RUN_COMPARED;
		free(wout);
		free(werr);
	} else {
		status = run_cv2pdf(bin, &c.args_words, &o, how == RUN_WORKER);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	if (timed_out)
		fail("timed out after %g s (a hang)", limit);

	/* Every line of stderr but the source excerpts must be expected: a sanitizer report or a crash
	 * message fails the case. */
	str got = {0};
	read_diagnostics(stderr_path, &got);
	if (strcmp(got.p, expect) != 0) {
		printf("--- expected diagnostics\n%s\n--- actual stderr\n", expect);
		fwrite(c.stderr_text.p, 1, c.stderr_text.len, stdout);
		fail("diagnostics differ");
	}
	if (status != want_exit)
		fail("exit status %d, expected %ld", status, want_exit);

	int out_unchanged = read_file(out, &c.buf) == 0 && c.buf.len == sizeof before - 1 && memcmp(c.buf.p, before, c.buf.len) == 0;
	if (status != 0) {
		if (!out_unchanged)
			fail("the pre-existing output file was changed");
		struct stat st;
		if (stat(stdout_path, &st) == 0 && st.st_size > 0)
			fail("wrote to standard output on failure");
	} else if (!out_unchanged) {
		qpdf_check(out, scratch);
	}
	if (status == 0 && (c.text.len || c.absent.len)) {
		/* Each line of 'text:' must be in the PDF's text, none of 'absent:'. */
		str flat = {0};
		pdf_text(out, scratch, 0, &flat);
		int present;
		char *miss = text_lines_miss(flat.p, &present);
		if (miss)
			fail("the PDF %s the text '%s'", present ? "lacks" : "shows", miss);
		free(flat.p);
	}
	if (status == 0 && c.raw_lines.len)
		raw_lines_check(out, scratch);
	if (status == 0 && (c.fonts.len || c.colours.len || c.page.len))
		qdf_checks(out, scratch);
	if (c.layout.len)
		layout_check(bin, scratch, how, limit);
	if (c.pdfs.len) {
		/* Other PDFs the run wrote (a variant's output, a link's target), relative to $TMP. */
		strv files = {0};
		split_blanks(c.pdfs.p, &files);
		for (size_t i = 0; i < files.n; i++) {
			char *dir = cat2(scratch, "/"), *path = cat2(dir, files.v[i]);
			qpdf_check_named(path, scratch, files.v[i]);
			free(dir);
			free(path);
			free(files.v[i]);
		}
		free(files.v);
	}
	if (status == 0 && c.uris.len) {
		/* The link annotations' targets and the expected ones, each sorted, as one line of words. */
		link_uris(out, scratch, &c.got_uris);
		split_blanks(c.uris.p, &c.want_uris);
		char *got_line = sorted_words(&c.got_uris), *want_line = sorted_words(&c.want_uris);
		if (strcmp(got_line, want_line) != 0)
			fail("links: got '%s', expected '%s'", got_line, c.uris.p);
		free(got_line);
		free(want_line);
	}
	if (c.after.len) {
		/* Each line on its own, in one shell (a subshell each), with the case's environment. */
		char *after = xstrdup(c.after.p);
		split_lines(after, &c.after_lines);
		int failed = run_bash(scratch, 0, &c.after_lines, &c.env);
		if (failed >= 1 && (size_t)failed <= c.after_lines.n)
			fail("the check after the run failed: %s", c.after_lines.v[failed - 1]);
		if (failed)
			fail("the checks after the run failed (status %d)", failed);
		free(after);
	}
	str left = {0};
	str_adds(&left, "");
	find_temporaries(scratch, &left);
	char *errors_dir = cat2(src, "/tests/errors");
	find_temporaries(errors_dir, &left);
	if (left.len)
		fail("temporary files left behind: %s", left.p);
	printf("ok %s (exit %d, %ld ms)\n", rel, status, ms);
	free(left.p);
	free(errors_dir);
	free(got.p);
	free(expect);
	free(stdin_path);
	free(stdout_path);
	free(stderr_path);
	free(out);
}

/* Fails with WHAT after showing LABEL and TEXT on standard output (what the check looked at). */
__attribute__((noreturn)) static void fail_showing(const char *label, const char *text, const char *what)
{
	printf("--- %s\n%s\n", label, text);
	fail("%s", what);
}

/* Runs the dialect case REL (a path relative to the working folder) in the empty folder SCRATCH. */
static void dialect_case(const char *bin, const char *rel, const char *scratch)
{
	char *out = cat2(scratch, "/out.pdf");
	/* A .json case's header is in the file of the same name ending in .expect. */
	str spec = {0};
	const char *slash = strrchr(rel, '/'), *dot = strrchr(rel, '.');
	str_add(&spec, rel, dot && (!slash || dot > slash) ? (size_t)(dot - rel) : strlen(rel));
	str_adds(&spec, ".expect");
	if (access(spec.p, F_OK) != 0) {
		spec.len = 0;
		str_adds(&spec, rel);
	}
	static const field_def fields[] = {
		{"# args: ", &c.args, 1},   {"# warnings: ", &c.warnings, 1}, {"# expect: ", &c.expect, 1},
		{"# text: ", &c.text, 1},   {"# absent: ", &c.absent, 1},     {"# order: ", &c.order, 1},
		{"# uris: ", &c.uris, 1},   {"# model: ", &c.model, 1},	      {"# info: ", &c.info, 1},
		{"# process: ", &c.process, 0},
	};
	read_header(spec.p, fields, sizeof fields / sizeof *fields, NULL);
	long want_warnings = 0;
	if (c.warnings.len) {
		char *endp;
		want_warnings = strtol(c.warnings.p, &endp, 10);
		if (*endp || strspn(c.warnings.p, "0123456789") != c.warnings.len)
			fail("'# warnings: %s' is not one number", c.warnings.p);
	}
	/* The same output for every run: a fixed date, the shipped fonts (here, in the runner's
	 * environment, for cv2pdf and the --dump=model run alike: every dialect case sets the same). */
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	char *font_dir = cat2(getenv("PWD"), "/fonts");
	setenv("CV2PDF_FONT_DIR", font_dir, 1);
	strv args = {0};
	strv_add(&args, (char *)rel);
	strv_add(&args, "-o");
	strv_add(&args, out);
	if (c.args.len)
		split_args(c.args.p, &c.args_words);
	for (size_t i = 0; i < c.args_words.n; i++)
		strv_add(&args, c.args_words.v[i]);
	double limit = hang_limit(DIALECT_TIMEOUT);
	char *stdout_path = cat2(scratch, "/stdout"), *stderr_path = cat2(scratch, "/stderr");
	spawn_opts o = {.in = "/dev/null", .out = stdout_path, .err = stderr_path, .timeout = limit > 0 ? limit : 0};
	int how = process_choice(), status;
	shared->how = how;
	if (how == RUN_BOTH) {
		/* The worker's run first, its PDF moved aside; the program's run is the one checked, and
		 * both agree on the status, the diagnostics and (a fixed date, the same fonts) the PDF. */
		char *werr = cat2(scratch, "/stderr.worker"), *wpdf = cat2(scratch, "/out.worker.pdf");
		spawn_opts wo = o;
		wo.err = werr;
		int wstatus = run_cv2pdf(bin, &args, &wo, 1);
		if (timed_out)
			fail("timed out after %g s in the worker (a hang)", limit);
		if (wstatus == 0 && rename(out, wpdf) != 0)
			fail("cannot move %s aside: %s", out, strerror(errno));
		status = run_cv2pdf(bin, &args, &o, 0);
		if (timed_out)
			fail("timed out after %g s (a hang)", limit);
		compare_runs(wstatus, werr, status, stderr_path);
		str a = {0}, b = {0};
		if (status == 0 && (read_file(wpdf, &a) != 0 || read_file(out, &b) != 0 || a.len != b.len || memcmp(a.p, b.p, a.len) != 0))
			fail("the program's PDF and the worker's (%s) differ", wpdf);
		shared->how |= RUN_COMPARED;
		free(a.p);
		free(b.p);
		free(werr);
		free(wpdf);
	} else {
		status = run_cv2pdf(bin, &args, &o, how == RUN_WORKER);
	}
	if (timed_out)
		fail("timed out after %g s (a hang)", limit);

	/* The diagnostics: stderr without the source excerpts. */
	str diags = {0};
	read_diagnostics(stderr_path, &diags);
	long errors = 0, warnings = 0;
	char *diag_copy = xstrdup(diags.p);
	if (diags.len)
		split_lines(diag_copy, &c.lines);
	for (size_t i = 0; i < c.lines.n; i++) {
		const char *l = c.lines.v[i];
		errors += strstr(l, ": error: ") != NULL;
		warnings += l[0] && l[0] != ' ' && strstr(l + 1, ": warning: ") != NULL;
	}
	char what[160];
	if (status != 0) {
		snprintf(what, sizeof what, "exit status %d", status);
		fail_showing("stderr", c.stderr_text.p, what);
	}
	if (errors)
		fail_showing("stderr", c.stderr_text.p, "an error");
	if (warnings != want_warnings) {
		snprintf(what, sizeof what, "%ld warnings, expected %ld", warnings, want_warnings);
		fail_showing("stderr", c.stderr_text.p, what);
	}
	str msg = {0};
	char *expect = xstrdup(c.expect.p ? c.expect.p : "");
	strv expects = {0};
	split_lines(expect, &expects);
	for (size_t i = 0; i < expects.n; i++)
		if (*expects.v[i] && !strstr(diags.p, expects.v[i])) {
			str_adds(&msg, "no diagnostic with '");
			str_adds(&msg, expects.v[i]);
			str_adds(&msg, "'");
			fail_showing("stderr", c.stderr_text.p, msg.p);
		}

	qpdf_check(out, scratch);
	str text = {0};
	pdf_text(out, scratch, 1, &text);
	int present;
	char *miss = text_lines_miss(text.p, &present);
	if (miss) {
		str_adds(&msg, present ? "the PDF lacks '" : "the PDF shows '");
		str_adds(&msg, miss);
		str_adds(&msg, "'");
		fail_showing("text", text.p, msg.p);
	}
	/* Each 'order:' line: its parts, split at '|' and trimmed of spaces, one after another. */
	if (c.order.len) {
		char *orders = xstrdup(c.order.p);
		strv lines = {0};
		split_lines(orders, &lines);
		for (size_t i = 0; i < lines.n; i++) {
			const char *rest = text.p;
			char *line = xstrdup(lines.v[i]);
			for (char *part = lines.v[i], *bar; part; part = bar ? bar + 1 : NULL) {
				bar = strchr(part, '|');
				if (bar)
					*bar = '\0';
				part += strspn(part, " ");
				size_t n = strlen(part);
				while (n && part[n - 1] == ' ')
					part[--n] = '\0';
				const char *hit = strstr(rest, part);
				if (!hit) {
					str_adds(&msg, "'");
					str_adds(&msg, part);
					str_adds(&msg, "' is not where the order '");
					str_adds(&msg, line);
					str_adds(&msg, "' puts it");
					fail_showing("text", text.p, msg.p);
				}
				rest = hit + n;
			}
			free(line);
		}
		free(lines.v);
		free(orders);
	}
	/* 'uris:' are among the link annotations' targets. */
	if (c.uris.len) {
		link_uris(out, scratch, &c.got_uris);
		split_blanks(c.uris.p, &c.want_uris);
		str links = {0};
		str_adds(&links, "");
		for (size_t i = 0; i < c.got_uris.n; i++)
			add_line(&links, c.got_uris.v[i]);
		for (size_t i = 0; i < c.want_uris.n; i++) {
			size_t j = 0;
			while (j < c.got_uris.n && strcmp(c.got_uris.v[j], c.want_uris.v[i]) != 0)
				j++;
			if (j == c.got_uris.n) {
				str_adds(&msg, "no link to ");
				str_adds(&msg, c.want_uris.v[i]);
				fail_showing("links", links.p, msg.p);
			}
		}
		free(links.p);
	}
	/* 'model:' lines are in --dump=model's output (cv2pdf run directly, as a user would to look),
	 * 'info:' lines in pdfinfo's. */
	const struct {
		str *field;
		const char *label, *fmt;
	} reports[] = {{&c.model, "model", "the model lacks '"}, {&c.info, "pdfinfo", "pdfinfo lacks '"}};
	for (size_t r = 0; r < 2; r++) {
		if (!reports[r].field->len)
			continue;
		str report = {0};
		strv argv = {0};
		if (r == 0) {
			strv_add(&argv, (char *)bin);
			strv_add(&argv, (char *)rel);
			strv_add(&argv, "--dump=model");
			for (size_t i = 0; i < c.args_words.n; i++)
				strv_add(&argv, c.args_words.v[i]);
		} else {
			strv_add(&argv, "pdfinfo");
			strv_add(&argv, out);
		}
		spawn_opts ro = {.in = "/dev/null", .err = "/dev/null", .capture = &report, .timeout = limit > 0 ? limit : 0};
		if (r == 0 && how != RUN_EXEC) {
			/* The worker writes the model to a file (it takes no pipe). */
			char *model = cat2(scratch, "/model");
			ro.capture = NULL;
			ro.out = model;
			run_in_worker(argv.v, &ro);
			if (read_file(model, &report) != 0)
				fail("cannot read %s: %s", model, strerror(errno));
			free(model);
		} else {
			run(argv.v, &ro);
		}
		if (timed_out)
			fail("%s timed out after %g s (a hang)", argv.v[0], limit);
		char *list = xstrdup(reports[r].field->p);
		strv lines = {0};
		split_lines(list, &lines);
		for (size_t i = 0; i < lines.n; i++)
			if (!strstr(report.p, lines.v[i])) {
				str_adds(&msg, reports[r].fmt);
				str_adds(&msg, lines.v[i]);
				str_adds(&msg, "'");
				fail_showing(reports[r].label, report.p, msg.p);
			}
		free(lines.v);
		free(list);
		free(argv.v);
		free(report.p);
	}
	printf("ok %s (%ld warnings)\n", rel, warnings);
	free(msg.p);
	free(text.p);
	free(expects.v);
	free(expect);
	free(diag_copy);
	free(diags.p);
	free(args.v);
	free(stdout_path);
	free(stderr_path);
	free(font_dir);
	free(spec.p);
	free(out);
}

/* ---- The runner ---- */

/* The fields of the case that ran, and what its checks read, emptied for the next (c.wrapper, the
 * same for every case, stays). Strings that c's lists own are freed; a failed case's own locals are
 * not (a few, small). */
static void case_reset(void)
{
	str *texts[] = {&c.exit,	&c.expect, &c.setup,	  &c.args,	&c.text,	&c.uris,  &c.stdin_path,
			&c.after,	&c.warnings, &c.absent,	  &c.order,	&c.model,	&c.info,  &c.process,
			&c.limit,	&c.fonts,  &c.colours,	  &c.page,	&c.layout,	&c.raw_lines, &c.pdfs,
			&c.stderr_text, &c.buf,	   &c.pdf_text,	  &c.qdf};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		free(texts[i]->p);
	strv *owned[] = {&c.env, &c.got_uris, &c.want_uris};
	for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
		for (size_t j = 0; j < owned[i]->n; j++)
			free(owned[i]->v[j]);
	strv *lists[] = {&c.env,	 &c.args_words, &c.argv,     &c.setup_lines, &c.after_lines,
			 &c.text_lines, &c.want_uris,  &c.got_uris, &c.lines};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		free(lists[i]->v);
	strv wrapper = c.wrapper;
	memset(&c, 0, sizeof c);
	c.wrapper = wrapper;
}

/* Runs the case REL in its empty scratch folder DIR, in this process; returns whether it passed (a
 * failed check prints its FAIL line and jumps back here). Under AddressSanitizer the case's
 * allocations are not leak-checked: a failed case leaves its locals behind, which the leak check at
 * the runner's end would report (and end it with another status than the failed case's 1). */
static int run_one_case(int dialect, const char *bin, const char *src, const char *rel, const char *dir)
{
	jmp_buf jump;
	volatile int passed = 0;
	fflush(NULL);
#ifdef RUNNER_LSAN
	__lsan_disable();
#endif
	if (setjmp(jump) == 0) {
		case_jump = &jump;
		if (dialect)
			dialect_case(bin, rel, dir);
		else
			catalogue_case(bin, src, rel, dir);
		passed = 1;
	}
	case_jump = NULL;
#ifdef RUNNER_LSAN
	__lsan_enable();
#endif
	stop_limit(); /* a check that failed with a hang limit running */
	fflush(NULL);
	case_reset();
	return passed;
}

/* Runs CASES (paths relative to SRC, the working folder) one after another, each in a scratch folder
 * of its own below SCRATCH; prints the summary. Returns the exit status: 1 when a case
 * failed, 2 when the scratch folder cannot be made. */
static int run_cases(int dialect, const char *bin, const char *src, const char *scratch, const strv *cases,
		     const size_t *index)
{
	if (make_dirs(scratch) != 0) {
		fprintf(stderr, "run_case: cannot make %s: %s\n", scratch, strerror(errno));
		return 2;
	}
	/* Two runs sharing a scratch folder (two ctest runs in one build tree) would empty each other's
	 * case folders mid-case: the second waits for the first. */
	char *lock_path = cat2(scratch, "/.run_case.lock");
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) != 0) {
		printf("run_case: waiting for another run in %s\n", scratch);
		fflush(stdout);
		while (flock(lock, LOCK_EX) != 0 && errno == EINTR)
			;
	}
	free(lock_path);
	limit_handler();

	/* The request file of the bash of setup and after lines: beside the cases' folders, not in one. */
	shell_request = cat2(scratch, "/.shell-request");
	str failed = {0};
	str_adds(&failed, "");
	size_t n_failed = 0, n_worker = 0, n_exec = 0, n_compared = 0;
	for (size_t k = 0; k < cases->n; k++) {
		const char *rel = cases->v[k];
		case_name = rel;
		case_index = index[k];
		char *dir = case_scratch(scratch, rel);
		remove_tree(dir);
		if (mkdir(dir, 0777) != 0)
			fail("cannot make %s: %s", dir, strerror(errno));
		/* The worker, started here so that this process (its parent) learns how it ends; a new
		 * one after one died or retired. */
		if (!exec_all && !worker.pid && case_worker_start(&worker) != 0)
			fail("cannot start the in-process worker: %s", strerror(errno));
		if (!exec_all && !tools_worker.pid && case_worker_start(&tools_worker) != 0)
			fail("cannot start the tools' worker: %s", strerror(errno));
		shared->how = shared->retire = shared->retire_tools = 0;
		/* The case in this process: a failed check jumps back here (fail). Forking a child per
		 * case, as before, cost some 66 page faults and a fork (~2.5 ms of CPU) a case. What a
		 * case changes stays its own all the same: its variables are set anew by each case, its
		 * programs and cv2pdf run in processes of their own, and case_reset clears its fields. */
		int passed = run_one_case(dialect, bin, src, rel, dir);
		if (worker.pid && shared->retire) {
			int end = case_worker_stop(&worker);
			(void)end; /* killed at the hang limit, or ended after a leak its case reported */
		}
		if (tools_worker.pid && shared->retire_tools) {
			int end = case_worker_stop(&tools_worker);
			(void)end; /* its case failed, saying why */
		}
		n_worker += (shared->how & RUN_WORKER) != 0;
		n_exec += (shared->how & RUN_EXEC) != 0;
		n_compared += (shared->how & RUN_COMPARED) != 0;
		if (passed) {
			remove_tree(dir);
		} else {
			/* Kept to look at, with any permission its setup took away given back (so that
			 * rm -rf of the build tree works too). */
			walk(dir, 1, give_back, NULL);
			if (n_failed++)
				str_addc(&failed, ' ');
			str_adds(&failed, rel);
		}
		free(dir);
	}
	if (shell.pid)
		case_shell_stop(&shell);
	free(shell_request);
	/* The workers' ends: under AddressSanitizer their last leak checks, which write to this runner's
	 * standard error (the workers' own again) and fail the shard. */
	case_worker *const workers[] = {&worker, &tools_worker};
	const char *const worker_names[] = {"(the in-process worker)", "(the tools' worker)"};
	for (size_t i = 0; i < 2; i++) {
		case_name = worker_names[i];
		if (!workers[i]->pid)
			continue;
		int end = case_worker_stop(workers[i]);
		if (end == -1 || !WIFEXITED(end) || WEXITSTATUS(end) != 0) {
			fprintf(stderr, "FAIL %s ended with status %d (its report above)\n", worker_names[i],
				end == -1 ? -1 : shell_status(end));
			if (n_failed++)
				str_addc(&failed, ' ');
			str_adds(&failed, worker_names[i]);
		}
	}
	fflush(stdout);
	char ways[160];
	snprintf(ways, sizeof ways, "cv2pdf in the worker: %zu, as the program: %zu, both ways compared: %zu", n_worker,
		 n_exec, n_compared);
	if (n_failed)
		fprintf(stderr, "FAILED %zu of %zu cases: %s (their files: %s; %s)\n", n_failed, cases->n, failed.p, scratch,
			ways);
	else
		printf("all %zu cases passed (%s)\n", cases->n, ways);
	free(failed.p);
	if (lock >= 0)
		close(lock);
	return n_failed ? 1 : 0;
}

/* PATH made absolute against the working folder; a bare name stays as it is when PROGRAM (for execvp
 * to find on PATH). */
static char *absolute(const char *path, int program)
{
	char cwd[4096];
	if (path[0] == '/' || (program && !strchr(path, '/')) || !getcwd(cwd, sizeof cwd))
		return xstrdup(path);
	char *dir = cat2(cwd, "/"), *abs = cat2(dir, path);
	free(dir);
	return abs;
}

/* "NAME=" and the first line of the file FILE beside the program BIN (its build tree's record of a
 * shipped data folder), or NULL when there is none. */
static char *data_dir_entry(const char *bin, const char *file, const char *name)
{
	const char *slash = strrchr(bin, '/');
	if (!slash)
		return NULL;
	str path = {0}, text = {0};
	str_add(&path, bin, (size_t)(slash + 1 - bin));
	str_adds(&path, file);
	char *entry = NULL;
	if (read_file(path.p, &text) == 0 && text.len) {
		text.p[strcspn(text.p, "\r\n")] = '\0';
		if (*text.p)
			entry = cat2(name, text.p);
	}
	free(path.p);
	free(text.p);
	return entry;
}

static void usage(void)
{
	fputs("usage: run_case [--dialect] [--shard K/N|all/N] [--list] [--exec] CV2PDF SOURCE_DIR SCRATCH_DIR CASE...\n"
	      "  CASE: a case file or a folder of them (*.yaml, *.yml, *.json), relative to SOURCE_DIR\n",
	      stderr);
	exit(2);
}

/* The shard (0 to SHARDS - 1) that runs the K-th case (from 0) of the whole list: --shard's choice
 * and --shard all/N's listing alike. */
static unsigned long shard_of(size_t k, unsigned long shards)
{
	return (unsigned long)(k % shards);
}

int main(int argc, char **argv)
{
	int dialect = 0, list = 0, exec = 0, all_shards = 0;
	unsigned long shard = 0, shards = 1;
	int i = 1;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		char *end;
		if (strcmp(argv[i], "--dialect") == 0) {
			dialect = 1;
		} else if (strcmp(argv[i], "--list") == 0) {
			list = 1;
		} else if (strcmp(argv[i], "--exec") == 0) {
			exec = 1;
		} else if (strcmp(argv[i], "--shard") == 0 && i + 1 < argc) {
			errno = 0;
			all_shards = strncmp(argv[++i], "all/", 4) == 0;
			shard = all_shards ? 0 : strtoul(argv[i], &end, 10);
			if (all_shards)
				end = argv[i] + 3;
			if (*end != '/' || errno)
				usage();
			shards = strtoul(end + 1, &end, 10);
			if (*end || errno || shards == 0 || shard >= shards)
				usage();
		} else {
			usage();
		}
	}
	if (argc - i < 4 || (all_shards && !list))
		usage();
	/* The program and the scratch folder as absolute paths (cases run in other folders), relative
	 * to where the runner started; the source folder as its real path. */
	char *bin = absolute(argv[i], 1), *scratch = absolute(argv[i + 2], 0), src[4096];
	if (chdir(argv[i + 1]) != 0 || !getcwd(src, sizeof src)) {
		fprintf(stderr, "run_case: %s: %s\n", argv[i + 1], strerror(errno));
		return 2;
	}
	/* As cd does: bash started below takes $PWD as its folder (the setup lines' $OLDPWD). */
	setenv("PWD", src, 1);
	strv all = {0}, cases = {0};
	for (int a = i + 3; a < argc; a++)
		add_cases(src, argv[a], &all);
	size_t *index = xrealloc(NULL, all.n * sizeof *index);
	for (size_t k = 0; k < all.n; k++)
		if (shard_of(k, shards) == shard) {
			index[cases.n] = k;
			strv_add(&cases, all.v[k]);
		}
	const char *wrapper = getenv("CV2PDF_TEST_WRAPPER");
	font_dir_entry = data_dir_entry(bin, "cv2pdf-font-dir", "CV2PDF_FONT_DIR=");
	theme_dir_entry = data_dir_entry(bin, "cv2pdf-theme-dir", "CV2PDF_THEME_DIR=");
	exec_all = exec || (wrapper && wrapper[strspn(wrapper, " \t")]) || !font_dir_entry || !theme_dir_entry;
	const char *guard = getenv("CV2PDF_TEST_GUARD_EVERY");
	if (guard && atoi(guard) > 0)
		tool_every = (size_t)atoi(guard);
	/* The tools' code (libqpdf, libpoppler) is loaded by the tools' worker on its first call, not
	 * here: every worker forked from this process would copy its mappings (and a case's child, when
	 * each case had one, ran its C++ destructors at its exit). */
	int status = 0;
	if (list && all_shards) {
		for (size_t k = 0; k < all.n; k++)
			printf("%lu %s\n", shard_of(k, shards), all.v[k]);
	} else if (list) {
		for (size_t k = 0; k < cases.n; k++)
			printf("%s\n", cases.v[k]);
	} else {
		status = run_cases(dialect, bin, src, scratch, &cases, index);
	}
	free(index);
	free(font_dir_entry);
	free(theme_dir_entry);
	for (size_t k = 0; k < all.n; k++)
		free(all.v[k]);
	free(all.v);
	free(cases.v);
	free(scratch);
	free(bin);
	return status;
}
