/* case_shell: the persistent bash of the catalogue's setup and after lines (case_shell.h). Talks
 * through a pipe each way and a request file; never runs a line itself outside a subshell, so that a
 * line's cd, exit, variables or traps end with its request.
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "case_shell.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* bash's loop: a line on descriptor 3 says a request is in the file $1 (NUL-separated: folder, set's
 * options, the number of exported entries, the entries, the lines); the status goes back on 4. The
 * request's subshell closes 3 and 4 first, so that no program of a line holds them. Its names start
 * with __ so that no line's own variable meets them. */
static const char loop[] =
	"while IFS= read -r __go <&3; do\n"
	"  mapfile -d '' -t __r <\"$1\"\n"
	"  (\n"
	"    exec 3<&- 4>&-\n"
	"    __n=${__r[2]}\n"
	"    for ((__k = 0; __k < __n; __k++)); do export \"${__r[3 + __k]}\"; done\n"
	"    __dir=${__r[0]} __opts=${__r[1]}\n"
	"    set -- \"${__r[@]:3 + __n}\"\n"
	"    unset __r __n __k __go\n"
	"    set $__opts\n"
	"    cd \"$__dir\" || exit 255\n"
	"    __i=0\n"
	"    for __c; do __i=$((__i + 1)); (eval \"$__c\") || exit $__i; done\n"
	"  )\n"
	"  printf '%d\\n' $? >&4\n"
	"done\n";

extern char **environ;

int case_shell_start(case_shell *sh, const char *request)
{
	int req[2], rep[2];
	if (pipe2(req, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(rep, O_CLOEXEC) != 0) {
		close(req[0]);
		close(req[1]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, req[0], 3);
	posix_spawn_file_actions_adddup2(&fa, rep[1], 4);
	char *argv[] = {"bash", "-c", (char *)loop, "run_case", (char *)request, NULL};
	fflush(NULL);
	pid_t pid;
	int e = posix_spawnp(&pid, "bash", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(req[0]);
	close(rep[1]);
	if (e) {
		close(req[1]);
		close(rep[0]);
		errno = e;
		return -1;
	}
	sh->pid = pid;
	sh->req = req[1];
	sh->rep = rep[0];
	sh->request = xstrdup(request);
	return 0;
}

/* S and its NUL into R. */
static void add_word(str *r, const char *s)
{
	str_add(r, s, strlen(s) + 1);
}

int case_shell_run(const case_shell *sh, const char *dir, int pipefail, const strv *env, const strv *lines)
{
	str r = {0};
	add_word(&r, dir);
	add_word(&r, pipefail ? "-uo pipefail" : "-u");
	size_t n = 0;
	for (size_t i = 0; i < env->n; i++)
		n += strchr(env->v[i], '=') != NULL;
	char count[32];
	snprintf(count, sizeof count, "%zu", n);
	add_word(&r, count);
	for (size_t i = 0; i < env->n; i++)
		if (strchr(env->v[i], '='))
			add_word(&r, env->v[i]);
	for (size_t i = 0; i < lines->n; i++)
		add_word(&r, lines->v[i]);
	FILE *f = fopen(sh->request, "w");
	if (!f || fwrite(r.p, 1, r.len, f) != r.len || fclose(f) != 0)
		fail("cannot write %s: %s", sh->request, strerror(errno));
	free(r.p);
	fflush(NULL);
	/* A bash that died must not end the runner with SIGPIPE: the read below says it is gone. */
	struct sigaction ign = {0}, old;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	ssize_t put = write(sh->req, "\n", 1);
	sigaction(SIGPIPE, &old, NULL);
	if (put != 1)
		return -1;
	char buf[32];
	size_t got = 0;
	while (got < sizeof buf - 1) {
		ssize_t k = read(sh->rep, buf + got, 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		if (buf[got] == '\n')
			break;
		got++;
	}
	buf[got] = '\0';
	return atoi(buf);
}

void case_shell_stop(case_shell *sh)
{
	close(sh->req);
	close(sh->rep);
	/* The workers, forked from the runner, hold copies of the request pipe's end: bash would wait
	 * for more. It waits in read, between requests. */
	kill(sh->pid, SIGTERM);
	int status;
	while (waitpid(sh->pid, &status, 0) < 0 && errno == EINTR)
		;
	sh->pid = 0;
	free(sh->request);
	sh->request = NULL;
}
