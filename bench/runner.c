/* Runs commands repeatedly, each in a fresh process, interleaved (a, b, a, b, ...) so that noise from
 * other load hits all of them alike, and prints for each the median, minimum and maximum wall time
 * (clock_gettime around fork/exec/wait), CPU time (user + system, from wait4) and peak resident memory
 * (wait4's ru_maxrss). Under other load, CPU time varies less than wall time.
 * Usage: runner RUNS -- LABEL CMD [ARGS...] [-- LABEL CMD [ARGS...]]...
 * Output, one line per command: LABEL wall_median wall_min wall_max (ms) cpu_median cpu_min cpu_max (ms)
 * rss_median rss_min rss_max (KiB)
 * SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 16

typedef struct cmd {
	const char *label;
	char **argv;
	double *ms, *cpu;
	long *kib;
} cmd;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void run_once(cmd *c, int i)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		perror("runner: fork");
		exit(1);
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runner: wait4");
		exit(1);
	}
	c->ms[i] = now_ms() - t0;
	c->kib[i] = ru.ru_maxrss;
	c->cpu[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "runner: %s failed (status %d)\n", c->label, status);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc < 5 || strcmp(argv[2], "--") != 0) {
		fprintf(stderr, "usage: runner RUNS -- LABEL CMD [ARGS...] [-- LABEL CMD [ARGS...]]...\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	if (runs < 1)
		runs = 1;
	cmd cmds[MAX_CMDS];
	int n = 0;
	for (int i = 2; i < argc && n < MAX_CMDS; i++) {
		if (strcmp(argv[i], "--") != 0 || i + 2 >= argc)
			continue;
		cmds[n].label = argv[i + 1];
		cmds[n].argv = &argv[i + 2];
		cmds[n].ms = calloc((size_t)runs, sizeof(double));
		cmds[n].cpu = calloc((size_t)runs, sizeof(double));
		cmds[n].kib = calloc((size_t)runs, sizeof(long));
		n++;
	}
	/* Terminate each command's argv at the next separator. */
	for (int i = 3; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			argv[i] = NULL;
	for (int k = 0; k < n; k++)
		run_once(&cmds[k], 0); /* warm-up: page cache and dynamic loader, not counted */
	for (int i = 0; i < runs; i++)
		for (int k = 0; k < n; k++)
			run_once(&cmds[k], i);
	for (int k = 0; k < n; k++) {
		qsort(cmds[k].ms, (size_t)runs, sizeof(double), cmp_double);
		qsort(cmds[k].cpu, (size_t)runs, sizeof(double), cmp_double);
		qsort(cmds[k].kib, (size_t)runs, sizeof(long), cmp_long);
		printf("%s %.2f %.2f %.2f %.2f %.2f %.2f %ld %ld %ld\n", cmds[k].label, cmds[k].ms[runs / 2],
		       cmds[k].ms[0], cmds[k].ms[runs - 1], cmds[k].cpu[runs / 2], cmds[k].cpu[0],
		       cmds[k].cpu[runs - 1], cmds[k].kib[runs / 2], cmds[k].kib[0], cmds[k].kib[runs - 1]);
		free(cmds[k].ms);
		free(cmds[k].cpu);
		free(cmds[k].kib);
	}
	return 0;
}
