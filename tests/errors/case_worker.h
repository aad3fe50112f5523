/* case_worker: runs cv2pdf's command line (cv_cli_main) for case after case in one persistent process,
 * for tests/errors/run_case.c. The runner starts it and sends it one run at a time
 * and reads back the exit status. Why: on this kind of machine a new process pays for every page it
 * touches (some 700 faults and 29 ms a render), while a render in a process that already rendered
 * reuses the memory of the last one (some 90 faults and 8 ms).
 * SPDX-License-Identifier: MIT */
#ifndef CV2PDF_TESTS_CASE_WORKER_H
#define CV2PDF_TESTS_CASE_WORKER_H

#include <sys/types.h>

/* The parent's handle: the worker's pid (0: none running) and its two pipes' ends. */
typedef struct {
	pid_t pid;
	int req, rep;
} case_worker;

/* One run, as a fresh process of the program would have it: its arguments (argv[0] the program's
 * path; "qpdf" or "pdftotext" for a check's run of that program's own code, pdf_tools.h), its whole
 * environment, working folder, umask and the files of its standard streams (ERR the same path as
 * OUT: one file for both, as 2>&1). */
typedef struct {
	char *const *argv;
	char *const *env;
	const char *cwd, *in, *out, *err;
	mode_t umask;
} case_run;

/* What case_worker_call returns for a qpdf or pdftotext run the in-process code does not take
 * (CV_TOOL_UNSUPPORTED): nothing ran, the caller runs the program. Not a status a program returns. */
#define CASE_WORKER_UNSUPPORTED 1000

/* Starts a worker (forked from the caller, in a process group of its own). Returns 0, or -1 with errno. */
int case_worker_start(case_worker *w);

/* Sends RUN to the worker and waits for its exit status; a signal (the hang limit's alarm) does not end
 * the wait. Returns the status, or -1 when the worker ended before answering (it died: its wait status
 * is the parent's to tell). *RETIRING: the worker ends after this answer (its leak check found a leak,
 * reported in the run's stderr). */
int case_worker_call(const case_worker *w, const case_run *run, int *retiring);

/* Closes the parent's ends (the worker then exits) and waits for it. Returns its wait status, or -1. */
int case_worker_stop(case_worker *w);

#endif
