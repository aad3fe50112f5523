/* case_worker: cv2pdf's command line run case after case in one process (see case_worker.h).
 * Per run the worker sets up what a fresh process of the program would find (working folder, the
 * whole environment, umask, standard streams on the case's files, default signal handlers, no stdio
 * state left from the last run), calls cv_cli_main (or, for a check's qpdf or pdftotext, that
 * program's own code: tests/tools/pdf_tools.h), flushes, and puts its own back: nothing one run
 * leaves changes the next. What it cannot reset it does not hide: a run that calls exit() or dies of a
 * signal ends the worker, and the caller reports that end as the run's status (the runner starts a
 * new worker for the next case).
 * Under AddressSanitizer each run ends with a leak check whose report goes to the run's standard
 * error (so the case that leaked fails by name); a worker that found a leak ends, so that the next
 * case starts clean. The worker's own end (its last leak check) writes to the runner's standard
 * error, and a status other than 0 fails the runner.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "case_worker.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "pdf_tools.h"

#if defined(__SANITIZE_ADDRESS__)
#define WORKER_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WORKER_LSAN 1
#endif
#endif
#ifdef WORKER_LSAN
int __lsan_do_recoverable_leak_check(void);
#endif

/* The most arguments and environment entries one run takes: the catalogue's runs have a few dozen. */
#define MAX_WORDS 4096

/* A request: its length and sequence number, then NUL-terminated words (umask in octal, folder,
 * stdin, stdout, stderr, the number of arguments, the arguments, the environment). A reply: the
 * sequence number, the status and whether the worker ends after it. The number ties a reply to its request: a reply that a killed
 * caller never read is not taken for the next caller's. */
typedef struct {
	uint32_t len, seq;
} req_head;
typedef struct {
	uint32_t seq;
	int32_t status, retiring;
} reply;

static int read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	while (n) {
		ssize_t got = read(fd, p, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

/* The signal dispositions a program started by the runner gets (exec makes a handler the default and
 * keeps an ignored signal ignored), and the signal mask: taken when the worker starts, put back
 * after each run (--watch installs handlers for SIGINT and SIGTERM). */
static struct sigaction start_actions[NSIG];
static sigset_t start_mask;

static void save_signals(void)
{
	sigprocmask(SIG_SETMASK, NULL, &start_mask);
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &start_actions[sig]) != 0)
			continue;
		struct sigaction *sa = &start_actions[sig];
		if ((sa->sa_flags & SA_SIGINFO) || (sa->sa_handler != SIG_DFL && sa->sa_handler != SIG_IGN)) {
			sa->sa_flags = 0;
			sa->sa_handler = SIG_DFL;
			sigaction(sig, sa, NULL);
		}
	}
}

static void restore_signals(void)
{
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &start_actions[sig], NULL);
	sigprocmask(SIG_SETMASK, &start_mask, NULL);
}

/* The runner's own tests (tests/errors/runner/worker_*.yaml) make a run end or misbehave as cv2pdf's
 * code never does on purpose, through this variable of the run's environment (the program ignores
 * it): "exit:N" exits with N, "signal:N" raises signal N (in place of the run), "leave" leaves state
 * behind after the run (another folder, environment variables, umask, an ignored SIGTERM, unread
 * standard input) that the next run must not see. */
#define TEST_HOOK "RUN_CASE_WORKER_TEST"

static void misbehave_before(void)
{
	const char *hook = getenv(TEST_HOOK);
	if (hook && strncmp(hook, "exit:", 5) == 0)
		exit(atoi(hook + 5));
	if (hook && strncmp(hook, "signal:", 7) == 0)
		raise(atoi(hook + 7));
}

static void misbehave_after(void)
{
	const char *hook = getenv(TEST_HOOK);
	if (!hook || strcmp(hook, "leave") != 0)
		return;
	int ok = chdir("/") == 0;
	(void)ok;
	setenv("SOURCE_DATE_EPOCH", "not a date", 1);
	setenv("CV2PDF_FONT_DIR", "/nonexistent", 1);
	umask(0777);
	signal(SIGTERM, SIG_IGN);
	ungetc('x', stdin);
}

