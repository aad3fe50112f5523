/* case_spawn: the case runner's programs (tests/errors/run_case.c): a program started with its
 * standard streams, environment, folder and hang limit wired as a case says, and its status as a
 * shell reports it. Kept apart so that the runner's file is the cases and their checks.
 * SPDX-License-Identifier: MIT */
#ifndef CASE_SPAWN_H
#define CASE_SPAWN_H
#include <signal.h>
#include <sys/types.h>

#include "case_util.h"

/* How a run is wired: files for the standard streams (NULL: the runner's own), or a pipe read into
 * CAPTURE for standard output; extra NAME=VALUE entries for the environment; a working directory;
 * a hang limit (0: none). */
typedef struct {
	const char *in, *out, *err;
	int err_to_out;
	str *capture;
	const strv *env;
	const char *cwd;
	double timeout;
} spawn_opts;

/* Set when the running hang limit passed (start_limit): the run was signalled. */
extern volatile sig_atomic_t timed_out;

/* Installs the hang limit's SIGALRM handler (once, before any start_limit). */
void limit_handler(void);
/* The hang limit: in SECONDS, the process group PGID gets SIGTERM, and SIGKILL some seconds later;
 * stop_limit ends it. */
void start_limit(pid_t pgid, double seconds);
void stop_limit(void);
/* A wait status as a shell reports it: the exit code, or 128 + the signal that ended the process. */
int shell_status(int status);
/* This process's environment with the NAME=VALUE entries of EXTRA, into ENV (pointers, not copies). */
void case_env(const strv *extra, strv *env);
/* Runs ARGV (found on PATH) wired as O says; returns its status as a shell reports it. */
int run(char *const argv[], const spawn_opts *o);

#endif
