/* case_shell: one bash per runner that runs the catalogue cases' setup and after lines, case after
 * case, each request in a subshell of its own (tests/errors/run_case.c). Why: a bash started per case
 * cost some 10 ms of CPU here (its exec and some 250 fresh pages), a subshell forked from a bash that
 * is already running some 1-2 ms; the lines run as they did (the same options, folder, environment
 * and standard streams, a subshell each).
 * SPDX-License-Identifier: MIT */
#ifndef CASE_SHELL_H
#define CASE_SHELL_H
#include <sys/types.h>

#include "case_util.h"

/* The runner's handle: bash's pid (0: none running), the pipe ends it reads requests from and writes
 * statuses to, and the file that carries a request (below the shard's scratch folder). */
typedef struct {
	pid_t pid;
	int req, rep;
	char *request;
} case_shell;

/* Starts bash (found on PATH, with this process's environment, folder and standard streams), its
 * requests in the file REQUEST. Returns 0, or -1 with errno. */
int case_shell_start(case_shell *sh, const char *request);

/* Runs LINES in bash as `bash -c` did: in a subshell that exports ENV's NAME=VALUE entries, sets -u
 * (and -o pipefail when PIPEFAIL), cd's into DIR from the runner's folder (so $OLDPWD is that
 * folder) and runs each line in a subshell of its own, in turn, until one fails. Returns 0, the
 * 1-based number of the line that failed, 255 when DIR cannot be entered, or -1 when bash is gone
 * (the caller reaps it and starts another). */
int case_shell_run(const case_shell *sh, const char *dir, int pipefail, const strv *env, const strv *lines);

/* Closes the runner's ends (bash then exits) and waits for it. */
void case_shell_stop(case_shell *sh);

#endif