/* Every descriptor above the standard three but KEEP and KEEP2 closed: the worker holds no copy of the
 * runner's files (its lock, the next case's pipes). */
static void close_others(int keep, int keep2)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return;
	int self = dirfd(d);
	for (struct dirent *e; (e = readdir(d));) {
		int fd = atoi(e->d_name);
		if (fd > 2 && fd != keep && fd != keep2 && fd != self)
			close(fd);
	}
	closedir(d);
}

/* Opens PATH onto the standard descriptor FD; -1 (a message on the worker's stderr) when it cannot. */
static int redirect(const char *path, int fd, int flags, int err_fd)
{
	int f = open(path, flags, 0666);
	if (f < 0) {
		dprintf(err_fd, "run_case: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
	return 0;
}

/* One run of the request WORDS (N of them); its exit status. *LEAKED: the leak check found some. */
static int run_one(char **words, size_t n, const int saved[3], int *leaked)
{
	*leaked = 0;
	if (n < 6)
		return 126;
	size_t argc = (size_t)strtoul(words[5], NULL, 10);
	if (6 + argc >= n)
		return 126;
	char **argv = words + 6;
	char *env_first = words[6 + argc];
	argv[argc] = NULL; /* the first environment word's slot (the request holds a spare last word) */
	umask((mode_t)strtoul(words[0], NULL, 8));
	if (chdir(words[1]) != 0) {
		dprintf(saved[2], "run_case: cd %s: %s\n", words[1], strerror(errno));
		return 126;
	}
	/* Standard error into the same file as standard output is 2>&1: one descriptor, one offset. */
	int err_to_out = strcmp(words[3], words[4]) == 0;
	if (redirect(words[2], 0, O_RDONLY, saved[2]) || redirect(words[3], 1, O_WRONLY | O_CREAT | O_TRUNC, saved[2]) ||
	    (err_to_out ? dup2(1, 2) < 0 : redirect(words[4], 2, O_WRONLY | O_CREAT | O_TRUNC, saved[2])))
		return 126;
	clearenv();
	for (size_t i = 6 + argc; i < n; i++) {
		char *word = i == 6 + argc ? env_first : words[i];
		char *eq = strchr(word, '=');
		if (eq && eq != word) {
			*eq = '\0';
			setenv(word, eq + 1, 1);
			*eq = '=';
		}
	}
	/* No stdio state from the last run: nothing read ahead, no end-of-file or error flag, and the
	 * buffering a fresh process gives a regular file. */
	__fpurge(stdin);
	clearerr(stdin);
	clearerr(stdout);
	clearerr(stderr);
	setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
	errno = 0;
	misbehave_before();
	int tool = strcmp(argv[0], "qpdf") == 0 || strcmp(argv[0], "pdftotext") == 0;
	int status = tool ? cv_tool_main((int)argc, argv) : cv_cli_main((int)argc, argv);
	if (status == CV_TOOL_UNSUPPORTED)
		status = CASE_WORKER_UNSUPPORTED;
	misbehave_after();
	fflush(stdout);
	fflush(stderr);
#ifdef WORKER_LSAN
	*leaked = __lsan_do_recoverable_leak_check() != 0;
#endif
	__fpurge(stdin);
	for (int fd = 0; fd < 3; fd++)
		dup2(saved[fd], fd);
	restore_signals();
	return status == CASE_WORKER_UNSUPPORTED ? status : status & 0xff; /* as exit() reports it */
}

/* The worker's life: requests from REQ until the runner closes it, replies to REP. */
static __attribute__((noreturn)) void serve(int req, int rep)
{
	close_others(req, rep);
	save_signals();
	int saved[3];
	for (int fd = 0; fd < 3; fd++)
		saved[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	char *buf = NULL;
	char **words = malloc((MAX_WORDS + 1) * sizeof *words);
	for (;;) {
		req_head h;
		if (!words || read_all(req, &h, sizeof h) != 0)
			break;
		buf = realloc(buf, (size_t)h.len + 1);
		if (!buf || read_all(req, buf, h.len) != 0)
			break;
		buf[h.len] = '\0';
		size_t n = 0;
		for (size_t i = 0; i < h.len && n < MAX_WORDS; i += strlen(buf + i) + 1)
			words[n++] = buf + i;
		words[n] = NULL;
		int leaked;
		reply r = {h.seq, 0, 0};
		r.status = run_one(words, n, saved, &leaked);
		r.retiring = leaked;
		if (cv_cli_write_fd(rep, &r, sizeof r) != 0)
			break;
		if (leaked)
			_exit(0); /* the report is in the case's stderr; the next case gets a worker without the leak */
	}
	free(buf);
	free(words);
	for (int fd = 0; fd < 3; fd++)
		close(saved[fd]);
	exit(0);
}

int case_worker_start(case_worker *w)
{
	int req[2], rep[2];
	if (pipe2(req, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(rep, O_CLOEXEC) != 0) {
		close(req[0]);
		close(req[1]);
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(req[0]);
		close(req[1]);
		close(rep[0]);
		close(rep[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0); /* the hang limit's signals reach it and nothing else */
		serve(req[0], rep[1]);
	}
	setpgid(pid, pid);
	close(req[0]);
	close(rep[1]);
	w->pid = pid;
	w->req = req[1];
	w->rep = rep[0];
	return 0;
}

static void add_word(char **buf, size_t *len, size_t *cap, const char *word)
{
	size_t n = strlen(word) + 1;
	if (*len + n > *cap) {
		*cap = (*len + n) * 2;
		*buf = realloc(*buf, *cap);
		if (!*buf) {
			fputs("run_case: out of memory\n", stderr);
			abort();
		}
	}
	memcpy(*buf + *len, word, n);
	*len += n;
}

int case_worker_call(const case_worker *w, const case_run *run, int *retiring)
{
	static uint32_t count;
	char *buf = NULL, num[32];
	size_t len = sizeof(req_head), cap = 0;
	add_word(&buf, &len, &cap, ""); /* room for the head, filled below */
	len = sizeof(req_head);
	snprintf(num, sizeof num, "%o", (unsigned)run->umask);
	add_word(&buf, &len, &cap, num);
	const char *const files[] = {run->cwd, run->in, run->out, run->err};
	for (size_t i = 0; i < 4; i++)
		add_word(&buf, &len, &cap, files[i]);
	size_t argc = 0;
	while (run->argv[argc])
		argc++;
	snprintf(num, sizeof num, "%zu", argc);
	add_word(&buf, &len, &cap, num);
	for (size_t i = 0; i < argc; i++)
		add_word(&buf, &len, &cap, run->argv[i]);
	for (size_t i = 0; run->env[i]; i++)
		add_word(&buf, &len, &cap, run->env[i]);
	add_word(&buf, &len, &cap, ""); /* the spare word the worker's argv[argc] = NULL takes */
	req_head h = {(uint32_t)(len - sizeof h), ((uint32_t)getpid() << 12) ^ ++count};
	memcpy(buf, &h, sizeof h);
	/* A worker that died makes the write fail (EPIPE), not end the caller. */
	struct sigaction ign = {0}, old;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	int sent = cv_cli_write_fd(w->req, buf, len);
	sigaction(SIGPIPE, &old, NULL);
	free(buf);
	if (sent != 0)
		return -1;
	for (;;) {
		reply r;
		if (read_all(w->rep, &r, sizeof r) != 0)
			return -1;
		if (r.seq == h.seq) {
			*retiring = r.retiring;
			return r.status;
		}
	}
}

int case_worker_stop(case_worker *w)
{
	if (!w->pid)
		return -1;
	close(w->req);
	close(w->rep);
	int status;
	pid_t got;
	while ((got = waitpid(w->pid, &status, 0)) < 0 && errno == EINTR)
		;
	w->pid = 0;
	return got < 0 ? -1 : status;
}
