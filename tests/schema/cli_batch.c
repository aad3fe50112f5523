/* cli_batch: many runs of cv2pdf's command line in one process, for the Python tests (schema
 * agreement, the documentation's examples, the themes' traits) and the bash ones (tests/cli/batch.sh:
 * the command line's and the languages' tests). Each run is cv_cli_main, the call that is all of
 * cv2pdf's main (the program's own code, linked in), in the folder and with the arguments given.
 * Why: those tests started cv2pdf some five hundred times, and on this kind of machine starting a
 * process (its fresh pages) costs more than the render it is for; a render in a process that has
 * already rendered reuses the memory the last one touched. Judges nothing: the callers read what
 * each run said (and tests/cli/batch.sh runs every Nth run through the real cv2pdf as well).
 *
 * Protocol, on standard input, one line each (fields separated by tabs, so no field holds a tab or
 * a line end):
 *   FOLDER<TAB>ARG<TAB>ARG...   one run: cv2pdf ARG... in FOLDER (a folder must not start with '@')
 * and before a run, any of these settings for that run alone (undone after it):
 *   @env<TAB>NAME=VALUE         the variable set    @unset<TAB>NAME    the variable unset
 *   @stdin<TAB>FILE             standard input read from FILE (else /dev/null: never this protocol)
 *   @out<TAB>FILE  @err<TAB>FILE  standard output / error written to FILE (made, or emptied), not
 *                               into the report; FILE (as @stdin's) is relative to the run's FOLDER
 *   @tool<TAB>NAME              the run is of qpdf, pdftotext or pdffonts (NAME), not cv2pdf: the
 *                               program's own code in this process (tests/tools/pdf_tools.h); its
 *                               status is -1 when this build cannot run that call so (the caller
 *                               runs the program)
 * The report, on standard output, per run: a line "== STATUS OUT_BYTES ERR_BYTES", then those bytes
 * of standard output and of standard error, but for those that went to an @out or @err file (whose
 * bytes are counted there, not repeated).
 *   @umask<TAB>OCTAL            the run's umask (a new output's mode comes from it: src/cli/write.c)
 * Between runs the process is put back as it was: folder, environment, umask, standard descriptors,
 * stdio's state of stdin and stdout. A run that crashes or hangs takes the process with it: the
 * caller sees the report end (tests/cli/batch.sh then fails that run by name and starts another).
 * Usage: cli_batch <RUNS >REPORT
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "pdf_tools.h"

/* The most arguments one run takes: the callers pass a handful. */
#define MAX_ARGS 64
/* The most variables one run sets or unsets: the callers set one or two. */
#define MAX_ENV 16

/* A variable a run changed, with the value to put back (NULL: it was unset). */
typedef struct {
	char *name, *old;
} saved_var;

/* One run's settings, from the '@' lines before it. */
typedef struct {
	saved_var vars[MAX_ENV];
	int n_vars;
	char *stdin_file, *out_file, *err_file, *tool;
	int umask_set;
	mode_t old_umask;
} settings;

static void fail(const char *what, const char *arg)
{
	fprintf(stderr, "cli_batch: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
	exit(3);
}

/* Copies what fd (a memfd, written from its start) holds to report. */
static int copy(int fd, off_t len, FILE *report)
{
	if (len == 0)
		return 0;
	char *text = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (text == MAP_FAILED)
		return -1;
	fwrite(text, 1, (size_t)len, report);
	munmap(text, (size_t)len);
	return 0;
}

/* Records one '@' line into s; the environment is changed at once (and put back by undo). */
static void setting(settings *s, char *key, char *value)
{
	if (!value)
		fail("a setting without its value", key);
	if (strcmp(key, "@env") == 0 || strcmp(key, "@unset") == 0) {
		char *eq = strchr(value, '=');
		int set = key[1] == 'e';
		if (s->n_vars == MAX_ENV || (set && (!eq || eq == value)) || (!set && eq))
			fail("a bad or one too many variables", value);
		saved_var *v = &s->vars[s->n_vars++];
		v->name = set ? strndup(value, (size_t)(eq - value)) : strdup(value);
		const char *old = getenv(v->name);
		v->old = old ? strdup(old) : NULL;
		if (set ? setenv(v->name, eq + 1, 1) : unsetenv(v->name))
			fail("cannot change the variable", value);
	} else if (strcmp(key, "@stdin") == 0) {
		free(s->stdin_file), s->stdin_file = strdup(value);
	} else if (strcmp(key, "@out") == 0) {
		free(s->out_file), s->out_file = strdup(value);
	} else if (strcmp(key, "@err") == 0) {
		free(s->err_file), s->err_file = strdup(value);
	} else if (strcmp(key, "@tool") == 0) {
		free(s->tool), s->tool = strdup(value);
	} else if (strcmp(key, "@umask") == 0) {
		char *end;
		unsigned long mask = strtoul(value, &end, 8);
		if (*end || end == value || mask > 0777)
			fail("a bad umask", value);
		mode_t old = umask((mode_t)mask);
		if (!s->umask_set)
			s->old_umask = old;
		s->umask_set = 1;
	} else {
		fail("an unknown setting", key);
	}
}

/* Puts the environment back as it was before the run's settings, in reverse order (a variable set
 * twice gets its first old value back), and forgets the settings. */
static void undo(settings *s)
{
	for (int i = s->n_vars - 1; i >= 0; i--) {
		saved_var *v = &s->vars[i];
		if (v->old ? setenv(v->name, v->old, 1) : unsetenv(v->name))
			fail("cannot restore the variable", v->name);
		free(v->name);
		free(v->old);
	}
	free(s->stdin_file);
	free(s->out_file);
	free(s->err_file);
	free(s->tool);
	if (s->umask_set)
		umask(s->old_umask);
	*s = (settings){0};
}

/* The descriptor standard output or error of a run writes to: FILE when given (made or emptied, in
 * the run's folder), else the memfd, emptied. */
static int sink(const char *file, int memfd)
{
	if (file) {
		int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0)
			fail("cannot open the output", file);
		return fd;
	}
	if (ftruncate(memfd, 0) != 0 || lseek(memfd, 0, SEEK_SET) != 0)
		fail("cannot empty a memfd", NULL);
	return memfd;
}

