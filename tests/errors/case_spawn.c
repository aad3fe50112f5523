/* case_spawn: programs started for a case, wired and time-limited (case_spawn.h). Never waits
 * without the hang limit's handler in place: a limit passed signals the run's process group from the
 * handler itself.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "case_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* After the hang limit cv2pdf gets SIGTERM (it removes its temporaries on it); one that still runs
 * this many seconds later gets SIGKILL, so that the runner itself never hangs. */
#define KILL_GRACE 5

extern char **environ;

static volatile sig_atomic_t child_pgid;
volatile sig_atomic_t timed_out;

/* The hang limit passed: cv2pdf's process group gets SIGTERM, and SIGKILL KILL_GRACE seconds later.
 * Signalling from the handler leaves no window between a check of a flag and waitpid. */
static void on_alarm(int sig)
{
	(void)sig;
	if (!child_pgid)
		return;
	if (!timed_out) {
		timed_out = 1;
		kill(-(pid_t)child_pgid, SIGTERM);
		alarm(KILL_GRACE);
	} else {
		kill(-(pid_t)child_pgid, SIGKILL);
	}
}

/* The hang limit: in SECONDS, the process group PGID gets SIGTERM (on_alarm). */
void start_limit(pid_t pgid, double seconds)
{
	child_pgid = pgid;
	timed_out = 0;
	struct itimerval t = {{0, 0}, {(time_t)seconds, (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6)}};
	if (t.it_value.tv_sec == 0 && t.it_value.tv_usec == 0)
		t.it_value.tv_usec = 1;
	setitimer(ITIMER_REAL, &t, NULL);
}

void stop_limit(void)
{
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	child_pgid = 0;
}

/* A wait status as a shell reports it: the exit code, or 128 + the signal that ended the process. */
int shell_status(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* This child's environment with the NAME=VALUE entries of EXTRA (a line without '=' sets nothing, as
 * setenv would not), into ENV (pointing at the strings, not copying them). */
void case_env(const strv *extra, strv *env)
{
	for (char **e = environ; *e; e++)
		strv_add(env, *e);
	for (size_t i = 0; extra && i < extra->n; i++) {
		const char *entry = extra->v[i];
		size_t name = strcspn(entry, "=");
		if (!entry[name])
			continue;
		size_t j = 0;
		while (j < env->n && strncmp(env->v[j], entry, name + 1) != 0)
			j++;
		if (j == env->n)
			strv_add(env, (char *)entry);
		else
			env->v[j] = (char *)entry;
	}
}

/* Runs ARGV (found on PATH as execvp does) and returns its status as a shell reports it: the exit
 * code, or 128 + the signal that ended it. Started with posix_spawn (a vfork: the runner's pages are
 * not copied for a process that replaces them at once), which does what a forked child did before
 * its exec: the process group, the standard streams, the environment. */
int run(char *const argv[], const spawn_opts *o)
{
	int pipefd[2] = {-1, -1};
	if (o->capture && pipe2(pipefd, O_CLOEXEC) != 0)
		fail("pipe: %s", strerror(errno));
	fflush(NULL);
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	if (o->timeout > 0) {
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
		posix_spawnattr_setpgroup(&at, 0); /* as timeout(1) does: the signal reaches the wrapper's children too */
	}
	if (o->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, o->cwd);
	if (o->in)
		posix_spawn_file_actions_addopen(&fa, 0, o->in, O_RDONLY, 0);
	if (o->capture)
		posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	else if (o->out)
		posix_spawn_file_actions_addopen(&fa, 1, o->out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (o->err_to_out)
		posix_spawn_file_actions_adddup2(&fa, 1, 2);
	else if (o->err)
		posix_spawn_file_actions_addopen(&fa, 2, o->err, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	strv env = {0};
	case_env(o->env, &env);
	pid_t pid;
	int e = posix_spawnp(&pid, argv[0], &fa, &at, argv, env.v);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	free(env.v);
	if (e) {
		/* A file of the wiring or the program itself (which, posix_spawn does not say). */
		fprintf(stderr, "run_case: cannot run %s: %s\n", argv[0], strerror(e));
		if (o->capture) {
			close(pipefd[0]);
			close(pipefd[1]);
		}
		return e == ENOENT ? 127 : 126;
	}
	if (o->timeout > 0)
		start_limit(pid, o->timeout); /* the group is set: posix_spawn returns after the child's exec */
	if (o->capture) {
		close(pipefd[1]);
		o->capture->len = 0;
		str_adds(o->capture, "");
		char buf[65536];
		for (;;) {
			ssize_t n = read(pipefd[0], buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			str_add(o->capture, buf, (size_t)n);
		}
		close(pipefd[0]);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	}
	if (o->timeout > 0)
		stop_limit();
	return shell_status(status);
}

void limit_handler(void)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_alarm; /* no SA_RESTART: waitpid returns EINTR, and the loop waits again */
	sigaction(SIGALRM, &sa, NULL);
}
