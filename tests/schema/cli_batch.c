/* cli_batch: many runs of cv2pdf's command line in one process, for the Python tests (schema
 * agreement, the documentation's examples, the themes' traits). Each line of standard input is one
 * run: a folder to run in, then cv2pdf's arguments, separated by tabs. Each is run by cv_cli_main,
 * the call that is all of cv2pdf's main (the program's own code, linked in), with its standard
 * output and standard error caught, and reported on standard output as a line
 * "== STATUS OUT_BYTES ERR_BYTES" followed by those bytes of each.
 * Why: those tests started cv2pdf some two hundred times, and starting a process costs more on this
 * kind of machine than checking a small file. Judges nothing: the callers read what each run said.
 * Usage: cli_batch <RUNS
 * SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/cli.h"

/* The most arguments one run takes: the callers pass a handful. */
#define MAX_ARGS 64

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

int main(void)
{
	int out = dup(1), home = open(".", O_RDONLY | O_DIRECTORY);
	int run_out = memfd_create("cli_batch.out", 0), run_err = memfd_create("cli_batch.err", 0);
	FILE *report = out >= 0 ? fdopen(out, "w") : NULL;
	if (home < 0 || run_out < 0 || run_err < 0 || !report) {
		perror("cli_batch");
		return 3;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		char *args[MAX_ARGS + 1] = {"cv2pdf"};
		int argc = 1;
		char *dir = strtok(line, "\t"), *word;
		while (argc < MAX_ARGS && (word = strtok(NULL, "\t")))
			args[argc++] = word;
		args[argc] = NULL;
		if (!dir || fchdir(home) != 0 || chdir(dir) != 0 || ftruncate(run_out, 0) != 0 ||
		    ftruncate(run_err, 0) != 0 || lseek(run_out, 0, SEEK_SET) != 0 || lseek(run_err, 0, SEEK_SET) != 0) {
			fprintf(stderr, "cli_batch: cannot run in %s\n", dir ? dir : "(no folder)");
			return 3;
		}
		fflush(report);
		int keep_err = dup(2);
		if (keep_err < 0 || dup2(run_out, 1) < 0 || dup2(run_err, 2) < 0) {
			perror("cli_batch");
			return 3;
		}
		int status = cv_cli_main(argc, args);
		dup2(keep_err, 2);
		close(keep_err);
		off_t out_len = lseek(run_out, 0, SEEK_CUR), err_len = lseek(run_err, 0, SEEK_CUR);
		fprintf(report, "== %d %lld %lld\n", status, (long long)out_len, (long long)err_len);
		if (copy(run_out, out_len, report) != 0 || copy(run_err, err_len, report) != 0) {
			perror("cli_batch");
			return 3;
		}
	}
	free(line);
	return fclose(report) == 0 ? 0 : 3;
}