int main(void)
{
	/* The protocol is read from a descriptor of its own: a run's standard input is its @stdin file,
	 * else /dev/null, as cv2pdf's would be with nothing to read. */
	int in = fcntl(0, F_DUPFD_CLOEXEC, 3), out = fcntl(1, F_DUPFD_CLOEXEC, 3);
	int home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int run_out = memfd_create("cli_batch.out", MFD_CLOEXEC), run_err = memfd_create("cli_batch.err", MFD_CLOEXEC);
	int keep_err = fcntl(2, F_DUPFD_CLOEXEC, 3), null = open("/dev/null", O_RDWR | O_CLOEXEC);
	FILE *runs = in >= 0 ? fdopen(in, "r") : NULL, *report = out >= 0 ? fdopen(out, "w") : NULL;
	/* Between runs standard input and output are /dev/null: nothing strays into the report. */
	if (home < 0 || run_out < 0 || run_err < 0 || keep_err < 0 || null < 0 || !runs || !report ||
	    dup2(null, 0) < 0 || dup2(null, 1) < 0) {
		perror("cli_batch");
		return 3;
	}
	settings s = {0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, runs)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		char *args[MAX_ARGS + 1] = {"cv2pdf"};
		int argc = 1;
		/* strsep, not strtok: an empty argument (--stdin-filename '') is an argument. */
		char *rest = line, *dir = strsep(&rest, "\t");
		if (dir[0] == '@') {
			setting(&s, dir, strsep(&rest, "\t"));
			continue;
		}
		if (s.tool)
			args[0] = s.tool;
		while (argc < MAX_ARGS && rest)
			args[argc++] = strsep(&rest, "\t");
		if (rest)
			fail("more arguments than MAX_ARGS", dir);
		args[argc] = NULL;
		if (fchdir(home) != 0 || chdir(dir) != 0)
			fail("cannot run in the folder", dir);
		int fd_in = open(s.stdin_file ? s.stdin_file : "/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd_in < 0)
			fail("cannot open the standard input", s.stdin_file);
		int fd_out = sink(s.out_file, run_out), fd_err = sink(s.err_file, run_err);
		if (dup2(fd_in, 0) < 0 || dup2(fd_out, 1) < 0 || dup2(fd_err, 2) < 0)
			fail("cannot set the standard descriptors", NULL);
		/* stdio's stdin may hold the last run's unread bytes, or its end-of-file. */
		__fpurge(stdin);
		clearerr(stdin);
		clearerr(stdout);
		int status = s.tool ? cv_tool_main(argc, args) : cv_cli_main(argc, args);
		fflush(stdout);
		fflush(stderr);
		off_t out_len = lseek(1, 0, SEEK_CUR), err_len = lseek(2, 0, SEEK_CUR);
		if (dup2(keep_err, 2) < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0)
			fail("cannot restore the standard descriptors", NULL);
		close(fd_in);
		if (fd_out != run_out)
			close(fd_out);
		if (fd_err != run_err)
			close(fd_err);
		fprintf(report, "== %d %lld %lld\n", status, (long long)out_len, (long long)err_len);
		if ((fd_out == run_out && copy(run_out, out_len, report) != 0) ||
		    (fd_err == run_err && copy(run_err, err_len, report) != 0))
			fail("cannot copy a run's output", NULL);
		/* A caller may wait for this run's answer before it sends the next run. */
		if (fflush(report) != 0)
			fail("cannot write the report", NULL);
		undo(&s);
	}
	free(line);
	return fclose(report) == 0 ? 0 : 3;
}
